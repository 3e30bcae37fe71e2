#include "bench/BenchRun.h"

#include "bench/DiskSyncProbe.h"
#include "bench/FixedRequestPlan.h"
#include "bench/KeyIssuePlan.h"
#include "bench/KeyPool.h"
#include "bench/LoadGenerator.h"
#include "bench/PostgresDatabase.h"
#include "bench/ReplayPlan.h"
#include "bench/SignedInUser.h"
#include "bench/StoredKeys.h"
#include "bench/TransferPlan.h"

#include <QElapsedTimer>
#include <QFile>
#include <QThread>

#include <functional>

namespace {

// Fresh transfers go through group commit and may outrun key issuance, so the pool is sized from
// the fastest rate seen so far, with room to spare.
constexpr double kPoolHeadroom = 1.5;
constexpr int kAttemptsOnKeys = 3;
constexpr int kIssueTimeLimitMs = 600'000;

// The PostgreSQL database of a run with --database-url, replaced at its start.
const QString kPostgresDatabase = QStringLiteral("bank_bench");

QString describe(const ScenarioResult &result)
{
    return QStringLiteral("%1 x%2: %3/s p50 %4 ms p99 %5 ms server CPU %6 µs/request errors %7")
        .arg(result.name)
        .arg(result.connections)
        .arg(result.throughput(), 0, 'f', 1)
        .arg(result.latency.p50Ms, 0, 'f', 2)
        .arg(result.latency.p99Ms, 0, 'f', 2)
        .arg(result.serverCpuMeasured() ? QString::number(result.serverCpuUsPerRequest(), 'f', 1)
                                        : QStringLiteral("(not measured)"))
        .arg(result.errors);
}

// Runs one scenario and adds the CPU time the server process spent meanwhile; read right before
// and right after, so nothing of the set-up between scenarios counts.
ScenarioResult withServerCpu(const BenchServer &server, const std::function<ScenarioResult()> &scenario)
{
    const double before = server.cpuSeconds();
    ScenarioResult result = scenario();
    const double after = server.cpuSeconds();
    result.serverCpuSeconds = before >= 0 && after >= 0 ? after - before : -1;
    return result;
}

} // namespace

BenchRun::BenchRun(BenchOptions options) : m_options(std::move(options)), m_workDir(m_options.workDir) {}

BenchRun::~BenchRun() = default;

BenchResults BenchRun::run()
{
    BenchResults results;
    results.connections = m_options.connections;
    results.machine = BenchResults::Machine::describe(m_workDir.path());
    results.machine.serverMode = m_options.mode == BenchServer::Mode::External ? QStringLiteral("external")
        : m_options.mode == BenchServer::Mode::Process                         ? QStringLiteral("process")
                                                                               : QStringLiteral("in-process");
    results.machine.database = m_options.mode == BenchServer::Mode::External ? QStringLiteral("unknown")
        : m_options.databaseUrl.isEmpty()                                    ? QStringLiteral("sqlite")
                                                                             : QStringLiteral("postgresql");
    BenchWorkDir::progress(QStringLiteral("work dir %1").arg(m_workDir.path()));
    results.machine.syncsPerSecond = DiskSyncProbe::syncsPerSecond(m_workDir.path(), m_options.fsyncMs);
    BenchWorkDir::progress(QStringLiteral("fdatasync: %1/s").arg(results.machine.syncsPerSecond, 0, 'f', 1));
    // Also without --growth, so that its targets name the key counts that were not run.
    results.growth.smallKeys = m_options.smallKeyCount;
    results.growth.largeKeys = m_options.largeKeyCount;
    results.failure = measureScenarios(results);
    if (results.failure.isEmpty() && m_options.growth) {
        results.growth.ran = true;
        results.growth.failure = measureGrowth(results.growth);
    }
    return results;
}

CommitLimit BenchRun::measureLimit()
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        QFile::remove(filePath(QStringLiteral("limit.db")) + suffix);
    CommitLimit limit = CommitLimit::measure(filePath(QStringLiteral("limit.db")), m_options.limitMs);
    BenchWorkDir::progress(QStringLiteral("single-commit limit: %1 transfers/s (p50 %2 ms)")
                               .arg(limit.perSecond(), 0, 'f', 1)
                               .arg(limit.latency.p50Ms, 0, 'f', 2));
    return limit;
}

qint64 BenchRun::keysFor(int durationMs, int connections) const
{
    return qint64(m_keyRate * kPoolHeadroom * durationMs / 1000.0) + 4 * connections;
}

