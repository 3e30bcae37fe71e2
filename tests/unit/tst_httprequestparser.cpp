#include "server/http/HttpRequestParser.h"

#include <QtTest>

using Status = HttpRequestParser::Status;

class tst_HttpRequestParser : public QObject
{
    Q_OBJECT

private slots:
    void parsesValidRequest();
    void acceptsHttp10WithoutHost();
    void keepsEveryValueOfARepeatedHeader();
    void parsesPipelinedRequestsFromOneBuffer();
    void parsesByteAtATime();
    void acceptsBodyOfExactlyTheLimit();
    void staysFailedAfterError();
    void rejectsMalformed_data();
    void rejectsMalformed();
};

void tst_HttpRequestParser::parsesValidRequest()
{
    HttpRequestParser parser;
    parser.append("POST /accounts/a%20b/transfers?limit=5&x=%41 HTTP/1.1\r\n"
                  "Host: localhost:8080\r\n"
                  "Content-TYPE:  application/json \t\r\n"
                  "X-Empty:\r\n"
                  "Content-Length: 7\r\n"
                  "\r\n"
                  "{\"a\":1}");
    QCOMPARE(parser.next(), Status::Complete);
    const HttpRequest request = parser.takeRequest();
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.target, QByteArray("/accounts/a%20b/transfers?limit=5&x=%41"));
    QCOMPARE(request.path, QByteArray("/accounts/a b/transfers"));
    QCOMPARE(request.query, QByteArray("limit=5&x=%41"));
    QCOMPARE(request.minorVersion, 1);
    QCOMPARE(request.headers.size(), 4);
    QCOMPARE(request.headers.at(1).first, QByteArray("content-type"));
    QCOMPARE(request.headers.at(1).second, QByteArray("application/json"));
    QCOMPARE(request.header("x-empty"), QByteArray(""));
    QCOMPARE(request.header("HOST"), QByteArray("localhost:8080"));
    QCOMPARE(request.body, QByteArray("{\"a\":1}"));
    QCOMPARE(request.queryItem(QStringLiteral("x")), QStringLiteral("A"));
    QCOMPARE(parser.next(), Status::Incomplete);
    QVERIFY(!parser.hasBufferedBytes());
}

void tst_HttpRequestParser::keepsEveryValueOfARepeatedHeader()
{
    HttpRequestParser parser;
    parser.append("GET / HTTP/1.1\r\nHost: x\r\nIdempotency-Key: a\r\nX-Other: o\r\nidempotency-KEY:  b, c \r\n\r\n");
    QCOMPARE(parser.next(), Status::Complete);
    const HttpRequest request = parser.takeRequest();
    QCOMPARE(request.headerValues("Idempotency-Key"), (QList<QByteArray>{"a", "b, c"}));
    QCOMPARE(request.header("idempotency-key"), QByteArray("a"));
    QCOMPARE(request.headerValues("x-other"), QList<QByteArray>{"o"});
    QCOMPARE(request.headerValues("x-absent"), QList<QByteArray>());
}

void tst_HttpRequestParser::acceptsHttp10WithoutHost()
{
    HttpRequestParser parser;
    parser.append("\r\nGET /health HTTP/1.0\r\n\r\n");
    QCOMPARE(parser.next(), Status::Complete);
    const HttpRequest request = parser.takeRequest();
    QCOMPARE(request.minorVersion, 0);
    QCOMPARE(request.path, QByteArray("/health"));
    QVERIFY(request.query.isNull());
    QVERIFY(request.body.isEmpty());
}

