#pragma once

#include <QMutex>
#include <QSqlDatabase>
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
//
// A checkpoint lets the log start over but never makes the file smaller: after a burst it would
// stay as large as it grew (tens of MiB) for good. So once no commit has come for kIdleMs, this
// thread runs one TRUNCATE checkpoint, which empties the file; under load, journal_size_limit
// (ConnectionFactory) cuts it back to kJournalSizeLimit each time the log starts over.
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

    static constexpr qint64 kJournalSizeLimit = 16 * 1024 * 1024;

private:
    void run();
    // True once the log is empty; false when a reader or another process kept it busy.
    static bool truncate(QSqlDatabase &db);

    static constexpr int kIntervalMs = 50;
    static constexpr int kIdleMs = 1'000;
    // While the TRUNCATE checkpoint holds the write lock it waits at most this long for readers,
    // so a writer arriving meanwhile is held up no longer.
    static constexpr int kTruncateBusyTimeoutMs = 100;
    static constexpr int kWriterCheckpointFrames = 16'384; // 64 MiB of 4 KiB pages

    ConnectionFactory &m_connections;
    QMutex m_mutex;
    QWaitCondition m_wake;
    bool m_wanted = false;
    bool m_stopping = false;
    std::atomic<bool> m_writerShouldCheckpoint{false};
    std::unique_ptr<QThread> m_thread;
};
