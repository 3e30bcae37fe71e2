#include "bench/StoredKeys.h"

#include "bench/BenchDatabase.h"

#include "server/idempotency/IdempotencyStore.h"
#include "server/storage/ConnectionFactory.h"
#include "shared/core/Timestamp.h"
#include "shared/wire/ApiTypes.h"

#include <QSqlError>
#include <QSqlQuery>

namespace StoredKeys {

namespace {
constexpr qint64 kKeysPerTransaction = 50'000;
constexpr qint64 kDayMs = 86'400'000;
} // namespace

Added add(const QString &sqlitePath, qint64 count, Expiry expiry)
{
    Added added;
    ConnectionFactory connections(DatabaseConfig::sqlite(sqlitePath));
    {
        QSqlDatabase db = connections.connectionForCurrentThread();
        if (!db.isOpen()) {
            added.failure = db.lastError().text();
            return added;
        }
        if (const QString failure = BenchDatabase::prepare(db); !failure.isEmpty()) {
            added.failure = failure;
            return added;
        }
        const std::optional<qint64> alice = BenchDatabase::userId(db, QStringLiteral("alice"));
        if (!alice) {
            added.failure = QStringLiteral("no user alice");
            return added;
        }
        QSqlQuery control(db);
        control.exec(QStringLiteral("PRAGMA synchronous=OFF"));
        control.exec(QStringLiteral("PRAGMA cache_size=-262144"));
        // Long expired: issued a month ago, one millisecond apart, each valid for a day.
        const qint64 firstIssuedMs
            = expiry == Expiry::LongExpired ? Timestamp::nowMs() - 30 * kDayMs : Timestamp::nowMs();
        for (qint64 i = 0; i < count && added.failure.isEmpty(); ++i) {
            if (i % kKeysPerTransaction == 0 && !control.exec(SqlDialects::beginWrite(SqlDialect::Sqlite)))
                added.failure = control.lastError().text();
            const auto stored
                = IdempotencyStore::insert(db, IdempotencyStore::newKey(), *alice, ApiOperations::kTransfer,
                                           expiry == Expiry::LongExpired ? firstIssuedMs + i : firstIssuedMs, kDayMs);
            if (!stored) {
                added.failure = stored.problem().detail;
                control.exec(QStringLiteral("ROLLBACK"));
                break;
            }
            if (i == 0)
                added.first = stored->key;
            added.last = stored->key;
            if ((i + 1) % kKeysPerTransaction == 0 || i + 1 == count) {
                if (!control.exec(QStringLiteral("COMMIT")))
                    added.failure = control.lastError().text();
            }
        }
        // Hands the server a checkpointed file, as after a long quiet time.
        control.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    connections.closeAll();
    return added;
}

bool exists(const QString &sqlitePath, const QString &key)
{
    ConnectionFactory connections(DatabaseConfig::sqlite(sqlitePath));
    bool found = false;
    {
        QSqlDatabase db = connections.connectionForCurrentThread();
        const std::optional<qint64> alice = BenchDatabase::userId(db, QStringLiteral("alice"));
        const auto stored = IdempotencyStore::find(db, SqlDialect::Sqlite, alice.value_or(0), key, false);
        found = alice && stored && stored.value().has_value();
    }
    connections.closeAll();
    return found;
}

} // namespace StoredKeys
