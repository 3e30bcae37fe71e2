// HttpLogEntry::toLine, the request log's line: its fields in order, the key only as its tag (also
// inside the path), and every byte outside printable ASCII (or a backslash) as \xHH.
#include "server/http/HttpLogEntry.h"

#include <QTest>

class TestHttpLogEntry : public QObject
{
    Q_OBJECT
private slots:
    void aLineHasEveryFieldInOrder_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("replayed");
        QTest::addColumn<qint64>("micros");
        QTest::addColumn<QString>("client");
        QTest::addColumn<qint64>("userId");
        QTest::addColumn<QString>("line");

        const QString key = QStringLiteral("idk_0123456789abcdef0123456789abcdef");
        const QString tag = QStringLiteral("fc404285"); // aTagIsTheStartOfTheKeysSha256
        QTest::newRow("health check") << QByteArray("GET") << QByteArray("/healthz") << 200 << QString() << false
                                      << qint64(17) << QStringLiteral("127.0.0.1") << qint64(0)
                                      << QStringLiteral(
                                             "GET /healthz 200 key=- replayed=false us=17 client=127.0.0.1 user=-");
        QTest::newRow("replayed transfer")
            << QByteArray("POST") << QByteArray("/v1/transfers") << 201 << key << true << qint64(1234567)
            << QStringLiteral("::1") << qint64(42)
            << QStringLiteral("POST /v1/transfers 201 key=%1 replayed=true us=1234567 client=::1 user=42").arg(tag);
        QTest::newRow("the key in the path")
            << QByteArray("DELETE") << QByteArray("/v1/idempotency-keys/") + key.toLatin1() << 204 << key << false
            << qint64(0) << QString() << qint64(7)
            << QStringLiteral("DELETE /v1/idempotency-keys/%1 204 key=%1 replayed=false us=0 client=- user=7").arg(tag);
        QTest::newRow("bytes that could forge a line")
            << QByteArray("G\\T") << QByteArray("/a b\n\x7f\xc3\xa9") << 400 << QString() << false << qint64(-1)
            << QStringLiteral("10.0.0.1") << qint64(0)
            << QStringLiteral(
                   "G\\x5cT /a\\x20b\\x0a\\x7f\\xc3\\xa9 400 key=- replayed=false us=-1 client=10.0.0.1 user=-");
    }
    void aLineHasEveryFieldInOrder()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(int, status);
        QFETCH(QString, key);
        QFETCH(bool, replayed);
        QFETCH(qint64, micros);
        QFETCH(QString, client);
        QFETCH(qint64, userId);
        QFETCH(QString, line);
        HttpLogEntry entry;
        entry.method = method;
        entry.path = path;
        entry.status = status;
        entry.key = key;
        entry.replayed = replayed;
        entry.micros = micros;
        entry.client = client.isEmpty() ? QHostAddress() : QHostAddress(client);
        entry.userId = userId;
        QCOMPARE(entry.toLine(), line);
    }

    void aTagIsTheStartOfTheKeysSha256()
    {
        QCOMPARE(HttpLogEntry::keyTag(QString()), QStringLiteral("-"));
        // printf 'idk_0123456789abcdef0123456789abcdef' | sha256sum
        QCOMPARE(HttpLogEntry::keyTag(QStringLiteral("idk_0123456789abcdef0123456789abcdef")),
                 QStringLiteral("fc404285"));
    }
};

QTEST_GUILESS_MAIN(TestHttpLogEntry)
#include "tst_httplogentry.moc"
