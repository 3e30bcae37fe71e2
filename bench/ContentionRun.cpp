#include "bench/ContentionRun.h"

#include "bench/BenchServer.h"
#include "bench/PostgresDatabase.h"
#include "bench/SignedInUser.h"

#include "shared/httpframing/BlockingHttpClient.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QSqlQuery>
#include <QThread>

#include <latch>
#include <vector>

namespace {

// A request answered 503 this often in a row is given up (the run then fails).
constexpr int kAttemptsPerTransfer = 100;
constexpr int kDisconnectWaitMs = 10'000;

// The first column of the first row of `sql`, or -1.
qint64 scalar(const QString &url, const QString &sql)
{
    qint64 value = -1;
    PostgresDatabase::with(url, [&](QSqlDatabase &db) {
        QSqlQuery query(db);
        if (query.exec(sql) && query.next())
            value = query.value(0).toLongLong();
    });
    return value;
}

// A counter from the instance's /metrics, or -1 if it does not export it.
qint64 metric(const BenchServer &server, const QByteArray &name)
{
    HttpTarget target;
    if (!target.parse(server.metricsUrl()).isEmpty())
        return -1;
    BlockingHttpClient client(target.host(), target.port());
    const std::optional<HttpMessage> reply = client.exchange(target.request("GET", "/metrics")).response;
    if (!reply || reply->status() != 200)
        return -1;
    for (const QByteArray &line : reply->body().split('\n')) {
        if (line.startsWith(name + ' '))
            return line.mid(name.size() + 1).toLongLong();
    }
    return -1;
}

qint64 metricOverInstances(const std::vector<std::unique_ptr<BenchServer>> &servers, const QByteArray &name)
{
    qint64 sum = 0;
    for (const auto &server : servers) {
        const qint64 value = metric(*server, name);
        if (value < 0)
            return -1;
        sum += value;
    }
    return sum;
}

struct Direction
{
    QString from;
    QString to;
    QByteArray token; // of the owner of `from`
};

// One transfer as its client saw it.
struct Outcome
{
    int direction = 0;
    QByteArray key;
    int status = 0; // the final answer
    QString transferId;
    qint64 latencyNs = 0;
    int unavailable = 0; // 503 answers before the final one
};

QMap<QString, qint64> balances(const QString &url)
{
    QMap<QString, qint64> result;
    PostgresDatabase::with(url, [&result](QSqlDatabase &db) {
        QSqlQuery query(db);
        query.exec(QStringLiteral("SELECT id, balance FROM accounts"));
        while (query.next())
            result.insert(query.value(0).toString(), query.value(1).toLongLong());
    });
    return result;
}

// Empty, or how the ledger differs from the acknowledged transfers.
QString checkLedger(const QString &url, const QMap<QString, qint64> &before, const QList<Direction> &directions,
                    const std::vector<std::vector<Outcome>> &outcomes)
{
    QMap<QString, qint64> expected = before;
    QSet<QString> acknowledged;
    for (const auto &client : outcomes) {
        for (const Outcome &outcome : client) {
            if (outcome.status != 201)
                continue;
            if (acknowledged.contains(outcome.transferId))
                return QStringLiteral("transfer %1 acknowledged twice").arg(outcome.transferId);
            acknowledged.insert(outcome.transferId);
            --expected[directions[outcome.direction].from];
            ++expected[directions[outcome.direction].to];
        }
    }
    QSet<QString> stored;
    PostgresDatabase::with(url, [&stored](QSqlDatabase &db) {
        QSqlQuery query(db);
        query.exec(QStringLiteral("SELECT id FROM transfers"));
        while (query.next())
            stored.insert(query.value(0).toString());
    });
    if (stored != acknowledged)
        return QStringLiteral("the ledger holds %1 transfers, %2 were acknowledged (%3 in common)")
            .arg(stored.size())
            .arg(acknowledged.size())
            .arg(QSet<QString>(stored).intersect(acknowledged).size());
    if (balances(url) != expected)
        return QStringLiteral("the balances are not the acknowledged transfers applied to the start");
    return {};
}

} // namespace

ContentionRun::ContentionRun(BenchOptions options) : m_options(std::move(options)), m_workDir(m_options.workDir) {}

