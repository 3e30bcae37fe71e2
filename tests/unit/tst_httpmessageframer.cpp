// Where each HTTP/1.1 request and response ends in a byte stream: whole, in pieces, several at once,
// and the streams that cannot be framed.
#include "shared/httpframing/HttpMessageFramer.h"

#include <QTest>

using Kind = HttpMessageFramer::Kind;

class TestHttpMessageFramer : public QObject
{
    Q_OBJECT
private slots:
    void requestWithBodyArrivesInPieces()
    {
        HttpMessageFramer framer(Kind::Request);
        const QByteArray request
            = "POST /v1/transfers HTTP/1.1\r\nHost: x\r\nIdempotency-Key: idk_1\r\nContent-Length: 5\r\n\r\nhello";
        for (qsizetype i = 0; i < request.size() - 1; ++i) {
            framer.append(request.mid(i, 1));
            QVERIFY(!framer.take());
        }
        framer.append(request.right(1));
        const auto message = framer.take();
        QVERIFY(message);
        QCOMPARE(message->bytes, request);
        QCOMPARE(message->startLine, QByteArray("POST /v1/transfers HTTP/1.1"));
        QCOMPARE(message->header("idempotency-key"), QByteArray("idk_1"));
        QCOMPARE(message->body(), QByteArray("hello"));
        QVERIFY(!message->closesConnection());
        QCOMPARE(framer.buffered(), 0);
        QVERIFY(!framer.failed());
    }

    void pipelinedRequestsComeOutOneByOne()
    {
        HttpMessageFramer framer(Kind::Request);
        framer.append("GET /a HTTP/1.1\r\nHost: x\r\n\r\n\r\nPOST /b HTTP/1.1\r\nContent-Length: 2\r\nConnection: "
                      "close\r\n\r\nokGET /c");
        const auto first = framer.take();
        const auto second = framer.take();
        QVERIFY(first && second);
        QCOMPARE(first->startLine, QByteArray("GET /a HTTP/1.1"));
        QCOMPARE(first->body(), QByteArray());
        QCOMPARE(second->startLine, QByteArray("POST /b HTTP/1.1"));
        QCOMPARE(second->body(), QByteArray("ok"));
        QVERIFY(second->closesConnection());
        QVERIFY(!framer.take());
        QCOMPARE(framer.buffered(), 6);
    }

    void responses()
    {
        HttpMessageFramer framer(Kind::Response);
        framer.append("HTTP/1.1 100 Continue\r\n\r\n"
                      "HTTP/1.1 201 Created\r\nContent-Length: 2\r\nIdempotent-Replayed: true\r\n\r\n{}"
                      "HTTP/1.1 204 No Content\r\n\r\n"
                      "HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\n"
                      "HTTP/1.0 409 Conflict\r\nContent-Length: 1\r\n\r\nx");
        const auto interim = framer.take();
        QVERIFY(interim && interim->isInterim());
        QCOMPARE(interim->status(), 100);
        const auto created = framer.take();
        QVERIFY(created && !created->isInterim());
        QCOMPARE(created->status(), 201);
        QCOMPARE(created->body(), QByteArray("{}"));
        QCOMPARE(created->header("IDEMPOTENT-REPLAYED"), QByteArray("true"));
        const auto noContent = framer.take();
        QVERIFY(noContent);
        QCOMPARE(noContent->status(), 204);
        // The answer to a HEAD request has no body, whatever its Content-Length says.
        const auto head = framer.take("HEAD");
        QVERIFY(head);
        QCOMPARE(head->status(), 200);
        QCOMPARE(head->body(), QByteArray());
        const auto http10 = framer.take();
        QVERIFY(http10);
        QCOMPARE(http10->status(), 409);
        QVERIFY(http10->closesConnection());
        QCOMPARE(framer.buffered(), 0);
    }

