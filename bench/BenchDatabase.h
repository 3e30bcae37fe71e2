#pragma once

#include <QSqlDatabase>
#include <QString>

#include <optional>

// Set-up of the SQLite files the harness itself writes (the commit-limit probe's and the
// pre-populated growth databases): the bank's own schema and demo data, through the server's
// own Migrations and DemoSeed.
namespace BenchDatabase {
// Migrates and seeds `db`; empty string or why it failed.
QString prepare(QSqlDatabase &db);
std::optional<qint64> userId(QSqlDatabase &db, const QString &username);
} // namespace BenchDatabase
