#include "bench/CommitLimit.h"

#include "bench/BenchDatabase.h"

#include "server/idempotency/IdempotencyStore.h"
#include "server/ledger/Ledger.h"
#include "server/storage/ConnectionFactory.h"
#include "shared/core/Timestamp.h"
#include "shared/json/CanonicalJson.h"
#include "shared/wire/ApiTypes.h"
#include "shared/wire/TransferAnswer.h"
#include "shared/wire/TransferRequest.h"

#include <QElapsedTimer>
#include <QSqlError>

#include <sqlite3.h>

#include <memory>
#include <vector>

namespace {

constexpr int kKeysPerRefill = 1000;
constexpr qint64 kKeyTtlMs = 86'400'000;

using Handle = std::unique_ptr<sqlite3, decltype(&sqlite3_close)>;
using Statement = std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)>;

// The server's own statements (IdempotencyStore, Ledger), verbatim.
constexpr const char *kInsertKey
    = "INSERT INTO idempotency_keys (key, user_id, operation, created_at, expires_at) VALUES (?, ?, ?, ?, ?)";
constexpr const char *kFindKey
    = "SELECT key, user_id, operation, created_at, expires_at, fingerprint, request_digest, response_status,"
      " response_body, transfer_id, expired_at, abandoned_at, replays FROM idempotency_keys"
      " WHERE user_id = ? AND key = ?";
constexpr const char *kDebit = "UPDATE accounts SET balance = balance - ? WHERE id = ? AND balance >= ?";
constexpr const char *kCredit = "UPDATE accounts SET balance = balance + ? WHERE id = ?";
constexpr const char *kInsertTransfer
    = "INSERT INTO transfers (id, from_account, to_account, amount, currency, memo, created_at, idempotency_key)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
constexpr const char *kCompleteKey
    = "UPDATE idempotency_keys SET fingerprint = ?, request_digest = ?, response_status = ?, response_body = ?,"
      " transfer_id = ?, completed_at = ? WHERE user_id = ? AND key = ? AND completed_at IS NULL"
      " AND expired_at IS NULL";

// Everything of one transfer that is not database work, made before its transaction starts.
struct Prepared
{
    QByteArray key;
    QByteArray from;
    QByteArray to;
    QByteArray currency;
    QByteArray transferId;
    QByteArray fingerprint;
    QByteArray responseBody;
};

// The prepared statements of the probe on one raw handle.
struct Statements
{
    sqlite3 *db = nullptr;
    Statement begin{nullptr, sqlite3_finalize};
    Statement commit{nullptr, sqlite3_finalize};
    Statement rollback{nullptr, sqlite3_finalize};
    Statement insertKey{nullptr, sqlite3_finalize};
    Statement findKey{nullptr, sqlite3_finalize};
    Statement debit{nullptr, sqlite3_finalize};
    Statement credit{nullptr, sqlite3_finalize};
    Statement insertTransfer{nullptr, sqlite3_finalize};
    Statement completeKey{nullptr, sqlite3_finalize};
};

QString lastError(sqlite3 *db) { return QString::fromUtf8(sqlite3_errmsg(db)); }

QString prepareAll(Statements &s)
{
    for (const auto &[statement, sql] :
         {std::pair{&s.begin, "BEGIN IMMEDIATE"}, std::pair{&s.commit, "COMMIT"}, std::pair{&s.rollback, "ROLLBACK"},
          std::pair{&s.insertKey, kInsertKey}, std::pair{&s.findKey, kFindKey}, std::pair{&s.debit, kDebit},
          std::pair{&s.credit, kCredit}, std::pair{&s.insertTransfer, kInsertTransfer},
          std::pair{&s.completeKey, kCompleteKey}}) {
        sqlite3_stmt *raw = nullptr;
        if (sqlite3_prepare_v3(s.db, sql, -1, SQLITE_PREPARE_PERSISTENT, &raw, nullptr) != SQLITE_OK)
            return lastError(s.db);
        statement->reset(raw);
    }
    return {};
}

// Binds without a copy (the raw limit pays for no more than the server would): `text` must live
// until the statement has been stepped.
void bindText(sqlite3_stmt *statement, int index, const QByteArray &text)
{
    sqlite3_bind_text(statement, index, text.constData(), int(text.size()), SQLITE_STATIC);
}

// Steps a statement that returns no rows to its end; true if it succeeded and changed exactly
// `changes` rows (-1: any number).
bool run(sqlite3 *db, sqlite3_stmt *statement, int changes = -1)
{
    const int status = sqlite3_step(statement);
    sqlite3_reset(statement);
    return status == SQLITE_DONE && (changes < 0 || sqlite3_changes(db) == changes);
}

