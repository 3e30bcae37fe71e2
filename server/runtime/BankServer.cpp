#include "server/runtime/BankServer.h"

#include "server/api/BankApi.h"
#include "server/http/HttpLogEntry.h"
#include "server/http/HttpServer.h"
#include "server/idempotency/IdempotencyStore.h"
#include "server/metrics/Metrics.h"
#include "server/metrics/MetricsEndpoint.h"
#include "server/reliability/FaultPoints.h"
#include "server/runtime/DemoSeed.h"
#include "server/schedules/Scheduler.h"
#include "server/storage/ConnectionFactory.h"
#include "server/storage/Storage.h"
#include "shared/core/ThreadHandoff.h"
#include "shared/core/Timestamp.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <future>

namespace {
// A purge batch rides in a group commit: its deletes dirty pages scattered across the key index,
// and every transfer in that commit waits for them. So batches are small, and after each the purge
// pauses for at least (kPurgeShare - 1) times as long as the batch took from queueing to commit:
// the purge gets about 1/kPurgeShare of the writer however fast the disk, and less under load.
constexpr int kPurgeBatch = 100;
constexpr int kPurgeMinPauseMs = 20;
constexpr qint64 kPurgeShare = 20;
} // namespace

BankServer::BankServer(ServerConfig config, QObject *parent)
    : QObject(parent),
      m_config(std::move(config)),
      m_metrics(std::make_unique<Metrics>()),
      m_purgeTimer(this)
{
    m_purgeTimer.setInterval(m_config.purgeIntervalMs);
    connect(&m_purgeTimer, &QTimer::timeout, this, &BankServer::purgeExpired);
}

BankServer::~BankServer()
{
    // The listener goes first so no request can reach the API while storage stops.
    delete m_http;
    m_http = nullptr;
    delete m_metricsHttp;
    m_metricsHttp = nullptr;
    if (m_api)
        m_api->flush();
    if (m_storage)
        m_storage->stop();
}

QString BankServer::start()
{
    const auto database = m_config.database();
    if (!database)
        return database.problem().detail;
    m_storage = std::make_unique<Storage>(database.value(), m_config.readerThreads);
    if (const QString failure = m_storage->open(); !failure.isEmpty())
        return QStringLiteral("cannot open %1: %2").arg(database->describe(), failure);

    if (m_config.seedDemo) {
        std::promise<Result<bool>> seeded;
        m_storage->write<bool>(
            [passwords = m_config.demoPasswords,
             reset = m_config.resetDemoPasswords](QSqlDatabase &db) -> Result<bool> {
                const Result<bool> seededNow = DemoSeed::seedIfEmpty(db, passwords);
                if (!seededNow || seededNow.value() || !reset)
                    return seededNow;
                if (const auto set = DemoSeed::setPasswords(db, passwords); !set)
                    return set.problem();
                return false;
            },
            [&seeded](Result<bool> result) { seeded.set_value(std::move(result)); });
        const Result<bool> result = seeded.get_future().get();
        if (!result)
            return QStringLiteral("cannot seed demo data: %1").arg(result.problem().detail);
        m_seededDemo = result.value();
    }

    IdempotencyOptions options;
    options.acceptClientKeys = m_config.acceptClientKeys;
    options.keyTtlMs = m_config.keyTtlSeconds * 1000;
    options.processingDelayMs = m_config.processingDelayMs;
    options.holdBeforeCommitMs = FaultPoints::holdBeforeCommitMs();
    m_api = std::make_unique<BankApi>(*m_storage, *m_metrics, options, m_config.demoUnsafe, m_config.quotas);
    m_http = new HttpServer(m_api.get(), m_config.limits, this);
    m_http->setAllowedHosts(m_config.allowedHosts);
    m_http->setTrustedProxies(m_config.trustedProxies);
    m_http->setRequiredSecret(m_config.requiredSecret);
    connect(m_http, &HttpServer::requestCompleted, this, &BankServer::onRequestCompleted);
    connect(m_http, &HttpServer::drained, this, [this] {
        m_api->flush();
        m_storage->stop();
        emit stopped();
    });
    if (!m_http->listen(m_config.listenAddress, m_config.port))
        return QStringLiteral("cannot listen on %1:%2: %3")
            .arg(m_config.listenAddress.toString(), QString::number(m_config.port), m_http->errorString());
    if (const QString failure = startMetrics(); !failure.isEmpty())
        return failure;
    m_purgeTimer.start();
    m_scheduler = new Scheduler(*m_storage, *m_metrics, options, this);
    connect(m_scheduler, &Scheduler::runLogged, this, &BankServer::requestLogged);
    m_scheduler->start();
    return {};
}