ContentionRun::~ContentionRun() = default;

QList<ContentionResult> ContentionRun::run()
{
    QList<ContentionResult> results;
    for (int clients : std::as_const(m_options.contentionClients)) {
        for (int instances : std::as_const(m_options.instances)) {
            results.append(measure(clients, instances));
            const ContentionResult &r = results.constLast();
            BenchWorkDir::progress(
                QStringLiteral("%1 clients on %2 instances: %3 s, p99 %4 ms, %5 retries, %6 deadlocks%7")
                    .arg(clients)
                    .arg(instances)
                    .arg(r.seconds, 0, 'f', 2)
                    .arg(r.latency.p99Ms, 0, 'f', 1)
                    .arg(r.writerRetries)
                    .arg(r.deadlocks)
                    .arg(r.failure.isEmpty() ? QString() : QStringLiteral(" FAILED: ") + r.failure));
        }
    }
    return results;
}

ContentionResult ContentionRun::measure(int clients, int instances)
{
    ContentionResult result;
    result.clients = clients;
    result.instances = instances;
    const QString name = QStringLiteral("bank_contention_%1_%2").arg(clients).arg(instances);
    const Result<QString> created = PostgresDatabase::recreate(m_options.databaseUrl, name);
    if (!created) {
        result.failure = created.problem().detail;
        return result;
    }
    const QString databaseUrl = created.value();

    std::vector<std::unique_ptr<BenchServer>> servers;
    std::vector<HttpTarget> targets(static_cast<size_t>(instances));
    for (int i = 0; i < instances; ++i) {
        servers.push_back(std::make_unique<BenchServer>(BenchServer::Mode::Process, m_options.serverBinary));
        servers.back()->setLogFile(m_workDir.filePath(QStringLiteral("%1-%2.log").arg(name).arg(i)));
        result.failure = servers.back()->start(databaseUrl);
        if (result.failure.isEmpty())
            result.failure = targets[size_t(i)].parse(servers.back()->url());
        if (!result.failure.isEmpty())
            return result;
    }
    SignedInUser alice;
    SignedInUser bob;
    result.failure = alice.signIn(targets.front());
    if (result.failure.isEmpty())
        result.failure = bob.signIn(targets.back(), "bob", "builder");
    if (result.failure.isEmpty() && alice.accounts.size() != 2)
        result.failure = QStringLiteral("alice needs two accounts");
    if (!result.failure.isEmpty())
        return result;
    const QList<Direction> directions{
        {alice.accounts[0], alice.accounts[1], alice.token}, {alice.accounts[1], alice.accounts[0], alice.token},
        {alice.accounts[0], bob.accounts[0], alice.token},   {bob.accounts[0], alice.accounts[0], bob.token},
        {alice.accounts[1], bob.accounts[0], alice.token},   {bob.accounts[0], alice.accounts[1], bob.token}};
    const QMap<QString, qint64> before = balances(databaseUrl);

    std::vector<std::vector<Outcome>> outcomes(static_cast<size_t>(clients));
    std::latch keysIssued(clients + 1);
    std::latch go(1);
    std::vector<std::unique_ptr<QThread>> threads;
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back(QThread::create([&, c] {
            std::vector<std::unique_ptr<BlockingHttpClient>> connections;
            for (const HttpTarget &target : targets)
                connections.push_back(std::make_unique<BlockingHttpClient>(target.host(), target.port()));
            const int home = c % instances;
            std::vector<Outcome> &mine = outcomes[size_t(c)];
            for (int i = 0; i < m_options.transfersPerClient; ++i) {
                Outcome outcome;
                outcome.direction = (c + i) % int(directions.size());
                const HttpMessage issued = connections[size_t(home)]
                                               ->exchange(targets[size_t(home)].request(
                                                   "POST", "/v1/idempotency-keys", directions[outcome.direction].token,
                                                   R"({"operation":"transfer"})"))
                                               .response.value_or(HttpMessage());
                outcome.key
                    = QJsonDocument::fromJson(issued.body()).object().value(QLatin1String("key")).toString().toLatin1();
                mine.push_back(outcome);
            }
            keysIssued.arrive_and_wait();
            go.wait();
            for (Outcome &outcome : mine) {
                if (outcome.key.isEmpty())
                    continue;
                const Direction &direction = directions[outcome.direction];
                const QByteArray body = SignedInUser::transferBody(direction.from, direction.to);
                QElapsedTimer took;
                took.start();
                for (int attempt = 0; attempt < kAttemptsPerTransfer; ++attempt) {
                    const size_t instance = size_t((home + attempt) % instances);
                    const HttpMessage reply
                        = connections[instance]
                              ->exchange(targets[instance].request("POST", "/v1/transfers", direction.token, body,
                                                                   {{"Idempotency-Key", outcome.key}}))
                              .response.value_or(HttpMessage());
                    outcome.status = reply.status();
                    if (outcome.status != 503) {
                        outcome.transferId
                            = QJsonDocument::fromJson(reply.body()).object().value(QLatin1String("id")).toString();
                        break;
                    }
                    ++outcome.unavailable;
                }
                outcome.latencyNs = took.nsecsElapsed();
            }
        }));
        threads.back()->setObjectName(QStringLiteral("bench-contention-%1").arg(c));
        threads.back()->start();
    }
    keysIssued.arrive_and_wait();
    const qint64 batchesBefore = metricOverInstances(servers, "bank_writer_batches_total");
    const qint64 retriesBefore = metricOverInstances(servers, "bank_writer_retries_total");
    const qint64 deferredBefore = metricOverInstances(servers, "bank_writer_deferred_jobs_total");
    const QString deadlocksSql
        = QStringLiteral("SELECT deadlocks FROM pg_stat_database WHERE datname = '%1'").arg(name);
    const qint64 deadlocksBefore = scalar(databaseUrl, deadlocksSql);
    QElapsedTimer wall;
    wall.start();
    go.count_down();
    for (auto &thread : threads)
        thread->wait();
    result.seconds = double(wall.nsecsElapsed()) / 1e9;
    const qint64 batchesAfter = metricOverInstances(servers, "bank_writer_batches_total");
    const qint64 retriesAfter = metricOverInstances(servers, "bank_writer_retries_total");
    const qint64 deferredAfter = metricOverInstances(servers, "bank_writer_deferred_jobs_total");
    for (auto &server : servers)
        server->stop();
    // A backend reports its deadlocks to the statistics when it ends at the latest.
    QElapsedTimer disconnecting;
    disconnecting.start();
    while (scalar(databaseUrl,
                  QStringLiteral("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = '%1' AND pid <> "
                                 "pg_backend_pid()")
                      .arg(name))
               > 0
           && disconnecting.elapsed() < kDisconnectWaitMs)
        QThread::msleep(50);
    const qint64 deadlocksAfter = scalar(databaseUrl, deadlocksSql);
    if (batchesBefore >= 0 && batchesAfter >= 0)
        result.batches = batchesAfter - batchesBefore;
    if (retriesBefore >= 0 && retriesAfter >= 0)
        result.writerRetries = retriesAfter - retriesBefore;
    if (deferredBefore >= 0 && deferredAfter >= 0)
        result.deferredJobs = deferredAfter - deferredBefore;
    if (deadlocksBefore >= 0 && deadlocksAfter >= 0)
        result.deadlocks = deadlocksAfter - deadlocksBefore;

    std::vector<qint64> latencies;
    QMap<int, int> otherAnswers; // status -> transfers that ended with it
    for (const auto &client : outcomes) {
        for (const Outcome &outcome : client) {
            result.unavailable += outcome.unavailable;
            if (outcome.status == 201) {
                ++result.acknowledged;
                latencies.push_back(outcome.latencyNs);
            } else {
                ++otherAnswers[outcome.status];
            }
        }
    }
    result.latency = LatencySummary::of(std::move(latencies));
    QStringList failures;
    for (auto it = otherAnswers.cbegin(); it != otherAnswers.cend(); ++it)
        failures.append(
            QStringLiteral("%1 transfers ended with status %2 (0: no key or no answer)").arg(it.value()).arg(it.key()));
    if (const QString ledger = checkLedger(databaseUrl, before, directions, outcomes); !ledger.isEmpty())
        failures.append(ledger);
    result.failure = failures.join(QLatin1String("; "));
    return result;
}
