// The proxy's framing: where each request and response ends in a byte stream.
#include "FaultCase.h"
#include "FaultSchedule.h"
#include "HttpMessageFramer.h"

#include <QTest>

using Kind = HttpMessageFramer::Kind;

class TestHttpMessageFramer : public QObject
{
    Q_OBJECT
private slots:
    void requestWithBodyArrivesInPieces()
    {
        HttpMessageFramer framer(Kind::Request);
        const QByteArray request = "POST /v1/transfers HTTP/1.1\r\nHost: x\r\nIdempotency-Key: idk_1\r\nContent-Length: 5\r\n\r\nhello";
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
        framer.append("GET /a HTTP/1.1\r\nHost: x\r\n\r\n\r\nPOST /b HTTP/1.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\nokGET /c");
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
        QTest::newRow("chunked request") << int(Kind::Request) << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
        QTest::newRow("two lengths") << int(Kind::Request) << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab");
        QTest::newRow("bad length") << int(Kind::Request) << QByteArray("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n");
        QTest::newRow("bad request line") << int(Kind::Request) << QByteArray("GARBAGE\r\n\r\n");
        QTest::newRow("response until close") << int(Kind::Response) << QByteArray("HTTP/1.1 200 OK\r\n\r\nbody");
        QTest::newRow("bad status line") << int(Kind::Response) << QByteArray("HTTX 200\r\nContent-Length: 0\r\n\r\n");
        QTest::newRow("huge head") << int(Kind::Request) << QByteArray("GET / HTTP/1.1\r\nX: ") + QByteArray(HttpMessageFramer::kMaxHeadBytes, 'a');
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
        framer.append("GET / HTTP/1.1\r\n\r\n");
        QVERIFY(!framer.take()); // failed for good
    }

    void faultCaseNames()
    {
        for (FaultCase failure : {FaultCase::Pass, FaultCase::DropRequest, FaultCase::CutDuringProcessing, FaultCase::DropResponse})
            QCOMPARE(FaultCases::fromString(FaultCases::toString(failure)), failure);
        QCOMPARE(FaultCases::toString(FaultCase::CutDuringProcessing), QStringLiteral("cut_during_processing"));
        QVERIFY(!FaultCases::fromString(QStringLiteral("nope")));
    }

    void schedules()
    {
        FaultSchedule never = FaultSchedule::never();
        for (int i = 0; i < 5; ++i)
            QCOMPARE(never.next(), FaultCase::Pass);

        FaultSchedule next = FaultSchedule::nextOnly(FaultCase::DropResponse);
        QCOMPARE(next.mode(), FaultSchedule::Mode::NextOnly);
        QCOMPARE(next.next(), FaultCase::DropResponse);
        QCOMPARE(next.next(), FaultCase::Pass);
        QCOMPARE(next.remaining(), 0);

        FaultSchedule first = FaultSchedule::firstN(3, FaultCase::DropRequest);
        QList<FaultCase> seen;
        for (int i = 0; i < 5; ++i)
            seen.append(first.next());
        QCOMPARE(seen, (QList<FaultCase>{FaultCase::DropRequest, FaultCase::DropRequest, FaultCase::DropRequest,
                                         FaultCase::Pass, FaultCase::Pass}));

        FaultSchedule always = FaultSchedule::randomPercent(100, FaultCase::CutDuringProcessing);
        FaultSchedule none = FaultSchedule::randomPercent(0, FaultCase::CutDuringProcessing);
        for (int i = 0; i < 50; ++i) {
            QCOMPARE(always.next(), FaultCase::CutDuringProcessing);
            QCOMPARE(none.next(), FaultCase::Pass);
        }
        QCOMPARE(FaultSchedule::randomPercent(250, FaultCase::DropRequest).percent(), 100);
    }

    void randomScheduleIsReproducibleWithASeed()
    {
        FaultSchedule a = FaultSchedule::randomPercent(30, FaultCase::DropResponse, 42);
        FaultSchedule b = FaultSchedule::randomPercent(30, FaultCase::DropResponse, 42);
        int failures = 0;
        for (int i = 0; i < 1000; ++i) {
            const FaultCase fromA = a.next();
            QCOMPARE(b.next(), fromA);
            failures += fromA == FaultCase::DropResponse ? 1 : 0;
        }
        // Not a statistics test: only that both outcomes occur and failures are the minority.
        QVERIFY2(failures > 100 && failures < 500, qPrintable(QString::number(failures)));
    }
};

QTEST_GUILESS_MAIN(TestHttpMessageFramer)
#include "tst_httpmessageframer.moc"
