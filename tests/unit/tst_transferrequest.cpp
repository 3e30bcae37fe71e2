#include "shared/wire/TransferRequest.h"

#include <QTest>

class TestTransferRequest : public QObject
{
    Q_OBJECT
private slots:
    void acceptsAValidBody()
    {
        const auto request = TransferRequest::fromBody("{\"from_account\":\"a\",\"to_account\":\"b\",\"amount\":2500,"
                                                       "\"currency\":\"USD\",\"memo\":\"rent \\u2764\"}");
        QVERIFY(request.ok());
        QCOMPARE(request->amount, 2500);
        QCOMPARE(request->memo, QStringLiteral("rent \u2764"));
    }

    void rejectsInvalidBodies_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("array") << QByteArray("[]") << "object";
        QTest::newRow("missing from") << QByteArray("{\"to_account\":\"b\",\"amount\":1,\"currency\":\"USD\"}")
                                      << "from_account";
        QTest::newRow("from not string") << QByteArray(
            "{\"from_account\":1,\"to_account\":\"b\",\"amount\":1,\"currency\":\"USD\"}")
                                         << "from_account";
        QTest::newRow("missing amount") << QByteArray(
            "{\"from_account\":\"a\",\"to_account\":\"b\",\"currency\":\"USD\"}")
                                        << "amount";
        QTest::newRow("zero") << QByteArray(
            "{\"from_account\":\"a\",\"to_account\":\"b\",\"amount\":0,\"currency\":\"USD\"}")
                              << "amount";
        QTest::newRow("negative") << QByteArray(
            "{\"from_account\":\"a\",\"to_account\":\"b\",\"amount\":-1,\"currency\":\"USD\"}")
                                  << "amount";
        QTest::newRow("float") << QByteArray(
            "{\"from_account\":\"a\",\"to_account\":\"b\",\"amount\":1.5,\"currency\":\"USD\"}")
                               << "amount";
        QTest::newRow("integral float") << QByteArray(
            "{\"from_account\":\"a\",\"to_account\":\"b\",\"amount\":100.0,\"currency\":\"USD\"}")
                                        << "amount";
        QTest::newRow("exponent") << QByteArray(
            "{\"from_account\":\"a\",\"to_account\":\"b\",\"amount\":1e2,\"currency\":\"USD\"}")
                                  << "amount";
        QTest::newRow("string amount") << QByteArray(
            "{\"from_account\":\"a\",\"to_account\":\"b\",\"amount\":\"5\",\"currency\":\"USD\"}")
                                       << "amount";
        QTest::newRow("over limit") << QByteArray(
            "{\"from_account\":\"a\",\"to_account\":\"b\",\"amount\":1000000000001,\"currency\":\"USD\"}")
                                    << "amount";
        QTest::newRow("beyond int64") << QByteArray(
            "{\"from_account\":\"a\",\"to_account\":\"b\",\"amount\":99999999999999999999,\"currency\":\"USD\"}")
                                      << "amount";
        QTest::newRow("bad currency") << QByteArray(
            "{\"from_account\":\"a\",\"to_account\":\"b\",\"amount\":1,\"currency\":\"usd\"}")
                                      << "currency";
        QTest::newRow("same account") << QByteArray(
            "{\"from_account\":\"a\",\"to_account\":\"a\",\"amount\":1,\"currency\":\"USD\"}")
                                      << "to_account";
        QTest::newRow("memo type") << QByteArray(
            "{\"from_account\":\"a\",\"to_account\":\"b\",\"amount\":1,\"currency\":\"USD\",\"memo\":5}")
                                   << "memo";
        QTest::newRow("memo control") << QByteArray(
            "{\"from_account\":\"a\",\"to_account\":\"b\",\"amount\":1,\"currency\":\"USD\",\"memo\":\"a\\u0000b\"}")
                                      << "memo";
        QTest::newRow("unknown field") << QByteArray(
            "{\"from_account\":\"a\",\"to_account\":\"b\",\"amount\":1,\"currency\":\"USD\",\"extra\":1}")
                                       << "extra";
        const QByteArray longMemo
            = "{\"from_account\":\"a\",\"to_account\":\"b\",\"amount\":1,\"currency\":\"USD\",\"memo\":\""
            + QByteArray(141, 'x') + "\"}";
        QTest::newRow("memo 141") << longMemo << "memo";
        QTest::newRow("memo opening with U+FFFE") << QByteArray(
            "{\"from_account\":\"a\",\"to_account\":\"b\",\"amount\":1,\"currency\":\"USD\",\"memo\":\"\\ufffeRent\"}")
                                                  << "memo: noncharacters";
        QTest::newRow("to = U+FEFF + from")
            << QByteArray("{\"from_account\":\"a\",\"to_account\":\"\\ufeffa\",\"amount\":1,\"currency\":\"USD\"}")
            << "to_account: U+FEFF";
        QTest::newRow("from with NUL") << QByteArray(
            "{\"from_account\":\"a\\u0000\",\"to_account\":\"b\",\"amount\":1,\"currency\":\"USD\"}")
                                       << "from_account: control";
    }
    void rejectsInvalidBodies()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const auto request = TransferRequest::fromBody(body);
        QVERIFY(!request.ok());
        QCOMPARE(request.problem().code, ProblemCode::ValidationFailed);
        QVERIFY2(request.problem().detail.contains(field), qPrintable(request.problem().detail));
    }

    void countsMemoInCharactersNotBytes()
    {
        QString memo;
        for (int i = 0; i < 140; ++i)
            memo += QStringLiteral("\U0001F600");
        const QByteArray body
            = "{\"from_account\":\"a\",\"to_account\":\"b\",\"amount\":1,\"currency\":\"USD\",\"memo\":\""
            + memo.toUtf8() + "\"}";
        QVERIFY(TransferRequest::fromBody(body).ok());
    }
};

QTEST_GUILESS_MAIN(TestTransferRequest)
#include "tst_transferrequest.moc"
