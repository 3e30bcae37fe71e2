// --database-url parsing, and what the SQL dialects differ in.
#include "server/storage/DatabaseConfig.h"

#include <QTest>

class TestDatabaseConfig : public QObject
{
    Q_OBJECT
private slots:
    void parsesAPostgresUrl()
    {
        const auto config = DatabaseConfig::fromUrl(QStringLiteral("postgresql://bank:s3cret@db.internal:6432/ledger"));
        QVERIFY(config.ok());
        QCOMPARE(config->dialect, SqlDialect::Postgres);
        QCOMPARE(config->endpoints.size(), 1);
        QCOMPARE(config->endpoints.front().host, QStringLiteral("db.internal"));
        QCOMPARE(config->endpoints.front().port, 6432);
        QCOMPARE(config->user, QStringLiteral("bank"));
        QCOMPARE(config->password, QStringLiteral("s3cret"));
        QCOMPARE(config->databaseName, QStringLiteral("ledger"));
        // A database that does not answer must not hang a request for ever.
        QCOMPARE(config->connectOptions,
                 QStringList({QStringLiteral("connect_timeout=10"), QStringLiteral("application_name=bank-server")}));
        QVERIFY(!config->describe().contains(QLatin1String("s3cret")));
    }

    void defaultsHostAndPort()
    {
        const auto config = DatabaseConfig::fromUrl(QStringLiteral("postgres://bank@/ledger"));
        QVERIFY(config.ok());
        QCOMPARE(config->endpoints.size(), 1);
        QCOMPARE(config->endpoints.front().host, QStringLiteral("localhost"));
        QCOMPARE(config->endpoints.front().port, 5432);
    }

    // libpq's form for a primary and its standbys: it tries them in turn.
    void parsesSeveralHosts()
    {
        const auto config = DatabaseConfig::fromUrl(QStringLiteral(
            "postgresql://bank:pw@10.0.0.1:5433,db-b,[::1]:6000/ledger?target_session_attrs=read-write"));
        QVERIFY2(config.ok(), qPrintable(config.ok() ? QString() : config.problem().detail));
        QCOMPARE(config->endpoints.size(), 3);
        QCOMPARE(config->endpoints[0].host, QStringLiteral("10.0.0.1"));
        QCOMPARE(config->endpoints[0].port, 5433);
        QCOMPARE(config->endpoints[1].host, QStringLiteral("db-b"));
        QCOMPARE(config->endpoints[1].port, 5432);
        QCOMPARE(config->endpoints[2].host, QStringLiteral("::1"));
        QCOMPARE(config->endpoints[2].port, 6000);
        QCOMPARE(config->user, QStringLiteral("bank"));
        QCOMPARE(config->password, QStringLiteral("pw"));
        QCOMPARE(config->databaseName, QStringLiteral("ledger"));
        QCOMPARE(config->connectOptions.front(), QStringLiteral("target_session_attrs=read-write"));
        QCOMPARE(config->describe(), QStringLiteral("postgresql://bank@10.0.0.1:5433,db-b:5432,::1:6000/ledger"));
    }

    void passesQueryParametersToLibpq()
    {
        const auto config = DatabaseConfig::fromUrl(
            QStringLiteral("postgresql://bank@db:5432/ledger?sslmode=verify-full&connect_timeout=3"));
        QVERIFY(config.ok());
        QCOMPARE(config->connectOptions,
                 QStringList({QStringLiteral("sslmode=verify-full"), QStringLiteral("connect_timeout=3"),
                              QStringLiteral("application_name=bank-server")}));
    }

    void rejectsWhatIsNotAPostgresUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::newRow("other scheme") << QStringLiteral("mysql://bank@db/ledger");
        QTest::newRow("no database") << QStringLiteral("postgresql://bank@db:5432/");
        QTest::newRow("not a url") << QStringLiteral("bank.db");
        QTest::newRow("value with a space") << QStringLiteral("postgresql://bank@db/ledger?options=-c%20x=1");
        QTest::newRow("value with a quote") << QStringLiteral("postgresql://bank@db/ledger?sslmode=a'b");
        QTest::newRow("odd parameter name") << QStringLiteral("postgresql://bank@db/ledger?SSL-MODE=require");
        QTest::newRow("empty host in a list") << QStringLiteral("postgresql://bank@db:5432,/ledger");
        QTest::newRow("bad port in a list") << QStringLiteral("postgresql://bank@db:5432,db2:x/ledger");
    }
    void rejectsWhatIsNotAPostgresUrl()
    {
        QFETCH(QString, url);
        QVERIFY(!DatabaseConfig::fromUrl(url).ok());
    }

    void dialectsDifferOnlyWhereTheyMust()
    {
        QCOMPARE(SqlDialects::driverName(SqlDialect::Sqlite), QStringLiteral("QSQLITE"));
        QCOMPARE(SqlDialects::driverName(SqlDialect::Postgres), QStringLiteral("QPSQL"));
        // SQLite's write transaction already serializes what PostgreSQL needs row locks for.
        for (const QString &sql :
             {SqlDialects::forUpdate(SqlDialect::Sqlite), SqlDialects::forUpdateSkipLocked(SqlDialect::Sqlite),
              SqlDialects::boundLockWaits(SqlDialect::Sqlite, 100), SqlDialects::lockMigrations(SqlDialect::Sqlite)})
            QVERIFY(sql.isEmpty());
        QCOMPARE(SqlDialects::forUpdateSkipLocked(SqlDialect::Postgres), QStringLiteral(" FOR UPDATE SKIP LOCKED"));
        QVERIFY(SqlDialects::lockMigrations(SqlDialect::Postgres).contains(QLatin1String("pg_advisory_lock")));
        QCOMPARE(SqlDialects::expand(SqlDialect::Postgres, QStringLiteral("id {{AUTOINCREMENT_PK}}, b {{BLOB}}")),
                 QStringLiteral("id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, b BYTEA"));
        QCOMPARE(SqlDialects::expand(SqlDialect::Sqlite, QStringLiteral("id {{AUTOINCREMENT_PK}}, b {{BLOB}}")),
                 QStringLiteral("id INTEGER PRIMARY KEY AUTOINCREMENT, b BLOB"));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseConfig)
#include "tst_databaseconfig.moc"