QString BenchRun::fillPool(const HttpTarget &target, const SignedInUser &user, KeyPool &pool, qint64 wanted)
{
    const qint64 missing = wanted - pool.available();
    if (missing <= 0)
        return {};
    BenchWorkDir::progress(QStringLiteral("issuing %1 keys").arg(missing));
    KeyIssuePlan plan(target.request("POST", "/v1/idempotency-keys", user.token, R"({"operation":"transfer"})"), pool,
                      missing);
    const ScenarioResult issued = LoadGenerator(target, m_options.clientThreads)
                                      .run(ScenarioNames::kIssueKeys, plan, m_options.connections, kIssueTimeLimitMs);
    return issued.errors == 0 ? QString() : QStringLiteral("%1 keys could not be issued").arg(issued.errors);
}

BenchRun::TransferRun BenchRun::transfers(const BenchServer &server, const HttpTarget &target, const SignedInUser &user,
                                          KeyPool &pool, const QString &name, int connections, int duplicateEvery)
{
    TransferRun run;
    for (int attempt = 1; attempt <= kAttemptsOnKeys; ++attempt) {
        run.failure = fillPool(target, user, pool, keysFor(m_options.durationMs, connections));
        if (!run.failure.isEmpty())
            return run;
        TransferPlan plan(target, user, pool, connections, duplicateEvery);
        run.result = withServerCpu(server, [&] {
            return LoadGenerator(target, m_options.clientThreads).run(name, plan, connections, m_options.durationMs);
        });
        run.completed = plan.completedRequests();
        m_keyRate = std::max(m_keyRate, run.result.throughput());
        if (!run.result.planExhausted || attempt == kAttemptsOnKeys)
            break;
        BenchWorkDir::progress(QStringLiteral("%1 x%2 ran out of keys at %3/s; measuring it again")
                                   .arg(name)
                                   .arg(connections)
                                   .arg(run.result.throughput(), 0, 'f', 1));
    }
    return run;
}

QString BenchRun::measureScenarios(BenchResults &results)
{
    BenchServer server(m_options.mode,
                       m_options.mode == BenchServer::Mode::External ? m_options.url : m_options.serverBinary,
                       m_options.readerThreads);
    QString database = filePath(QStringLiteral("bench.db"));
    if (m_options.databaseUrl.isEmpty()) {
        QFile::remove(database);
    } else {
        const Result<QString> created = PostgresDatabase::recreate(m_options.databaseUrl, kPostgresDatabase);
        if (!created)
            return created.problem().detail;
        database = created.value();
    }
    if (const QString failure = server.start(database); !failure.isEmpty())
        return failure;
    HttpTarget target;
    if (const QString failure = target.parse(server.url()); !failure.isEmpty())
        return failure;
    SignedInUser user;
    if (const QString failure = user.signIn(target); !failure.isEmpty())
        return failure;
    const LoadGenerator load(target, m_options.clientThreads);
    const int connections = m_options.connections;
    const int duration = m_options.durationMs;
    const auto record = [&results](ScenarioResult result) {
        BenchWorkDir::progress(describe(result));
        results.scenarios.append(std::move(result));
    };
    const auto measure = [&](const QString &name, RequestPlan &plan) {
        record(withServerCpu(server, [&] { return load.run(name, plan, connections, duration); }));
    };

    FixedRequestPlan healthz(target.request("GET", "/healthz"), 200);
    measure(ScenarioNames::kHealthz, healthz);
    FixedRequestPlan accounts(target.request("GET", "/v1/accounts", user.token), 200);
    measure(ScenarioNames::kAccounts, accounts);
    KeyPool pool;
    KeyIssuePlan issue(target.request("POST", "/v1/idempotency-keys", user.token, R"({"operation":"transfer"})"), pool);
    measure(ScenarioNames::kIssueKeys, issue);
    m_keyRate = results.scenarios.constLast().throughput();

    std::vector<QByteArray> completed;
    for (int count : std::as_const(m_options.sweep)) {
        if (count == connections)
            results.limit = measureLimit();
        TransferRun run = transfers(server, target, user, pool, ScenarioNames::kFresh, count);
        if (!run.failure.isEmpty())
            return run.failure;
        if (count == connections)
            results.limitAfter = measureLimit();
        BenchWorkDir::progress(describe(run.result));
        results.sweep.append(run.result);
        if (count == connections) {
            completed = std::move(run.completed);
            results.scenarios.append(run.result);
        }
    }
    for (const CommitLimit *limit : {&results.limit, &results.limitAfter}) {
        if (!limit->failure.isEmpty())
            return QStringLiteral("single-commit limit: ") + limit->failure;
    }
    ReplayPlan replays(completed);
    measure(ScenarioNames::kReplays, replays);
    const TransferRun mix = transfers(server, target, user, pool, ScenarioNames::kMix, connections, 10);
    if (!mix.failure.isEmpty())
        return mix.failure;
    record(mix.result);
    server.stop();
    return {};
}

