#include "server/runtime/ServerThread.h"

#include "server/runtime/BankServer.h"
#include "shared/core/ThreadHandoff.h"

#include <QEventLoop>

ServerThread::ServerThread(ServerConfig config, QObject *parent) : QObject(parent), m_config(std::move(config))
{
    m_thread.setObjectName(QStringLiteral("bank-server"));
}

ServerThread::~ServerThread() { stop(); }

QString ServerThread::start()
{
    if (m_server)
        return {};
    m_thread.start();
    auto *server = new BankServer(m_config);
    server->moveToThread(&m_thread);
    const QString failure = ThreadHandoff::invokeBlocking(server, [server] { return server->start(); });
    // Seeding comes before listening, so a port that is taken does not undo it.
    m_seededDemo = server->seededDemoData();
    if (!failure.isEmpty()) {
        ThreadHandoff::invokeBlocking(server, [server] { delete server; });
        m_thread.quit();
        m_thread.wait();
        return failure;
    }
    m_server = server;
    m_url = server->url();
    connect(server, &BankServer::requestLogged, this, &ServerThread::requestLogged, Qt::QueuedConnection);
    return {};
}

void ServerThread::stop()
{
    if (!m_server)
        return;
    BankServer *server = m_server;
    m_server = nullptr;
    ThreadHandoff::invokeBlocking(server, [server] {
        QEventLoop loop;
        QObject::connect(server, &BankServer::stopped, &loop, &QEventLoop::quit);
        server->shutdown();
        loop.exec();
        delete server;
    });
    m_thread.quit();
    m_thread.wait();
}
