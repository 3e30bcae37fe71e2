#pragma once

#include "server/idempotency/KeyedCommit.h"

#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

class Metrics;
class Storage;

// Runs the due occurrences of scheduled transfers: every kPollMs it looks for pending
// occurrences whose time has come (and at start, those that fell due while the server was down)
// and runs each as a writer job (OccurrenceRun). Every instance on a shared database does this;
// an occurrence's row lock and status decide which instance runs it, once. Lives on the server's
// thread; its jobs run on the reader and writer threads.
class Scheduler : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Scheduler)
public:
    static constexpr int kPollMs = 250;
    static constexpr int kBatch = 32;

    Scheduler(Storage &storage, Metrics &metrics, IdempotencyOptions options, QObject *parent = nullptr);

    void start();
    void stop();

signals:
    // A line for the request log per occurrence run: "RUN /v1/scheduled-transfers/ID/occurrences/N
    // 201|422 key=TAG …", in the request log's format.
    void runLogged(const QString &line);

private:
    void poll();
    void runDue(const QList<std::pair<QString, int>> &due);

    Storage &m_storage;
    Metrics &m_metrics;
    const KeyedCommit m_keys;
    QTimer m_timer;
    // Set while a poll's jobs are out: the next poll waits for them rather than queue them twice.
    std::shared_ptr<std::atomic<int>> m_outstanding = std::make_shared<std::atomic<int>>(0);
};
