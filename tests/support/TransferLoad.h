#pragma once

#include "tests/support/ClusterClient.h"
#include "tests/support/DemoAccounts.h"

#include <QElapsedTimer>
#include <QList>
#include <QStringList>
#include <QThread>

#include <atomic>
#include <memory>
#include <mutex>

// Clients moving money through a cluster until stopped, as alice and bob alternately: each worker
// asks for a key and sends its transfer with that key, through a ClusterClient (so a failed
// attempt is retried with the same key on the next instance), and records the final answer. For
// tests that break something under load and then audit the ledger (LedgerAudit).
class TransferLoad
{
    Q_DISABLE_COPY_MOVE(TransferLoad)
public:
    struct Users
    {
        QByteArray aliceToken;
        QByteArray bobToken;
        DemoAccounts accounts;
    };

    // Worker w starts on instance w % ports.size(), or on `firstInstance` for all if it is given.
    TransferLoad(QList<quint16> ports, Users users, int workers, ClusterPatience patience, int firstInstance = -1);
    ~TransferLoad();

    void start();
    // Lets every worker finish the intent it is on; false if they did not within `timeoutMs`.
    bool stop(int timeoutMs);

    // Milliseconds since start(): the clock acknowledgements are timed on.
    qint64 elapsedMs() const { return m_clock.elapsed(); }
    int acknowledged() const { return acknowledgedSince(0); }
    // Transfers acknowledged (201) at or after `sinceMs`, and the first of them (-1 if none).
    int acknowledgedSince(qint64 sinceMs) const;
    qint64 firstAcknowledgedSince(qint64 sinceMs) const;

    // After stop(): every intent's final answer (201 or insufficient funds), and what else came back.
    const QList<Acknowledged> &outcomes() const { return m_outcomes; }
    const QStringList &failures() const { return m_failures; }
    // Attempts that got no answer at all and went on to another instance.
    int unanswered() const { return m_unanswered.load(); }

private:
    void work(int worker);

    const QList<quint16> m_ports;
    const Users m_users;
    const int m_workers;
    const ClusterPatience m_patience;
    const int m_firstInstance;
    QElapsedTimer m_clock;
    std::atomic<bool> m_finish{false};
    std::atomic<int> m_unanswered{0};
    mutable std::mutex m_mutex;
    QList<Acknowledged> m_outcomes;
    QList<qint64> m_acknowledgedAtMs;
    QStringList m_failures;
    std::unique_ptr<QThread> m_thread;
};
