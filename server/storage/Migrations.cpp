#include "server/storage/Migrations.h"

#include "shared/core/Timestamp.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace {

struct Migration
{
    int version;
    const char *description;
    QStringList statements;
    QStringList postgresStatements; // when not empty, what PostgreSQL runs instead of `statements`

    const QStringList &statementsFor(SqlDialect dialect) const
    {
        return dialect == SqlDialect::Postgres && !postgresStatements.isEmpty() ? postgresStatements : statements;
    }
};

const QList<Migration> &allMigrations()
{
    static const QList<Migration> migrations{
        {1,
         "users, sessions, accounts, idempotency keys, transfers",
         {
             QStringLiteral("CREATE TABLE users ("
                            " id {{AUTOINCREMENT_PK}},"
                            " username TEXT NOT NULL UNIQUE,"
                            " password_salt TEXT NOT NULL,"
                            " password_hash TEXT NOT NULL,"
                            " password_iterations INTEGER NOT NULL,"
                            " created_at BIGINT NOT NULL)"),
             QStringLiteral("CREATE TABLE sessions ("
                            " token_hash TEXT PRIMARY KEY,"
                            " user_id BIGINT NOT NULL REFERENCES users(id),"
                            " created_at BIGINT NOT NULL,"
                            " expires_at BIGINT NOT NULL)"),
             QStringLiteral("CREATE INDEX sessions_expires_at ON sessions(expires_at)"),
             QStringLiteral("CREATE TABLE accounts ("
                            " id TEXT PRIMARY KEY,"
                            " user_id BIGINT NOT NULL REFERENCES users(id),"
                            " name TEXT NOT NULL,"
                            " currency TEXT NOT NULL CHECK (length(currency) = 3),"
                            " balance BIGINT NOT NULL CHECK (balance >= 0))"),
             QStringLiteral("CREATE INDEX accounts_user ON accounts(user_id)"),
             QStringLiteral("CREATE TABLE idempotency_keys ("
                            " key TEXT PRIMARY KEY,"
                            " user_id BIGINT NOT NULL REFERENCES users(id),"
                            " operation TEXT NOT NULL,"
                            " created_at BIGINT NOT NULL,"
                            " expires_at BIGINT NOT NULL,"
                            " fingerprint TEXT,"
                            " response_status INTEGER,"
                            " response_body {{BLOB}},"
                            " transfer_id TEXT UNIQUE,"
                            " completed_at BIGINT,"
                            " CHECK ((completed_at IS NULL) = (response_status IS NULL)))"),
             QStringLiteral("CREATE INDEX idempotency_keys_expires_at ON idempotency_keys(expires_at)"),
             QStringLiteral("CREATE TABLE transfers ("
                            " seq {{AUTOINCREMENT_PK}},"
                            " id TEXT NOT NULL UNIQUE,"
                            " from_account TEXT NOT NULL REFERENCES accounts(id),"
                            " to_account TEXT NOT NULL REFERENCES accounts(id),"
                            " amount BIGINT NOT NULL CHECK (amount > 0),"
                            " currency TEXT NOT NULL,"
                            " memo TEXT NOT NULL,"
                            " created_at BIGINT NOT NULL,"
                            " idempotency_key TEXT NOT NULL UNIQUE,"
                            " CHECK (from_account <> to_account))"),
             QStringLiteral("CREATE INDEX transfers_from ON transfers(from_account, seq)"),
             QStringLiteral("CREATE INDEX transfers_to ON transfers(to_account, seq)"),
         },
         {}},
        {2,
         "idempotency keys: one namespace per user; expiry settled under the write lock",
         {
             // SQLite cannot change a primary key or drop a constraint in place: the two tables
             // are rebuilt, with their rows, indexes and the AUTOINCREMENT sequence.
             QStringLiteral("CREATE TABLE idempotency_keys_v2 ("
                            " key TEXT NOT NULL,"
                            " user_id BIGINT NOT NULL REFERENCES users(id),"
                            " operation TEXT NOT NULL,"
                            " created_at BIGINT NOT NULL,"
                            " expires_at BIGINT NOT NULL,"
                            " fingerprint TEXT,"
                            " response_status INTEGER,"
                            " response_body BLOB,"
                            " transfer_id TEXT UNIQUE,"
                            " completed_at BIGINT,"
                            " expired_at BIGINT,"
                            " PRIMARY KEY (user_id, key),"
                            " CHECK ((completed_at IS NULL) = (response_status IS NULL)))"),
             QStringLiteral(
                 "INSERT INTO idempotency_keys_v2 (key, user_id, operation, created_at, expires_at, fingerprint,"
                 " response_status, response_body, transfer_id, completed_at)"
                 " SELECT key, user_id, operation, created_at, expires_at, fingerprint, response_status,"
                 " response_body, transfer_id, completed_at FROM idempotency_keys"),
             QStringLiteral("DROP TABLE idempotency_keys"),
             QStringLiteral("ALTER TABLE idempotency_keys_v2 RENAME TO idempotency_keys"),
             QStringLiteral("CREATE INDEX idempotency_keys_expires_at ON idempotency_keys(expires_at)"),
             QStringLiteral("CREATE TABLE transfers_v2 ("
                            " seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                            " id TEXT NOT NULL UNIQUE,"
                            " from_account TEXT NOT NULL REFERENCES accounts(id),"
                            " to_account TEXT NOT NULL REFERENCES accounts(id),"
                            " amount BIGINT NOT NULL CHECK (amount > 0),"
                            " currency TEXT NOT NULL,"
                            " memo TEXT NOT NULL,"
                            " created_at BIGINT NOT NULL,"
                            " idempotency_key TEXT NOT NULL,"
                            " CHECK (from_account <> to_account))"),
             QStringLiteral(
                 "INSERT INTO transfers_v2 (seq, id, from_account, to_account, amount, currency, memo, created_at,"
                 " idempotency_key) SELECT seq, id, from_account, to_account, amount, currency, memo,"
                 " created_at, idempotency_key FROM transfers"),
             QStringLiteral("DROP TABLE transfers"),
             QStringLiteral("ALTER TABLE transfers_v2 RENAME TO transfers"),
             QStringLiteral("CREATE INDEX transfers_from ON transfers(from_account, seq)"),
             QStringLiteral("CREATE INDEX transfers_to ON transfers(to_account, seq)"),
         },
         {
             QStringLiteral("ALTER TABLE idempotency_keys ADD COLUMN expired_at BIGINT"),
             QStringLiteral("ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey"),
             QStringLiteral("ALTER TABLE idempotency_keys ADD PRIMARY KEY (user_id, key)"),
             QStringLiteral("ALTER TABLE transfers DROP CONSTRAINT transfers_idempotency_key_key"),
         }},
        {3,
         "users: a display name, which payee lists show instead of the login name",
         {
             // NULL for users made before: payee lists show "Customer ID" for them (Ledger::payeesFor).
             QStringLiteral("ALTER TABLE users ADD COLUMN display_name TEXT"),
         },
         {}},
        {4,
         "per-user quotas: a user's unused keys and sessions are counted on every issue and login",
         {
             QStringLiteral("CREATE INDEX idempotency_keys_unused ON idempotency_keys(user_id, expires_at)"
                            " WHERE response_status IS NULL AND expired_at IS NULL"),
             QStringLiteral("CREATE INDEX sessions_user ON sessions(user_id, created_at)"),
         },
         {}},
        {5,
         "idempotency keys: abandoned by their user, listed newest first, what a completed one's request was",
         {
             // Set with expired_at, which alone keeps a key from completing (IdempotencyStore::abandon).
             QStringLiteral("ALTER TABLE idempotency_keys ADD COLUMN abandoned_at BIGINT"),
             // RequestDigest::of the completing request: a 64-bit hash per body member, method and
             // path, to name what a different request with the key changes. NULL for keys
             // completed before.
             QStringLiteral("ALTER TABLE idempotency_keys ADD COLUMN request_digest TEXT"),
             QStringLiteral("CREATE INDEX idempotency_keys_user_created ON idempotency_keys(user_id, created_at, key)"),
         },
         {}},
        {6,
         "idempotency keys: how often a completed key's answer was replayed",
         {
             QStringLiteral("ALTER TABLE idempotency_keys ADD COLUMN replays BIGINT NOT NULL DEFAULT 0"),
         },
         {}},
        {7,
         "scheduled transfers and their occurrences, each run once as a transfer of its own",
         {
             QStringLiteral("CREATE TABLE scheduled_transfers ("
                            " seq {{AUTOINCREMENT_PK}},"
                            " id TEXT NOT NULL UNIQUE,"
                            " user_id BIGINT NOT NULL REFERENCES users(id),"
                            " from_account TEXT NOT NULL REFERENCES accounts(id),"
                            " to_account TEXT NOT NULL REFERENCES accounts(id),"
                            " amount BIGINT NOT NULL CHECK (amount > 0),"
                            " currency TEXT NOT NULL,"
                            " memo TEXT NOT NULL,"
                            " first_run_at BIGINT NOT NULL,"
                            " repeat_every TEXT," // NULL: runs once
                            " repeat_count INTEGER NOT NULL CHECK (repeat_count BETWEEN 1 AND 120),"
                            " created_at BIGINT NOT NULL,"
                            " cancelled_at BIGINT,"
                            " idempotency_key TEXT NOT NULL,"
                            " CHECK (from_account <> to_account))"),
             QStringLiteral("CREATE INDEX scheduled_transfers_user ON scheduled_transfers(user_id, seq)"),
             QStringLiteral("CREATE TABLE scheduled_occurrences ("
                            " schedule_id TEXT NOT NULL REFERENCES scheduled_transfers(id),"
                            " number INTEGER NOT NULL,"
                            " due_at BIGINT NOT NULL,"
                            " status TEXT NOT NULL," // pending, executed, failed, cancelled
                            " transfer_id TEXT,"
                            " problem_code TEXT,"
                            " finished_at BIGINT,"
                            " PRIMARY KEY (schedule_id, number))"),
             // What the scheduler looks for: the pending occurrences that are due.
             QStringLiteral("CREATE INDEX scheduled_occurrences_due ON scheduled_occurrences(due_at)"
                            " WHERE status = 'pending'"),
         },
         {}},
    };
    return migrations;
}