    void unframeableStreamsFail_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("chunked request") << int(
            Kind::Request) << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        QTest::newRow("two lengths") << int(
            Kind::Request) << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab");
        QTest::newRow("bad length") << int(Kind::Request)
                                    << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n");
        QTest::newRow("bad request line") << int(Kind::Request) << QByteArray("GARBAGE\r\n\r\n");
        QTest::newRow("response until close") << int(Kind::Response) << QByteArray("HTTP/1.1 200 OK\r\n\r\nbody");
        QTest::newRow("bad status line") << int(Kind::Response) << QByteArray("HTTX 200\r\nContent-Length: 0\r\n\r\n");
        QTest::newRow("huge head") << int(
            Kind::Request) << QByteArray("GET / HTTP/1.1\r\nX: ") + QByteArray(HttpMessageFramer::kMaxHeadBytes, 'a');
        QTest::newRow("not a number") << int(Kind::Request)
                                      << QByteArray("POST / HTTP/1.1\r\nContent-Length: five\r\n\r\nhello");
        QTest::newRow("empty") << int(Kind::Request) << QByteArray("POST / HTTP/1.1\r\nContent-Length:\r\n\r\n");
        QTest::newRow("negative response")
            << int(Kind::Response) << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: -4\r\n\r\nbody");
        QTest::newRow("two lengths in a response")
            << int(Kind::Response)
            << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: 1\r\ncontent-length: 4\r\n\r\nbody");
        QTest::newRow("body too large") << int(Kind::Response)
                                        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: ")
                + QByteArray::number(HttpMessageFramer::kMaxBodyBytes + 1) + "\r\n\r\n";
        QTest::newRow("header without a name") << int(Kind::Request) << QByteArray("GET / HTTP/1.1\r\n: x\r\n\r\n");
    }
    void unframeableStreamsFail()
    {
        QFETCH(int, kind);
        QFETCH(QByteArray, bytes);
        HttpMessageFramer framer{Kind(kind)};
        framer.append(bytes);
        QVERIFY(!framer.take());
        QVERIFY(framer.failed());
        QVERIFY(!framer.error().isEmpty());
        QCOMPARE(framer.buffered(), 0);
        framer.append("GET / HTTP/1.1\r\n\r\n");
        QVERIFY(!framer.take()); // failed for good
    }

    void pipelinedResponsesSplitAnywhere()
    {
        const QByteArray first = "HTTP/1.1 201 Created\r\nContent-Length: 4\r\n\r\n{\"a\"";
        const QByteArray second = "HTTP/1.1 204 No Content\r\nConnection: keep-alive\r\n\r\n";
        const QByteArray third = "HTTP/1.1 409 Conflict\r\ncontent-length: 2\r\nConnection: close\r\n\r\n{}";
        const QByteArray stream = first + second + third;
        for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
            HttpMessageFramer framer(Kind::Response);
            QList<HttpMessage> messages;
            for (const QByteArray &piece : {stream.left(cut), stream.mid(cut)}) {
                framer.append(piece);
                while (const auto message = framer.take())
                    messages.append(*message);
            }
            QVERIFY(!framer.failed());
            QCOMPARE(messages.size(), 3);
            QCOMPARE(messages[0].bytes, first);
            QCOMPARE(messages[0].body(), QByteArray("{\"a\""));
            QCOMPARE(messages[1].bytes, second);
            QCOMPARE(messages[1].status(), 204);
            QVERIFY(!messages[1].closesConnection());
            QCOMPARE(messages[2].status(), 409);
            QCOMPARE(messages[2].header("Content-Length"), QByteArray("2"));
            QVERIFY(messages[2].closesConnection());
            QCOMPARE(framer.buffered(), 0);
        }
    }

    void responsesWithoutABody()
    {
        HttpMessageFramer framer(Kind::Response);
        framer.append("HTTP/1.1 304 Not Modified\r\nETag: x\r\n\r\n"
                      "HTTP/1.1 204 No Content\r\nContent-Length: 3\r\n\r\n"
                      "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        const auto notModified = framer.take();
        QVERIFY(notModified);
        QCOMPARE(notModified->status(), 304);
        QCOMPARE(notModified->body(), QByteArray());
        // No body on a 204 whatever it claims: the next bytes are the next response.
        const auto noContent = framer.take();
        QVERIFY(noContent);
        QCOMPARE(noContent->body(), QByteArray());
        const auto empty = framer.take();
        QVERIFY(empty);
        QCOMPARE(empty->status(), 200);
        QCOMPARE(empty->body(), QByteArray());
        QVERIFY(!framer.failed());
    }

    void aRequestWaitsForItsWholeBody()
    {
        HttpMessageFramer framer(Kind::Request);
        framer.append("POST /v1/transfers HTTP/1.1\r\nContent-Length: 10\r\n\r\n12345");
        QVERIFY(!framer.take());
        QVERIFY(!framer.failed());
        framer.append("67890GET");
        const auto request = framer.take();
        QVERIFY(request);
        QCOMPARE(request->body(), QByteArray("1234567890"));
        QCOMPARE(request->header("content-length"), QByteArray("10"));
        QVERIFY(request->header("host").isNull());
        QCOMPARE(framer.buffered(), 3);
    }

    void connectionPersistence_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<bool>("closes");
        QTest::newRow("1.1") << QByteArray("GET / HTTP/1.1\r\nHost: x\r\n\r\n") << false;
        QTest::newRow("1.1 close") << QByteArray("GET / HTTP/1.1\r\nConnection: CLOSE\r\n\r\n") << true;
        QTest::newRow("1.1 token list") << QByteArray("GET / HTTP/1.1\r\nConnection: upgrade, close\r\n\r\n") << true;
        QTest::newRow("1.0") << QByteArray("GET / HTTP/1.0\r\n\r\n") << true;
        QTest::newRow("1.0 keep-alive") << QByteArray("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n") << false;
    }
    void connectionPersistence()
    {
        QFETCH(QByteArray, head);
        QFETCH(bool, closes);
        HttpMessageFramer framer(Kind::Request);
        framer.append(head);
        const auto request = framer.take();
        QVERIFY(request);
        QCOMPARE(request->closesConnection(), closes);
    }

    void statusLines_data()
    {
        QTest::addColumn<QByteArray>("startLine");
        QTest::addColumn<int>("status");
        QTest::newRow("ok") << QByteArray("HTTP/1.1 200 OK") << 200;
        QTest::newRow("no reason") << QByteArray("HTTP/1.1 503") << 503;
        QTest::newRow("request line") << QByteArray("GET / HTTP/1.1") << 0;
        QTest::newRow("not a number") << QByteArray("HTTP/1.1 abc OK") << 0;
        QTest::newRow("too small") << QByteArray("HTTP/1.1 99 Odd") << 0;
    }
    void statusLines()
    {
        QFETCH(QByteArray, startLine);
        QFETCH(int, status);
        HttpMessage message;
        message.startLine = startLine;
        QCOMPARE(message.status(), status);
    }
};

QTEST_GUILESS_MAIN(TestHttpMessageFramer)
#include "tst_httpmessageframer.moc"
