#pragma once

#include "server/runtime/ServerConfig.h"

#include <QObject>
#include <QTimer>
#include <QUrl>

#include <memory>

class BankApi;
class HttpServer;
class Metrics;
class MetricsEndpoint;
class Scheduler;
class Storage;
struct HttpLogEntry;

// One bank server: storage, the API and the HTTP listener, wired together. Lives on one thread
// (the network thread); bank-server runs it on the main thread, the desktop client on its own.
class BankServer : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BankServer)
public:
    explicit BankServer(ServerConfig config, QObject *parent = nullptr);
    ~BankServer() override;

    // Opens the database (migrating and seeding as configured) and starts listening.
    // Returns an empty string, or why it could not start.
    QString start();
    // Stops accepting, finishes requests in flight, then stops storage and emits stopped().
    void shutdown();

    QUrl url() const;
    // Where GET /metrics is served; empty unless ServerConfig::metricsAddress is set.
    QUrl metricsUrl() const { return m_metricsUrl; }
    quint16 port() const;
    bool seededDemoData() const { return m_seededDemo; }
    const ServerConfig &config() const { return m_config; }
    Storage &storage() { return *m_storage; }
    Metrics &metrics() { return *m_metrics; }

signals:
    void requestLogged(const QString &line);
    void stopped();

private:
    void onRequestCompleted(const HttpLogEntry &entry);
    void purgeExpired();
    QString startMetrics();

    ServerConfig m_config;
    std::unique_ptr<Metrics> m_metrics;
    std::unique_ptr<Storage> m_storage;
    std::unique_ptr<BankApi> m_api;
    HttpServer *m_http = nullptr;     // child
    Scheduler *m_scheduler = nullptr; // child
    std::unique_ptr<MetricsEndpoint> m_metricsEndpoint;
    HttpServer *m_metricsHttp = nullptr; // child
    QUrl m_metricsUrl;
    QTimer m_purgeTimer;
    bool m_seededDemo = false;
    bool m_stopping = false;
};
