#include "server/storage/SqlDialect.h"

namespace SqlDialects {

QString driverName(SqlDialect dialect)
{
    return dialect == SqlDialect::Sqlite ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL");
}

QString beginWrite(SqlDialect dialect)
{
    return dialect == SqlDialect::Sqlite ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN");
}

QString forUpdate(SqlDialect dialect)
{
    return dialect == SqlDialect::Sqlite ? QString() : QStringLiteral(" FOR UPDATE");
}

QString forNoKeyUpdate(SqlDialect dialect)
{
    return dialect == SqlDialect::Sqlite ? QString() : QStringLiteral(" FOR NO KEY UPDATE");
}

QString forUpdateSkipLocked(SqlDialect dialect)
{
    return dialect == SqlDialect::Sqlite ? QString() : QStringLiteral(" FOR UPDATE SKIP LOCKED");
}

QString boundLockWaits(SqlDialect dialect, int milliseconds)
{
    return dialect == SqlDialect::Sqlite ? QString()
                                         : QStringLiteral("SET LOCAL lock_timeout = '%1ms'").arg(milliseconds);
}

// Any fixed number works; it names the lock among the advisory locks of this database.
constexpr qint64 kMigrationLockId = 0x62616e6b; // "bank"

constexpr qint64 kWritersTurnLockId = 0x62616e6c;

QString takeWritersTurn(SqlDialect dialect)
{
    return dialect == SqlDialect::Sqlite ? QString()
                                         : QStringLiteral("SELECT pg_advisory_xact_lock(%1)").arg(kWritersTurnLockId);
}

QString lockMigrations(SqlDialect dialect)
{
    return dialect == SqlDialect::Sqlite ? QString()
                                         : QStringLiteral("SELECT pg_advisory_lock(%1)").arg(kMigrationLockId);
}

QString unlockMigrations(SqlDialect dialect)
{
    return dialect == SqlDialect::Sqlite ? QString()
                                         : QStringLiteral("SELECT pg_advisory_unlock(%1)").arg(kMigrationLockId);
}

QString expand(SqlDialect dialect, QString sql)
{
    const bool sqlite = dialect == SqlDialect::Sqlite;
    sql.replace(QStringLiteral("{{AUTOINCREMENT_PK}}"),
                sqlite ? QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT")
                       : QStringLiteral("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"));
    sql.replace(QStringLiteral("{{BLOB}}"), sqlite ? QStringLiteral("BLOB") : QStringLiteral("BYTEA"));
    return sql;
}

} // namespace SqlDialects
