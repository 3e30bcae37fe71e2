#pragma once

#include "server/runtime/ServerConfig.h"

#include <QObject>
#include <QThread>
#include <QUrl>

class BankServer;

// A BankServer on a thread of its own: how the desktop client embeds the bank, and how tests
// run one in-process while they block on their own sockets.
class ServerThread : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerThread)
public:
    explicit ServerThread(ServerConfig config, QObject *parent = nullptr);
    ~ServerThread() override;

    // Blocks until the server listens or fails; returns an empty string or the reason.
    QString start();
    // Graceful stop: blocks until requests in flight are answered and the thread has ended.
    void stop();

    bool isRunning() const { return m_server != nullptr; }
    QUrl url() const { return m_url; }
    quint16 port() const { return quint16(m_url.port()); }
    bool seededDemoData() const { return m_seededDemo; }
    const ServerConfig &config() const { return m_config; }
    // The server object; it lives on the server thread, so use it only through queued calls or
    // its thread-safe parts (metrics, storage).
    BankServer *server() const { return m_server; }

signals:
    // Queued to the thread that owns this object.
    void requestLogged(const QString &line);

private:
    ServerConfig m_config;
    QThread m_thread;
    BankServer *m_server = nullptr; // owned; deleted on the server thread
    QUrl m_url;
    bool m_seededDemo = false;
};