QString BankServer::startMetrics()
{
    if (m_config.metricsAddress.isNull())
        return {};
    m_metricsEndpoint = std::make_unique<MetricsEndpoint>(*m_metrics, m_storage->writer());
    m_metricsHttp = new HttpServer(m_metricsEndpoint.get(), m_config.limits, this);
    m_metricsHttp->setAllowedHosts(m_config.allowedHosts);
    if (!m_metricsHttp->listen(m_config.metricsAddress, m_config.metricsPort))
        return QStringLiteral("cannot listen for metrics on %1:%2: %3")
            .arg(m_config.metricsAddress.toString(), QString::number(m_config.metricsPort),
                 m_metricsHttp->errorString());
    m_metricsUrl.setScheme(QStringLiteral("http"));
    m_metricsUrl.setHost(m_metricsHttp->serverAddress().toString());
    m_metricsUrl.setPort(m_metricsHttp->serverPort());
    return {};
}

void BankServer::shutdown()
{
    if (m_stopping)
        return;
    m_stopping = true;
    m_purgeTimer.stop();
    if (m_scheduler)
        m_scheduler->stop();
    if (m_metricsHttp)
        m_metricsHttp->shutdown();
    if (m_http)
        m_http->shutdown();
    else
        emit stopped();
}

QUrl BankServer::url() const
{
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    const QHostAddress address = m_http ? m_http->serverAddress() : m_config.listenAddress;
    url.setHost(address.toString());
    url.setPort(port());
    return url;
}

quint16 BankServer::port() const { return m_http ? m_http->serverPort() : 0; }

void BankServer::onRequestCompleted(const HttpLogEntry &entry)
{
    m_metrics->httpRequest(entry.status);
    emit requestLogged(entry.toLine());
}

void BankServer::purgeExpired()
{
    const qint64 cutoff = Timestamp::nowMs() - m_config.purgeGraceSeconds * 1000;
    QElapsedTimer took;
    took.start();
    m_storage->write<int>(
        [cutoff, dialect = m_storage->dialect()](QSqlDatabase &db) -> Result<int> {
            // Every instance on a shared database purges; rows another one is deleting are skipped.
            ConnectionFactory::CachedStatement sessions(
                db,
                QStringLiteral("DELETE FROM sessions WHERE token_hash IN"
                               " (SELECT token_hash FROM sessions WHERE expires_at < ? LIMIT ?")
                    + SqlDialects::forUpdateSkipLocked(dialect) + QStringLiteral(")"));
            sessions->bindValue(0, Timestamp::nowMs());
            sessions->bindValue(1, kPurgeBatch);
            if (!sessions->exec())
                return StorageFailure::toProblem(sessions->lastError());
            const auto keys = IdempotencyStore::purgeExpired(db, dialect, cutoff, kPurgeBatch);
            if (!keys)
                return keys.problem();
            return std::max(sessions->numRowsAffected(), keys.value());
        },
        // Runs on the writer thread; storage stops (joining it) before this object is destroyed.
        [this, took](Result<int> purged) {
            if (!purged || purged.value() < kPurgeBatch)
                return;
            const int pauseMs
                = int(std::clamp(took.elapsed() * (kPurgeShare - 1), qint64(kPurgeMinPauseMs), qint64(60'000)));
            ThreadHandoff::post(this, [this, pauseMs] {
                QTimer::singleShot(pauseMs, this, [this] {
                    if (!m_stopping)
                        purgeExpired();
                });
            });
        });
}
