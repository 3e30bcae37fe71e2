#pragma once

#include "shared/core/Result.h"

#include <QSqlDatabase>
#include <QString>

#include <functional>

// The PostgreSQL databases the harness creates for its runs (the contention benchmark, the
// scenarios with --database-url), each replaced by a fresh one at the start of a run.
namespace PostgresDatabase {
// Runs `work` on a connection of its own to the database at `url`; empty string or why it could
// not connect.
QString with(const QString &url, const std::function<void(QSqlDatabase &db)> &work);
// Drops the database `name` on the server of `serverUrl` if it exists, creates it empty and
// returns its URL.
Result<QString> recreate(const QString &serverUrl, const QString &name);
} // namespace PostgresDatabase
