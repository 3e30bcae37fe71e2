#include "bench/BenchDatabase.h"

#include "server/runtime/DemoSeed.h"
#include "server/storage/Migrations.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace BenchDatabase {

QString prepare(QSqlDatabase &db)
{
    if (const QString failure = Migrations::migrate(db, SqlDialect::Sqlite); !failure.isEmpty())
        return failure;
    QSqlQuery control(db);
    if (!control.exec(SqlDialects::beginWrite(SqlDialect::Sqlite)))
        return control.lastError().text();
    const Result<bool> seeded = DemoSeed::seedIfEmpty(db);
    if (!seeded) {
        control.exec(QStringLiteral("ROLLBACK"));
        return seeded.problem().detail;
    }
    return control.exec(QStringLiteral("COMMIT")) ? QString() : control.lastError().text();
}

std::optional<qint64> userId(QSqlDatabase &db, const QString &username)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT id FROM users WHERE username = ?"));
    query.addBindValue(username);
    if (!query.exec() || !query.next())
        return std::nullopt;
    return query.value(0).toLongLong();
}

} // namespace BenchDatabase
