#pragma once

#include "server/storage/DatabaseConfig.h"

#include <QThread>

#include <atomic>

class QTcpServer;

// A TCP relay on loopback in front of a PostgreSQL server that counts the simple-protocol queries
// (frontend 'Q' messages) its clients send: each is one round trip, what the writer's chain of
// statements costs. QPSQL sends every statement so, prepared ones as EXECUTE. Runs on a thread of
// its own, since a client of it blocks in libpq.
class PostgresRelay
{
    Q_DISABLE_COPY_MOVE(PostgresRelay)
public:
    explicit PostgresRelay(const DatabaseConfig::Endpoint &upstream);
    ~PostgresRelay();

    // Why it does not listen; empty once it does.
    const QString &error() const { return m_error; }
    // `config`, its connections made through this relay.
    DatabaseConfig through(DatabaseConfig config) const;
    int queries() const { return m_queries.load(); }

private:
    QThread m_thread;
    QObject m_context;              // on m_thread: what the relay's work runs in
    QTcpServer *m_server = nullptr; // child of m_context, deleted on m_thread
    quint16 m_port = 0;
    QString m_error;
    std::atomic<int> m_queries{0};
};
