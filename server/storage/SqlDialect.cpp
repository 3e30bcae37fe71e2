#include "storage/SqlDialect.h"

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
