#pragma once

#include "server/storage/SqlDialect.h"

#include <QSqlDatabase>
#include <QString>

// Versioned schema migrations, written once for both dialects where they can be (dialect tokens are
// expanded by SqlDialects::expand). Each version runs in its own transaction and is recorded in
// schema_migrations; a newer database than this build knows is refused. Any number of instances
// may start on one database at once: the first migrates, the others wait and find it done.
class Migrations
{
public:
    static int latestVersion();
    // Brings the schema up to `version` (tests make older schemas with it). Returns an empty string
    // on success, else the reason.
    static QString migrate(QSqlDatabase &db, SqlDialect dialect, int version = latestVersion());

private:
    static QString migrateLocked(QSqlDatabase &db, SqlDialect dialect, int version);
};
