// SqliteStatement: the request paths' statements run by SQLite itself on a QSQLITE connection must
// mean what they meant through QtSql. QSqlQuery on the same connection is the reference: every value
// bound is stored as QtSql stores it, every value read comes back with QtSql's type, errors carry
// the same native code, and a connection whose statements ran this way still closes. And SQLite,
// set up by ConnectionFactory, keeps no count of its memory.
#include "server/storage/ConnectionFactory.h"
#include "server/storage/StorageFailure.h"

#include <QDateTime>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <sqlite3.h>

#include <limits>
#include <memory>

class TestSqliteStatement : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<ConnectionFactory> m_factory;
    QSqlDatabase m_db;

    // The row as QtSql reads it, and as a cached statement does.
    static void compareReads(QSqlDatabase &db, qint64 id)
    {
        QSqlQuery reference(db);
        QVERIFY(reference.prepare(QStringLiteral("SELECT v FROM t WHERE id = ?")));
        reference.addBindValue(id);
        QVERIFY2(reference.exec(), qPrintable(reference.lastError().text()));
        QVERIFY(reference.next());
        ConnectionFactory::CachedStatement statement(db, QStringLiteral("SELECT v FROM t WHERE id = ?"));
        statement->addBindValue(id);
        QVERIFY2(statement->exec(), qPrintable(statement->lastError().text()));
        QVERIFY(statement->next());
        const QVariant expected = reference.value(0);
        const QVariant actual = statement->value(0);
        QCOMPARE(actual.metaType(), expected.metaType());
        QCOMPARE(actual.isNull(), expected.isNull());
        QCOMPARE(actual, expected);
        QVERIFY(!statement->next());
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_factory = std::make_unique<ConnectionFactory>(DatabaseConfig::sqlite(m_dir.filePath(QStringLiteral("s.db"))));
        m_db = m_factory->connectionForCurrentThread();
        QVERIFY(m_db.isOpen());
        QSqlQuery setup(m_db);
        QVERIFY(setup.exec(QStringLiteral("CREATE TABLE t (id INTEGER PRIMARY KEY, v)")));
        QVERIFY(setup.exec(QStringLiteral("CREATE TABLE u (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)")));
    }

    void cleanupTestCase()
    {
        m_db = QSqlDatabase();
        m_factory.reset();
    }

    void valuesAreBoundAndReadAsQtSqlDoes_data()
    {
        QTest::addColumn<QVariant>("value");
        QTest::newRow("text") << QVariant(QStringLiteral("Miete März"));
        QTest::newRow("empty text") << QVariant(QStringLiteral(""));
        QTest::newRow("null text") << QVariant(QString());
        QTest::newRow("text beyond the BMP") << QVariant(QString::fromUtf8("\xF0\x9F\x98\x80 rent"));
        QTest::newRow("lone surrogate") << QVariant(QString(QChar(0xD800)) + QLatin1String("x"));
        QTest::newRow("U+FEFF inside") << QVariant(QString::fromUtf8("a\xEF\xBB\xBF"
                                                                     "b"));
        QTest::newRow("U+FEFF first") << QVariant(QString::fromUtf8("\xEF\xBB\xBF"
                                                                    "ab"));
        QTest::newRow("U+0000 inside") << QVariant(QString(QLatin1String("a")) + QChar(0) + QLatin1String("b"));
        QTest::newRow("bytes") << QVariant(QByteArray("\x00\x01\xff", 3));
        QTest::newRow("empty bytes") << QVariant(QByteArray(""));
        QTest::newRow("null bytes") << QVariant(QByteArray());
        QTest::newRow("int") << QVariant(-42);
        QTest::newRow("bool") << QVariant(true);
        QTest::newRow("uint") << QVariant(4'000'000'000u);
        QTest::newRow("int64 max") << QVariant(std::numeric_limits<qint64>::max());
        QTest::newRow("int64 min") << QVariant(std::numeric_limits<qint64>::min());
        QTest::newRow("double") << QVariant(1.5);
        QTest::newRow("no value") << QVariant();
        QTest::newRow("date and time") << QVariant(QDateTime::fromMSecsSinceEpoch(1'765'000'000'123, QTimeZone::utc()));
    }

    void valuesAreBoundAndReadAsQtSqlDoes()
    {
        QFETCH(QVariant, value);
        static qint64 nextId = 1;
        const qint64 byQtSql = nextId++;
        const qint64 bySqlite = nextId++;
        QSqlQuery reference(m_db);
        QVERIFY(reference.prepare(QStringLiteral("INSERT INTO t (id, v) VALUES (?, ?)")));
        reference.addBindValue(byQtSql);
        reference.addBindValue(value);
        QVERIFY2(reference.exec(), qPrintable(reference.lastError().text()));
        {
            ConnectionFactory::CachedStatement statement(m_db, QStringLiteral("INSERT INTO t (id, v) VALUES (?, ?)"));
            statement->addBindValue(bySqlite);
            statement->addBindValue(value);
            QVERIFY2(statement->exec(), qPrintable(statement->lastError().text()));
            QCOMPARE(statement->numRowsAffected(), 1);
        }
        // Stored alike: the same type and the same bytes.
        QSqlQuery stored(m_db);
        QVERIFY(stored.exec(QStringLiteral("SELECT typeof(v), quote(v) FROM t WHERE id IN (%1, %2) ORDER BY id")
                                .arg(byQtSql)
                                .arg(bySqlite)));
        QVERIFY(stored.next());
        const QString type = stored.value(0).toString();
        const QString quoted = stored.value(1).toString();
        QVERIFY(stored.next());
        QCOMPARE(stored.value(0).toString(), type);
        QCOMPARE(stored.value(1).toString(), quoted);
        compareReads(m_db, byQtSql);
        compareReads(m_db, bySqlite);
    }

    void placeholdersByNameAndPosition()
    {
        {
            ConnectionFactory::CachedStatement insert(m_db,
                                                      QStringLiteral("INSERT INTO u (id, name) VALUES (:id, :name)"));
            insert->bindValue(QStringLiteral(":name"), QStringLiteral("named"));
            insert->bindValue(QStringLiteral(":id"), 1);
            QVERIFY2(insert->exec(), qPrintable(insert->lastError().text()));
        }
        {
            ConnectionFactory::CachedStatement insert(m_db, QStringLiteral("INSERT INTO u (id, name) VALUES (?, ?)"));
            insert->bindValue(1, QStringLiteral("positional"));
            insert->bindValue(0, 2);
            QVERIFY2(insert->exec(), qPrintable(insert->lastError().text()));
            // Executed again in the same guard: the values are bound anew.
            insert->addBindValue(3);
            insert->addBindValue(QStringLiteral("again"));
            QVERIFY2(insert->exec(), qPrintable(insert->lastError().text()));
        }
        ConnectionFactory::CachedStatement names(m_db,
                                                 QStringLiteral("SELECT id, name FROM u WHERE id <= ? ORDER BY id"));
        names->addBindValue(3);
        QVERIFY(names->exec());
        QStringList seen;
        while (names->next())
            seen.append(names->value(0).toString() + QLatin1Char('=') + names->value(1).toString());
        QCOMPARE(seen,
                 QStringList({QStringLiteral("1=named"), QStringLiteral("2=positional"), QStringLiteral("3=again")}));
        QCOMPARE(names->value(0), QVariant()); // past the last row, as QtSql
    }

    void aParameterNeverBoundIsRefusedAsByQtSql()
    {
        const QString sql = QStringLiteral("SELECT ? + ?");
        QSqlQuery reference(m_db);
        QVERIFY(reference.prepare(sql));
        reference.addBindValue(1);
        QVERIFY(!reference.exec());
        ConnectionFactory::CachedStatement statement(m_db, sql);
        statement->addBindValue(1);
        QVERIFY(!statement->exec());
        QCOMPARE(statement->lastError().type(), reference.lastError().type());
        QCOMPARE(statement->lastError().driverText(), reference.lastError().driverText());
    }

    void errorsCarrySqlitesCodesAsQtSqlDoes()
    {
        const QString sql = QStringLiteral("INSERT INTO u (id, name) VALUES (?, ?)");
        QSqlQuery reference(m_db);
        QVERIFY(reference.prepare(sql));
        reference.addBindValue(100);
        reference.addBindValue(QStringLiteral("named")); // taken above
        QVERIFY(!reference.exec());
        ConnectionFactory::CachedStatement statement(m_db, sql);
        statement->addBindValue(101);
        statement->addBindValue(QStringLiteral("named"));
        QVERIFY(!statement->exec());
        QCOMPARE(statement->lastError().nativeErrorCode(), reference.lastError().nativeErrorCode());
        QCOMPARE(statement->lastError().databaseText(), reference.lastError().databaseText());
        QCOMPARE(StorageFailure::toProblem(statement->lastError()).code,
                 StorageFailure::toProblem(reference.lastError()).code);
        // The statement can be used again after its error.
        statement->addBindValue(101);
        statement->addBindValue(QStringLiteral("free"));
        QVERIFY2(statement->exec(), qPrintable(statement->lastError().text()));
        QVERIFY(!statement->lastError().isValid());
    }

    void aStatementThatCannotBePreparedFailsWithQtSqlsError()
    {
        const QString sql = QStringLiteral("SELECT nothing FROM nowhere");
        QSqlQuery reference(m_db);
        QVERIFY(!reference.prepare(sql));
        ConnectionFactory::CachedStatement statement(m_db, sql);
        QVERIFY(!statement->exec());
        QCOMPARE(statement->lastError().databaseText(), reference.lastError().databaseText());
    }

    // Counting it would take one process-wide mutex at every allocation of every connection.
    void sqliteDoesNotCountItsMemory()
    {
        ConnectionFactory::CachedStatement read(m_db, QStringLiteral("SELECT count(*) FROM t"));
        QVERIFY(read->exec());
        QVERIFY(read->next());
        QCOMPARE(sqlite3_memory_used(), 0);
    }

    // A statement still stepping would keep its read transaction, and SQLite's close would fail
    // with statements not finalized: the connection would stay open, and its log with it.
    void theFactoryStillClosesTheConnection()
    {
        const QString path = m_dir.filePath(QStringLiteral("closing.db"));
        {
            ConnectionFactory factory(DatabaseConfig::sqlite(path));
            QSqlDatabase db = factory.connectionForCurrentThread();
            QVERIFY(db.isOpen());
            QVERIFY(QSqlQuery(db).exec(QStringLiteral("CREATE TABLE n (x INTEGER)")));
            {
                ConnectionFactory::CachedStatement insert(db, QStringLiteral("INSERT INTO n (x) VALUES (?)"));
                insert->addBindValue(1);
                QVERIFY(insert->exec());
            }
            ConnectionFactory::CachedStatement read(db, QStringLiteral("SELECT x FROM n"));
            QVERIFY(read->exec());
            QVERIFY(read->next());
            QVERIFY(QFileInfo::exists(path + QStringLiteral("-wal")));
        }
        // SQLite removes the log when its last connection closes.
        QVERIFY(!QFileInfo::exists(path + QStringLiteral("-wal")));
    }
};

QTEST_GUILESS_MAIN(TestSqliteStatement)
#include "tst_sqlitestatement.moc"