// Issues keys the way POST /v1/idempotency-keys does, outside the measured time.
QString issueKeys(Statements &s, qint64 userId, std::vector<QByteArray> &keys)
{
    if (!run(s.db, s.begin.get()))
        return lastError(s.db);
    const qint64 now = Timestamp::nowMs();
    const QByteArray operation = ApiOperations::kTransfer.toLatin1();
    for (int i = 0; i < kKeysPerRefill; ++i) {
        const QByteArray key = IdempotencyStore::newKey().toLatin1();
        sqlite3_stmt *insert = s.insertKey.get();
        bindText(insert, 1, key);
        sqlite3_bind_int64(insert, 2, userId);
        bindText(insert, 3, operation);
        sqlite3_bind_int64(insert, 4, now);
        sqlite3_bind_int64(insert, 5, now + kKeyTtlMs);
        if (!run(s.db, insert, 1)) {
            const QString failure = lastError(s.db);
            run(s.db, s.rollback.get());
            return failure;
        }
        keys.push_back(key);
    }
    return run(s.db, s.commit.get()) ? QString() : lastError(s.db);
}

// One transfer as its own durable transaction; empty string or the failure.
QString commitOneTransfer(Statements &s, qint64 userId, const Prepared &t)
{
    if (!run(s.db, s.begin.get()))
        return lastError(s.db);
    const auto abort = [&s](const QString &reason) {
        run(s.db, s.rollback.get());
        return reason;
    };
    const qint64 now = Timestamp::nowMs();
    sqlite3_stmt *find = s.findKey.get();
    sqlite3_bind_int64(find, 1, userId);
    bindText(find, 2, t.key);
    const bool found = sqlite3_step(find) == SQLITE_ROW;
    // Usable as the server decides it: unused (no response, not expired) and not yet lapsed.
    const bool usable = found && sqlite3_column_type(find, 7) == SQLITE_NULL
        && sqlite3_column_type(find, 10) == SQLITE_NULL && sqlite3_column_int64(find, 4) > now;
    sqlite3_reset(find);
    if (!usable)
        return abort(QStringLiteral("the key is not usable"));

    sqlite3_stmt *debit = s.debit.get();
    sqlite3_bind_int64(debit, 1, 1);
    bindText(debit, 2, t.from);
    sqlite3_bind_int64(debit, 3, 1);
    if (!run(s.db, debit, 1))
        return abort(QStringLiteral("the debit failed: ") + lastError(s.db));
    sqlite3_stmt *credit = s.credit.get();
    sqlite3_bind_int64(credit, 1, 1);
    bindText(credit, 2, t.to);
    if (!run(s.db, credit, 1))
        return abort(QStringLiteral("the credit failed: ") + lastError(s.db));

    sqlite3_stmt *insert = s.insertTransfer.get();
    bindText(insert, 1, t.transferId);
    bindText(insert, 2, t.from);
    bindText(insert, 3, t.to);
    sqlite3_bind_int64(insert, 4, 1);
    bindText(insert, 5, t.currency);
    sqlite3_bind_text(insert, 6, "bench", -1, SQLITE_STATIC);
    sqlite3_bind_int64(insert, 7, now);
    bindText(insert, 8, t.key);
    if (!run(s.db, insert, 1))
        return abort(QStringLiteral("the transfer insert failed: ") + lastError(s.db));

    sqlite3_stmt *complete = s.completeKey.get();
    bindText(complete, 1, t.fingerprint);
    sqlite3_bind_text(complete, 2, "", 0, SQLITE_STATIC);
    sqlite3_bind_int(complete, 3, 201);
    sqlite3_bind_blob(complete, 4, t.responseBody.constData(), int(t.responseBody.size()), SQLITE_STATIC);
    bindText(complete, 5, t.transferId);
    sqlite3_bind_int64(complete, 6, now);
    sqlite3_bind_int64(complete, 7, userId);
    bindText(complete, 8, t.key);
    if (!run(s.db, complete, 1))
        return abort(QStringLiteral("the key's completion failed: ") + lastError(s.db));
    return run(s.db, s.commit.get()) ? QString() : abort(lastError(s.db));
}

// The bank's schema and demo data through the server's own migrations; alice's id and accounts.
struct Schema
{
    qint64 alice = 0;
    QList<Account> accounts;
    QString failure;
};

