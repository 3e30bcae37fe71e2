#include "bench/CommitLimit.h"

#include "bench/BenchDatabase.h"

#include "server/idempotency/IdempotencyStore.h"
#include "server/ledger/Ledger.h"
#include "server/storage/ConnectionFactory.h"
#include "server/transfers/TransferCommit.h"
#include "shared/core/Timestamp.h"
#include "shared/json/CanonicalJson.h"
#include "shared/wire/ApiTypes.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

#include <vector>

namespace {

constexpr SqlDialect kDialect = SqlDialect::Sqlite;
constexpr int kKeysPerRefill = 1000;

// Issues keys the way POST /v1/idempotency-keys does, outside the measured time.
QString issueKeys(QSqlDatabase &db, qint64 userId, QStringList &keys)
{
    QSqlQuery control(db);
    if (!control.exec(SqlDialects::beginWrite(kDialect)))
        return control.lastError().text();
    for (int i = 0; i < kKeysPerRefill; ++i) {
        const auto stored = IdempotencyStore::insert(db, IdempotencyStore::newKey(), userId, ApiOperations::kTransfer,
                                                     Timestamp::nowMs(), 86'400'000);
        if (!stored) {
            control.exec(QStringLiteral("ROLLBACK"));
            return stored.problem().detail;
        }
        keys.append(stored->key);
    }
    return control.exec(QStringLiteral("COMMIT")) ? QString() : control.lastError().text();
}

// One transfer's writer job, the server's own (TransferCommit::execute), as its own durable
// transaction; empty string or the failure.
QString commitOneTransfer(QSqlDatabase &db, const TransferCommit &commit, const TransferOrder &order)
{
    QSqlQuery control(db);
    if (!control.exec(SqlDialects::beginWrite(kDialect)))
        return control.lastError().text();
    const auto abort = [&control](const QString &reason) {
        control.exec(QStringLiteral("ROLLBACK"));
        return reason;
    };
    const auto outcome = commit.execute(db, order, Timestamp::nowMs());
    if (!outcome)
        return abort(outcome.problem().detail);
    if (outcome->kind != TransferOutcome::Kind::Moved)
        return abort(QStringLiteral("the transfer did not move the money"));
    return control.exec(QStringLiteral("COMMIT")) ? QString() : abort(control.lastError().text());
}

} // namespace

QJsonObject CommitLimit::toJson() const
{
    return {{QStringLiteral("commits"), qint64(commits)},
            {QStringLiteral("seconds"), seconds},
            {QStringLiteral("commits_per_s"), perSecond()},
            {QStringLiteral("latency"), latency.toJson()},
            {QStringLiteral("failure"), failure}};
}

CommitLimit CommitLimit::measure(const QString &sqlitePath, int durationMs)
{
    CommitLimit result;
    ConnectionFactory connections(DatabaseConfig::sqlite(sqlitePath));
    {
        QSqlDatabase db = connections.connectionForCurrentThread();
        if (!db.isOpen()) {
            result.failure = db.lastError().text();
            return result;
        }
        if (const QString failure = BenchDatabase::prepare(db); !failure.isEmpty()) {
            result.failure = failure;
            return result;
        }
        const std::optional<qint64> alice = BenchDatabase::userId(db, QStringLiteral("alice"));
        const auto accounts
            = alice ? Ledger::accountsOf(db, *alice) : Result<QList<Account>>(Problem(ProblemCode::NotFound));
        if (!accounts || accounts->size() < 2) {
            result.failure = QStringLiteral("alice's accounts are missing");
            return result;
        }
        const KeyedCommit keyedCommit(kDialect, IdempotencyOptions{});
        const TransferCommit commit(keyedCommit);
        std::vector<qint64> latencies;
        QStringList keys;
        qsizetype nextKey = 0;
        qint64 measuredNs = 0;
        QElapsedTimer clock;
        while (measuredNs < qint64(durationMs) * 1'000'000) {
            if (nextKey == keys.size()) {
                if (const QString failure = issueKeys(db, *alice, keys); !failure.isEmpty()) {
                    result.failure = failure;
                    break;
                }
            }
            const QString key = keys.at(nextKey++);
            const bool forward = result.commits % 2 == 0;
            const Account &from = accounts->at(forward ? 0 : 1);
            const Account &to = accounts->at(forward ? 1 : 0);
            TransferOrder order{*alice, key, {}, {}, {from.id, to.id, 1, from.currency, QStringLiteral("bench")}};
            order.fingerprint = CanonicalJson::fingerprint("POST", "/v1/transfers", order.transfer.toJson());
            clock.start();
            const QString failure = commitOneTransfer(db, commit, order);
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
    }
    connections.closeAll();
    return result;
}
