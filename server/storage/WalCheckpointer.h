#pragma once

#include <QMutex>
#include <QSqlDatabase>
#include <QWaitCondition>

#include <atomic>
#include <memory>

class ConnectionFactory;
class QThread;
struct sqlite3;

// Copies SQLite's write-ahead log back into the database file on a thread of its own. Left to
// itself, SQLite checkpoints inside the COMMIT that crosses wal_autocheckpoint, so every so often
// one batch of the writer would also pay for the copy and two more fsyncs, and every request in
// it would wait for them. The writer turns that off on its connection and calls committed()
// after each commit instead; this thread then checkpoints (PASSIVE: it never blocks the writer
// or the readers), at most every kIntervalMs.
//
// A checkpoint lets the log start over but never makes the file smaller: after a burst it would
// stay as large as it grew (tens of MiB) for good. So once no commit has come for kIdleMs, this
// thread runs one TRUNCATE checkpoint, which empties the file. Under load the log starts over
// while it is still well below kJournalSizeLimit (the writer's own checkpoint, committed()), so
// the same file is written again from its start; journal_size_limit (ConnectionFactory) cuts back
// a log that grew past it anyway (a burst, a long read), at the commit after it starts over.
class WalCheckpointer
{
    Q_DISABLE_COPY_MOVE(WalCheckpointer)
public:
    explicit WalCheckpointer(ConnectionFactory &connections);
    ~WalCheckpointer();

    // On the writer's thread, for its connection: SQLite no longer checkpoints inside the
    // connection's commits, and each commit records the log's length here. False if `db` is not
    // a SQLite connection made by ConnectionFactory.
    bool attachWriter(const QSqlDatabase &db);
    // From the writer, after a commit. True when the log has grown so long that the writer
    // should checkpoint once itself between two batches: with the writer appending all the time
    // a concurrent checkpoint never reaches the end of the log, and SQLite starts the log over
    // only when a write transaction begins on a log copied back to its end.
    bool committed();
    void stop();

    static constexpr qint64 kJournalSizeLimit = 16 * 1024 * 1024;

private:
    void run();
    // SQLite's wal hook, called after each commit on the writer's connection.
    static int onCommit(void *self, sqlite3 *db, const char *database, int frames);
    // True once the log is empty; false when a reader or another process kept it busy.
    static bool truncate(QSqlDatabase &db);

    static constexpr int kIntervalMs = 50;
    static constexpr int kIdleMs = 1'000;
    // While the TRUNCATE checkpoint holds the write lock it waits at most this long for readers,
    // so a writer arriving meanwhile is held up no longer.
    static constexpr int kTruncateBusyTimeoutMs = 100;
    // Half of what kJournalSizeLimit holds of 4 KiB pages (SQLite's default page size, which the
    // bank keeps) with their 24-byte frame headers, so the batches committed before the log
    // starts over do not take it past the limit. Left to grow to 64 MiB, the log was cut back at
    // each new start: that commit's ftruncate and fdatasync took 20 ms, every 0.6 s under load,
    // and made p99 at 64 connections.
    static constexpr int kWriterCheckpointFrames = int(kJournalSizeLimit / (4096 + 24) / 2);

    ConnectionFactory &m_connections;
    QMutex m_mutex;
    QWaitCondition m_wake;
    bool m_wanted = false;
    bool m_stopping = false;
    std::atomic<int> m_logFrames{0}; // after the writer's last commit
    std::unique_ptr<QThread> m_thread;
};