void tst_HttpRequestParser::parsesPipelinedRequestsFromOneBuffer()
{
    HttpRequestParser parser;
    parser.append("PUT /one HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
                  "GET /two HTTP/1.1\r\nHost: h\r\n\r\n"
                  "GET /thr");
    QCOMPARE(parser.next(), Status::Complete);
    const HttpRequest first = parser.takeRequest();
    QCOMPARE(first.path, QByteArray("/one"));
    QCOMPARE(first.body, QByteArray("abc"));
    QCOMPARE(parser.next(), Status::Complete);
    const HttpRequest second = parser.takeRequest();
    QCOMPARE(second.method, QByteArray("GET"));
    QCOMPARE(second.path, QByteArray("/two"));
    QVERIFY(second.body.isEmpty());
    QCOMPARE(parser.next(), Status::Incomplete);
    QVERIFY(parser.hasBufferedBytes());
    parser.append("ee HTTP/1.1\r\nHost: h\r\n\r\n");
    QCOMPARE(parser.next(), Status::Complete);
    QCOMPARE(parser.takeRequest().path, QByteArray("/three"));
    QVERIFY(!parser.hasBufferedBytes());
}

void tst_HttpRequestParser::parsesByteAtATime()
{
    const QByteArray wire = "PATCH /x?y HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello";
    HttpRequestParser parser;
    for (qsizetype i = 0; i < wire.size() - 1; ++i) {
        parser.append(wire.sliced(i, 1));
        QCOMPARE(parser.next(), Status::Incomplete);
    }
    parser.append(wire.sliced(wire.size() - 1));
    QCOMPARE(parser.next(), Status::Complete);
    const HttpRequest request = parser.takeRequest();
    QCOMPARE(request.method, QByteArray("PATCH"));
    QCOMPARE(request.query, QByteArray("y"));
    QCOMPARE(request.body, QByteArray("hello"));
}

void tst_HttpRequestParser::acceptsBodyOfExactlyTheLimit()
{
    HttpServerLimits limits;
    limits.maxBodyBytes = 10;
    HttpRequestParser parser(limits);
    parser.append("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\n0123456789");
    QCOMPARE(parser.next(), Status::Complete);
    QCOMPARE(parser.takeRequest().body.size(), 10);

    parser.append("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\n");
    QCOMPARE(parser.next(), Status::Failed);
    QCOMPARE(parser.error().status(), 413);
}

