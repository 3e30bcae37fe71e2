#pragma once

#include <QMutex>
#include <QWaitCondition>

#include <atomic>
#include <memory>

class ConnectionFactory;
class QThread;

// Copies SQLite's write-ahead log back into the database file on a thread of its own. Left to
// itself, SQLite checkpoints inside the COMMIT that crosses wal_autocheckpoint, so every so often
// one batch of the writer would also pay for the copy and two more fsyncs, and every request in
// it would wait for them. The writer turns that off on its connection and calls committed()
// after each commit instead; this thread then checkpoints (PASSIVE: it never blocks the writer
// or the readers), at most every kIntervalMs.
class WalCheckpointer
{
    Q_DISABLE_COPY_MOVE(WalCheckpointer)
public:
    explicit WalCheckpointer(ConnectionFactory &connections);
    ~WalCheckpointer();

    // From the writer, after a commit. True when the log has grown so long that the writer
    // should checkpoint once itself between two batches: with the writer appending all the time
    // a concurrent checkpoint never reaches the end of the log, and only then can SQLite start
    // the log over instead of growing it.
    bool committed();
    void stop();

private:
    void run();

    static constexpr int kIntervalMs = 50;
    static constexpr int kWriterCheckpointFrames = 16'384; // 64 MiB of 4 KiB pages

    ConnectionFactory &m_connections;
    QMutex m_mutex;
    QWaitCondition m_wake;
    bool m_wanted = false;
    bool m_stopping = false;
    std::atomic<bool> m_writerShouldCheckpoint{false};
    std::unique_ptr<QThread> m_thread;
};
