#include "runtime/ServerThread.h"

#include "reliability/ThreadHandoff.h"
#include "runtime/BankServer.h"

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
    QString failure;
    auto *server = new BankServer(m_config);
    server->moveToThread(&m_thread);
    const ThreadHandoff there;
    const ThreadHandoff back;
    there.send();
    {
        const ThreadHandoff::Unobserved qtInternals;
        QMetaObject::invokeMethod(
            server,
            [server, &failure, there, back] {
                there.receive();
                failure = server->start();
                back.send();
            },
            Qt::BlockingQueuedConnection);
    }
    back.receive();
    // Seeding comes before listening, so a port that is taken does not undo it.
    m_seededDemo = server->seededDemoData();
    if (!failure.isEmpty()) {
        QMetaObject::invokeMethod(server, [server] { delete server; }, Qt::BlockingQueuedConnection);
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
    const ThreadHandoff there;
    const ThreadHandoff back;
    there.send();
    {
        const ThreadHandoff::Unobserved qtInternals;
        QMetaObject::invokeMethod(
            server,
            [server, there, back] {
                there.receive();
                QEventLoop loop;
                QObject::connect(server, &BankServer::stopped, &loop, &QEventLoop::quit);
                server->shutdown();
                loop.exec();
                delete server;
                back.send();
            },
            Qt::BlockingQueuedConnection);
    }
    back.receive();
    m_thread.quit();
    m_thread.wait();
}
