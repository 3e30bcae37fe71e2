#include "server/storage/StatementCache.h"

#include "server/storage/QtSqlStatement.h"
#include "server/storage/SqliteStatement.h"

#include <QSqlDriver>
#include <QSqlQuery>

namespace {

const QString kObjectName = QStringLiteral("bank-statement-cache");

// The QSQLITE connection's own handle. Debian's QSQLITE plugin links the system's libsqlite3, the
// library this code is linked with, so the handle is one this code may use.
sqlite3 *sqliteHandle(const QSqlDatabase &db)
{
    const QVariant handle = db.driver()->handle();
    if (qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

} // namespace

StatementCache::StatementCache(QSqlDriver *driver, sqlite3 *sqlite) : QObject(driver), m_sqlite(sqlite)
{
    setObjectName(kObjectName);
}

StatementCache *StatementCache::create(const QSqlDatabase &db)
{
    return new StatementCache(db.driver(), sqliteHandle(db));
}

StatementCache *StatementCache::of(const QSqlDatabase &db)
{
    QSqlDriver *driver = db.driver();
    // Found by name, so the class needs no meta-object; only this class uses the name.
    return driver ? static_cast<StatementCache *>(driver->findChild<QObject *>(kObjectName, Qt::FindDirectChildrenOnly))
                  : nullptr;
}

Statement *StatementCache::statement(QSqlDatabase &db, const QString &sql)
{
    if (const auto found = m_statements.find(sql); found != m_statements.end())
        return found->second.get();
    std::unique_ptr<Statement> prepared;
    if (m_sqlite) {
        prepared = SqliteStatement::prepare(m_sqlite, sql);
    } else {
        QSqlQuery query(db);
        if (query.prepare(sql))
            prepared = std::make_unique<QtSqlStatement>(std::move(query));
    }
    if (!prepared)
        return nullptr;
    return m_statements.emplace(sql, std::move(prepared)).first->second.get();
}
