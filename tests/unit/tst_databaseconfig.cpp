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
        QCOMPARE(config->host, QStringLiteral("db.internal"));
        QCOMPARE(config->port, 6432);
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
        QCOMPARE(config->host, QStringLiteral("localhost"));
        QCOMPARE(config->port, 5432);
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
