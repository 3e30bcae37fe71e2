// Upgrading a database made by an earlier version: the rows survive, and the new schema's rules
// hold for them (migration 2: idempotency keys are a namespace per user, expiry is recorded;
// migration 3: users have a display name, and payee lists never show a login name).
#include "server/ledger/Ledger.h"
#include "server/storage/Migrations.h"
#include "tests/support/TestServer.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QVariant>

class TestMigrations : public QObject
{
    Q_OBJECT
private:
    static bool run(QSqlDatabase &db, const QString &sql)
    {
        QSqlQuery query(db);
        if (query.exec(sql))
            return true;
        qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
        return false;
    }

    static qint64 scalar(QSqlDatabase &db, const QString &sql)
    {
        QSqlQuery query(db);
        return query.exec(sql) && query.next() ? query.value(0).toLongLong() : -1;
    }

private slots:
    void version1DataSurvivesTheUpgrade()
    {
        TestDatabase database;
        QCOMPARE(database.setupError(), QString());
        const SqlDialect dialect = database.dialect();
        const QString failure = database.withConnection([&](QSqlDatabase &db) {
            QCOMPARE(Migrations::migrate(db, dialect, 1), QString());
            QVERIFY(
                run(db,
                    QStringLiteral(
                        "INSERT INTO users (username, password_salt, password_hash, password_iterations, created_at)"
                        " VALUES ('carol', 's', 'h', 1, 0), ('dave', 's', 'h', 1, 0)")));
            const qint64 carol = scalar(db, QStringLiteral("SELECT id FROM users WHERE username = 'carol'"));
            const qint64 dave = scalar(db, QStringLiteral("SELECT id FROM users WHERE username = 'dave'"));
            QVERIFY(carol > 0 && dave > 0);
            QVERIFY(run(db,
                        QStringLiteral("INSERT INTO accounts (id, user_id, name, currency, balance) VALUES"
                                       " ('acc_c', %1, 'C', 'USD', 900), ('acc_d', %2, 'D', 'USD', 100)")
                            .arg(carol)
                            .arg(dave)));
            QVERIFY(run(db,
                        QStringLiteral("INSERT INTO idempotency_keys (key, user_id, operation, created_at, expires_at,"
                                       " fingerprint, response_status, response_body, transfer_id, completed_at) VALUES"
                                       " ('k-shared', %1, 'transfer', 1, 2, 'fp', 201, NULL, 'tr_1', 1)")
                            .arg(carol)));
            QVERIFY(run(db,
                        QStringLiteral("INSERT INTO idempotency_keys (key, user_id, operation, created_at, expires_at)"
                                       " VALUES ('idk_unused', %1, 'transfer', 1, 9999999999999)")
                            .arg(carol)));
            QVERIFY(
                run(db,
                    QStringLiteral(
                        "INSERT INTO transfers (id, from_account, to_account, amount, currency, memo, created_at,"
                        " idempotency_key) VALUES ('tr_1', 'acc_c', 'acc_d', 100, 'USD', 'before', 1, 'k-shared')")));
            const qint64 seqBefore = scalar(db, QStringLiteral("SELECT seq FROM transfers WHERE id = 'tr_1'"));

            QCOMPARE(Migrations::migrate(db, dialect), QString());
            QCOMPARE(scalar(db, QStringLiteral("SELECT MAX(version) FROM schema_migrations")),
                     qint64(Migrations::latestVersion()));
            QCOMPARE(scalar(db, QStringLiteral("SELECT COUNT(*) FROM idempotency_keys WHERE expired_at IS NULL")),
                     qint64(2));
            QCOMPARE(scalar(db,
                            QStringLiteral(
                                "SELECT COUNT(*) FROM idempotency_keys WHERE key = 'k-shared' AND transfer_id = 'tr_1'"
                                " AND response_status = 201")),
                     qint64(1));
            QCOMPARE(scalar(db, QStringLiteral("SELECT seq FROM transfers WHERE id = 'tr_1' AND memo = 'before'")),
                     seqBefore);

            // Users from before have no display name: their payees show a stand-in, not the login name.
            const auto payees = Ledger::payeesFor(db, carol);
            QVERIFY(payees.ok());
            QCOMPARE(payees->size(), 1);
            QCOMPARE(payees->constFirst().ownerName, QStringLiteral("Customer %1").arg(dave));
            QVERIFY(run(db, QStringLiteral("UPDATE users SET display_name = 'Dave Bowman' WHERE id = %1").arg(dave)));
            QCOMPARE(Ledger::payeesFor(db, carol)->constFirst().ownerName, QStringLiteral("Dave Bowman"));

            // The same key string is now dave's too, and his transfer may carry it.
            QVERIFY(run(db,
                        QStringLiteral("INSERT INTO idempotency_keys (key, user_id, operation, created_at, expires_at)"
                                       " VALUES ('k-shared', %1, 'transfer', 1, 2)")
                            .arg(dave)));
            QVERIFY(run(db,
                        QStringLiteral(
                            "INSERT INTO transfers (id, from_account, to_account, amount, currency, memo, created_at,"
                            " idempotency_key) VALUES ('tr_2', 'acc_d', 'acc_c', 50, 'USD', 'after', 2, 'k-shared')")));
            QVERIFY(scalar(db, QStringLiteral("SELECT seq FROM transfers WHERE id = 'tr_2'")) > seqBefore);
            // A user still has each key once, a transfer still has one key, and the checks still hold.
            QVERIFY(!QSqlQuery(db).exec(
                QStringLiteral("INSERT INTO idempotency_keys (key, user_id, operation, created_at, expires_at)"
                               " VALUES ('k-shared', %1, 'transfer', 1, 2)")
                    .arg(carol)));
            QVERIFY(!QSqlQuery(db).exec(
                QStringLiteral("UPDATE idempotency_keys SET transfer_id = 'tr_1' WHERE user_id = %1").arg(dave)));
            QVERIFY(!QSqlQuery(db).exec(QStringLiteral("UPDATE accounts SET balance = -1 WHERE id = 'acc_c'")));
            QVERIFY(!QSqlQuery(db).exec(QStringLiteral(
                "INSERT INTO transfers (id, from_account, to_account, amount, currency, memo,"
                " created_at, idempotency_key) VALUES ('tr_3', 'acc_c', 'acc_c', 1, 'USD', '', 3, 'x')")));
        });
        QCOMPARE(failure, QString());

        // A server starts on the upgraded database and finds nothing left to do.
        TestServer server(TestServer::Mode::InProcess, std::shared_ptr<TestDatabase>(&database, [](TestDatabase *) {}));
        QCOMPARE(server.start(), QString());
        QCOMPARE(database.scalar(QStringLiteral("SELECT COUNT(*) FROM transfers")), qint64(2));
        server.stop();
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