Schema createSchema(const QString &sqlitePath)
{
    Schema schema;
    ConnectionFactory connections(DatabaseConfig::sqlite(sqlitePath));
    {
        QSqlDatabase db = connections.connectionForCurrentThread();
        if (!db.isOpen()) {
            schema.failure = db.lastError().text();
            return schema;
        }
        if (const QString failure = BenchDatabase::prepare(db); !failure.isEmpty()) {
            schema.failure = failure;
            return schema;
        }
        const std::optional<qint64> alice = BenchDatabase::userId(db, QStringLiteral("alice"));
        const auto accounts
            = alice ? Ledger::accountsOf(db, *alice) : Result<QList<Account>>(Problem(ProblemCode::NotFound));
        if (!accounts || accounts->size() < 2) {
            schema.failure = QStringLiteral("alice's accounts are missing");
            return schema;
        }
        schema.alice = *alice;
        schema.accounts = accounts.value();
    }
    connections.closeAll();
    return schema;
}

Prepared prepareTransfer(const Schema &schema, const QByteArray &key, bool forward)
{
    const Account &from = schema.accounts.at(forward ? 0 : 1);
    const Account &to = schema.accounts.at(forward ? 1 : 0);
    Transfer transfer;
    transfer.id = Ledger::newTransferId();
    transfer.fromAccount = from.id;
    transfer.toAccount = to.id;
    transfer.amount = 1;
    transfer.currency = from.currency;
    transfer.memo = QStringLiteral("bench");
    transfer.createdAt = Timestamp::toIso(Timestamp::nowMs());
    transfer.idempotencyKey = QString::fromLatin1(key);
    const TransferRequest request{from.id, to.id, 1, from.currency, transfer.memo};
    return Prepared{key,
                    from.id.toUtf8(),
                    to.id.toUtf8(),
                    from.currency.toUtf8(),
                    transfer.id.toUtf8(),
                    CanonicalJson::fingerprint("POST", "/v1/transfers", request.toJson()),
                    TransferAnswer::created(transfer).body};
}

} // namespace

QJsonObject CommitLimit::toJson() const
{
    return {{QStringLiteral("raw_sqlite"), true},          {QStringLiteral("commits"), qint64(commits)},
            {QStringLiteral("seconds"), seconds},          {QStringLiteral("commits_per_s"), perSecond()},
            {QStringLiteral("latency"), latency.toJson()}, {QStringLiteral("failure"), failure}};
}

CommitLimit CommitLimit::measure(const QString &sqlitePath, int durationMs)
{
    CommitLimit result;
    const Schema schema = createSchema(sqlitePath);
    if (!schema.failure.isEmpty()) {
        result.failure = schema.failure;
        return result;
    }
    sqlite3 *opened = nullptr;
    const int status = sqlite3_open_v2(sqlitePath.toUtf8().constData(), &opened, SQLITE_OPEN_READWRITE, nullptr);
    const Handle handle(opened, sqlite3_close);
    if (status != SQLITE_OK) {
        result.failure = opened ? lastError(opened) : QStringLiteral("sqlite3_open_v2 failed");
        return result;
    }
    // As the server's ConnectionFactory configures its connections.
    for (const char *pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON"}) {
        if (sqlite3_exec(opened, pragma, nullptr, nullptr, nullptr) != SQLITE_OK) {
            result.failure = lastError(opened);
            return result;
        }
    }
    Statements statements;
    statements.db = opened;
    if (const QString failure = prepareAll(statements); !failure.isEmpty()) {
        result.failure = failure;
        return result;
    }
    std::vector<qint64> latencies;
    std::vector<QByteArray> keys;
    size_t nextKey = 0;
    qint64 measuredNs = 0;
    QElapsedTimer clock;
    while (measuredNs < qint64(durationMs) * 1'000'000) {
        if (nextKey == keys.size()) {
            if (const QString failure = issueKeys(statements, schema.alice, keys); !failure.isEmpty()) {
                result.failure = failure;
                break;
            }
        }
        const Prepared transfer = prepareTransfer(schema, keys.at(nextKey++), result.commits % 2 == 0);
        clock.start();
        const QString failure = commitOneTransfer(statements, schema.alice, transfer);
        const qint64 elapsed = clock.nsecsElapsed();
        if (!failure.isEmpty()) {
            result.failure = failure;
            break;
        }
        measuredNs += elapsed;
        latencies.push_back(elapsed);
        ++result.commits;
    }
    result.seconds = double(measuredNs) / 1e9;
    result.latency = LatencySummary::of(std::move(latencies));
    return result;
}