QString BenchRun::measureGrowth(BenchResults::Growth &growth)
{
    const int connections = m_options.connections;

    // A fresh database with `count` stored keys and a server on it, logged in, with a key pool.
    struct Phase
    {
        BenchServer server;
        HttpTarget target;
        SignedInUser user;
        KeyPool pool;
        StoredKeys::Added added;
        QElapsedTimer running; // since the server started
    };
    const auto startPhase = [this, connections](Phase &phase, const QString &name, qint64 count,
                                                StoredKeys::Expiry expiry, int freshRuns) -> QString {
        const QString path = filePath(name);
        for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
            QFile::remove(path + suffix);
        BenchWorkDir::progress(
            QStringLiteral("adding %1 %2 keys to %3")
                .arg(count)
                .arg(expiry == StoredKeys::Expiry::Valid ? QStringLiteral("valid") : QStringLiteral("expired"), name));
        phase.added = StoredKeys::add(path, count, expiry);
        if (!phase.added.failure.isEmpty())
            return phase.added.failure;
        if (const QString failure = phase.server.start(path); !failure.isEmpty())
            return failure;
        phase.running.start();
        if (const QString failure = phase.target.parse(phase.server.url()); !failure.isEmpty())
            return failure;
        if (const QString failure = phase.user.signIn(phase.target); !failure.isEmpty())
            return failure;
        return fillPool(phase.target, phase.user, phase.pool,
                        qint64(freshRuns) * keysFor(m_options.durationMs, connections));
    };
    const auto fresh = [this, connections](Phase &phase, ScenarioResult &result) -> QString {
        TransferRun run
            = transfers(phase.server, phase.target, phase.user, phase.pool, ScenarioNames::kFresh, connections);
        BenchWorkDir::progress(describe(run.result));
        result = std::move(run.result);
        return run.failure;
    };

    {
        // Both servers stay up and take turns (small, large, small, large), so that a drift of
        // the disk or of other load on the machine falls on both sides alike.
        constexpr int kRounds = 2;
        Phase small{BenchServer(m_options.mode, m_options.serverBinary, m_options.readerThreads), {}, {}, {}, {}, {}};
        if (const QString failure = startPhase(small, QStringLiteral("growth-small.db"), growth.smallKeys,
                                               StoredKeys::Expiry::Valid, kRounds);
            !failure.isEmpty())
            return failure;
        Phase large{BenchServer(m_options.mode, m_options.serverBinary, m_options.readerThreads), {}, {}, {}, {}, {}};
        if (const QString failure = startPhase(large, QStringLiteral("growth-large.db"), growth.largeKeys,
                                               StoredKeys::Expiry::Valid, kRounds);
            !failure.isEmpty())
            return failure;
        for (int round = 0; round < kRounds; ++round) {
            ScenarioResult withSmall;
            ScenarioResult withLarge;
            for (const QString &failure : {fresh(small, withSmall), fresh(large, withLarge)}) {
                if (!failure.isEmpty())
                    return failure;
            }
            growth.withSmall = round == 0 ? withSmall : ScenarioResult::combined(growth.withSmall, withSmall);
            growth.withLarge = round == 0 ? withLarge : ScenarioResult::combined(growth.withLarge, withLarge);
        }
        growth.residentKib = large.server.residentKib();
        growth.peakResidentKib = large.server.peakResidentKib();
        BenchWorkDir::progress(QStringLiteral("bank-server VmRSS %1 KiB, VmHWM %2 KiB")
                                   .arg(growth.residentKib)
                                   .arg(growth.peakResidentKib));
    }
    {
        Phase phase{BenchServer(m_options.mode, m_options.serverBinary, m_options.readerThreads), {}, {}, {}, {}, {}};
        if (const QString failure = startPhase(phase, QStringLiteral("growth-purge.db"), growth.largeKeys,
                                               StoredKeys::Expiry::LongExpired, 2);
            !failure.isEmpty())
            return failure;
        const QString path = filePath(QStringLiteral("growth-purge.db"));
        if (const QString failure = fresh(phase, growth.beforePurge); !failure.isEmpty())
            return failure;
        if (!StoredKeys::exists(path, phase.added.first))
            return QStringLiteral(
                "the purge began before the baseline run ended; lengthen the server's purge interval");
        BenchWorkDir::progress(QStringLiteral("waiting for the server's first purge"));
        QElapsedTimer waited;
        waited.start();
        while (StoredKeys::exists(path, phase.added.first)) {
            if (waited.elapsed() > m_options.purgeWaitMs)
                return QStringLiteral("the purge did not start within %1 ms").arg(m_options.purgeWaitMs);
            QThread::msleep(100);
        }
        growth.purgeStartSeconds = double(phase.running.elapsed()) / 1000.0;
        if (const QString failure = fresh(phase, growth.duringPurge); !failure.isEmpty())
            return failure;
        growth.purgeRanThroughout = StoredKeys::exists(path, phase.added.last);
        BenchWorkDir::progress(QStringLiteral("purge still running at the end: %1")
                                   .arg(growth.purgeRanThroughout ? QStringLiteral("yes") : QStringLiteral("no")));
    }
    return {};
}
