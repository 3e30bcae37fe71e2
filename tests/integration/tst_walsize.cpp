// The SQLite write-ahead log shrinks back after a burst (issue 20, item 2): it grew to 72 MB under
// load and stayed that size, as checkpoints let the log start over but never shorten the file.
#include "tests/support/TestServer.h"

#include "server/storage/WalCheckpointer.h"

#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

class TestWalSize : public QObject
{
    Q_OBJECT
private slots:
    void logShrinksWhenTheServerIsQuiet()
    {
        TestServer server;
        if (server.dialect() != SqlDialect::Sqlite)
            QSKIP("the write-ahead log is SQLite's");
        QCOMPARE(server.start(), QString());
        const QString walPath = server.config().databasePath + QStringLiteral("-wal");
        const auto walSize = [&walPath] { return QFileInfo(walPath).size(); };

        // The burst: 24 MiB in one transaction, written beside the server (as another process on
        // the file may), which a long run of transfers would take minutes to write.
        QString failure;
        const QString unreachable = server.database()->withConnection([&failure](QSqlDatabase &db) {
            QSqlQuery query(db);
            for (const char *sql : {"CREATE TABLE ballast (b BLOB)", "BEGIN IMMEDIATE",
                                    "INSERT INTO ballast SELECT randomblob(1048576) FROM (WITH RECURSIVE n(i) AS"
                                    " (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 24) SELECT i FROM n)",
                                    "COMMIT"}) {
                if (failure.isEmpty() && !query.exec(QString::fromLatin1(sql)))
                    failure = query.lastError().text();
            }
        });
        QCOMPARE(unreachable, QString());
        QCOMPARE(failure, QString());
        QVERIFY2(walSize() > WalCheckpointer::kJournalSizeLimit, qPrintable(QString::number(walSize())));

        // The server's own writes, then quiet.
        const auto alice = server.client();
        for (int i = 0; i < 5; ++i)
            QVERIFY(!TestServer::issueKey(*alice).isEmpty());
        QTRY_VERIFY2_WITH_TIMEOUT(walSize() < WalCheckpointer::kJournalSizeLimit,
                                  qPrintable(QString::number(walSize())), 15'000);
        QCOMPARE(alice->get("/v1/accounts").status, 200);
    }
};

QTEST_GUILESS_MAIN(TestWalSize)
#include "tst_walsize.moc"