void tst_HttpRequestParser::staysFailedAfterError()
{
    HttpRequestParser parser;
    parser.append("GET / HTTP/1.1\nHost: h\n\n");
    QCOMPARE(parser.next(), Status::Failed);
    parser.append("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
    QCOMPARE(parser.next(), Status::Failed);
    QCOMPARE(parser.error().code, ProblemCode::MalformedRequest);
}

void tst_HttpRequestParser::rejectsMalformed_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("status");

    const QByteArray host = "Host: h\r\n";
    const QByteArray get = "GET / HTTP/1.1\r\n";
    const QByteArray post = "POST / HTTP/1.1\r\n" + host;

    QTest::newRow("garbage request line") << QByteArray("HELLO\r\n\r\n") << 400;
    QTest::newRow("missing version") << QByteArray("GET /\r\n" + host + "\r\n") << 400;
    QTest::newRow("HTTP/2.0") << QByteArray("GET / HTTP/2.0\r\n" + host + "\r\n") << 400;
    QTest::newRow("HTTP/1.2") << QByteArray("GET / HTTP/1.2\r\n" + host + "\r\n") << 400;
    QTest::newRow("lowercase method") << QByteArray("get / HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("invalid method char") << QByteArray("G@T / HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("double space") << QByteArray("GET  / HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("trailing space") << QByteArray("GET / HTTP/1.1 \r\n" + host + "\r\n") << 400;
    QTest::newRow("absolute-form target") << QByteArray("GET http://h/ HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("asterisk target") << QByteArray("OPTIONS * HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("tab in target") << QByteArray("GET /a\tb HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("obs-fold") << QByteArray(get + host + "X-A: b\r\n c\r\n\r\n") << 400;
    QTest::newRow("bare LF everywhere") << QByteArray("GET / HTTP/1.1\nHost: h\n\n") << 400;
    QTest::newRow("bare LF in header") << QByteArray(get + "Host: h\n\r\n") << 400;
    QTest::newRow("NUL in header value") << QByteArray(get + host + QByteArray("X-A: b\0c\r\n\r\n", 12)) << 400;
    QTest::newRow("NUL in header name") << QByteArray(get + host + QByteArray("X\0A: b\r\n\r\n", 10)) << 400;
    QTest::newRow("CR in header value") << QByteArray(get + host + "X-A: b\rc\r\n\r\n") << 400;
    QTest::newRow("space before colon") << QByteArray(get + "Host : h\r\n\r\n") << 400;
    QTest::newRow("no colon") << QByteArray(get + host + "X-A\r\n\r\n") << 400;
    QTest::newRow("missing Host") << QByteArray(get + "\r\n") << 400;
    QTest::newRow("duplicate Host") << QByteArray(get + host + host + "\r\n") << 400;
    QTest::newRow("duplicate Content-Length")
        << QByteArray(post + "Content-Length: 1\r\nContent-Length: 1\r\n\r\na") << 400;
    QTest::newRow("negative Content-Length") << QByteArray(post + "Content-Length: -1\r\n\r\n") << 400;
    QTest::newRow("plus Content-Length") << QByteArray(post + "Content-Length: +5\r\n\r\n") << 400;
    QTest::newRow("list Content-Length") << QByteArray(post + "Content-Length: 1,2\r\n\r\n") << 400;
    QTest::newRow("space inside Content-Length") << QByteArray(post + "Content-Length: 1 2\r\n\r\n") << 400;
    QTest::newRow("non-digit Content-Length") << QByteArray(post + "Content-Length: abc\r\n\r\n") << 400;
    QTest::newRow("empty Content-Length") << QByteArray(post + "Content-Length:\r\n\r\n") << 400;
    QTest::newRow("huge Content-Length") << QByteArray(post + "Content-Length: 99999999999999999999999999\r\n\r\n")
                                         << 413;
    QTest::newRow("body over 64 KiB, headers only") << QByteArray(post + "Content-Length: 65537\r\n\r\n") << 413;
    QTest::newRow("Transfer-Encoding chunked") << QByteArray(post + "Transfer-Encoding: chunked\r\n\r\n") << 501;
    QTest::newRow("Transfer-Encoding identity")
        << QByteArray(post + "Transfer-Encoding: identity\r\nContent-Length: 1\r\n\r\n") << 501;
    QTest::newRow("POST without Content-Length") << QByteArray(post + "\r\n") << 411;
    QTest::newRow("PUT without Content-Length") << QByteArray("PUT / HTTP/1.1\r\n" + host + "\r\n") << 411;
    QTest::newRow("PATCH without Content-Length") << QByteArray("PATCH / HTTP/1.1\r\n" + host + "\r\n") << 411;
    QTest::newRow("header section over 16 KiB, unfinished")
        << QByteArray(get + host + "X-Big: " + QByteArray(16 * 1024, 'a')) << 431;
    QTest::newRow("request line over 16 KiB, unfinished") << QByteArray("GET /" + QByteArray(17 * 1024, 'a')) << 431;
    QTest::newRow("bad percent escape") << QByteArray("GET /a%zz HTTP/1.1\r\n" + host + "\r\n") << 400;
    QTest::newRow("truncated percent escape") << QByteArray("GET /a%2 HTTP/1.1\r\n" + host + "\r\n") << 400;
}

void tst_HttpRequestParser::rejectsMalformed()
{
    QFETCH(QByteArray, input);
    QFETCH(int, status);
    HttpRequestParser parser;
    parser.append(input);
    // Failed, not Incomplete: every error must be reported without waiting for more bytes.
    QCOMPARE(parser.next(), Status::Failed);
    QCOMPARE(parser.error().status(), status);
    QVERIFY(!parser.error().detail.isEmpty());
}

QTEST_GUILESS_MAIN(tst_HttpRequestParser)
#include "tst_httprequestparser.moc"