QString describe(const QSqlQuery &query) { return query.lastError().text(); }

} // namespace

int Migrations::latestVersion() { return allMigrations().constLast().version; }

QString Migrations::migrate(QSqlDatabase &db, SqlDialect dialect, int version)
{
    const QString lock = SqlDialects::lockMigrations(dialect);
    if (lock.isEmpty())
        return migrateLocked(db, dialect, version);
    QSqlQuery query(db);
    if (!query.exec(lock))
        return describe(query);
    const QString failure = migrateLocked(db, dialect, version);
    // If this fails the connection is gone, and the session lock went with it.
    query.exec(SqlDialects::unlockMigrations(dialect));
    return failure;
}

QString Migrations::migrateLocked(QSqlDatabase &db, SqlDialect dialect, int version)
{
    QSqlQuery query(db);
    if (!query.exec(
            QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                           " version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at BIGINT NOT NULL)")))
        return describe(query);

    for (const Migration &migration : allMigrations()) {
        if (migration.version > version)
            break;
        // The version check and the migration share one write transaction (and, on PostgreSQL,
        // the migration lock), so two processes starting on one database cannot both apply it.
        if (!query.exec(SqlDialects::beginWrite(dialect)))
            return describe(query);
        query.prepare(QStringLiteral("SELECT 1 FROM schema_migrations WHERE version = ?"));
        query.addBindValue(migration.version);
        if (!query.exec()) {
            const QString reason = describe(query);
            query.exec(QStringLiteral("ROLLBACK"));
            return reason;
        }
        const bool applied = query.next();
        query.finish();
        if (applied) {
            query.exec(QStringLiteral("COMMIT"));
            continue;
        }
        for (const QString &statement : migration.statementsFor(dialect)) {
            if (!query.exec(SqlDialects::expand(dialect, statement))) {
                const QString reason = QStringLiteral("migration %1: %2").arg(migration.version).arg(describe(query));
                query.exec(QStringLiteral("ROLLBACK"));
                return reason;
            }
        }
        query.prepare(
            QStringLiteral("INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)"));
        query.addBindValue(migration.version);
        query.addBindValue(QString::fromLatin1(migration.description));
        query.addBindValue(Timestamp::nowMs());
        if (!query.exec() || !query.exec(QStringLiteral("COMMIT"))) {
            const QString reason = describe(query);
            query.exec(QStringLiteral("ROLLBACK"));
            return reason;
        }
    }

    if (!query.exec(QStringLiteral("SELECT MAX(version) FROM schema_migrations")) || !query.next())
        return describe(query);
    if (query.value(0).toInt() > latestVersion())
        return QStringLiteral("the database has schema version %1; this build knows up to %2")
            .arg(query.value(0).toInt())
            .arg(latestVersion());
    return {};
}
