#pragma once

#include "server/idempotency/InFlightKeys.h"
#include "server/idempotency/KeyedCommit.h"
#include "server/idempotency/ProcessingDelay.h"
#include "server/idempotency/ReplayCache.h"
#include "server/idempotency/ReplayCounter.h"

#include <QSqlDatabase>

#include <functional>
#include <optional>

class Storage;

// Runs keyed orders exactly once per key, whatever the operation (OperationRegistry). Everything
// that can be checked without the writer is checked on the reader thread: the key first (a retry of
// a completed order is answered from its record), then the operation's own checks. The key is then
// held in flight, through the demonstration delay, until its writer job (KeyedCommit) has committed.
// Where the writer reads as cheaply (decidesInWriter), an order can skip the reader: its key and
// checks are then read by the writer job alone (submitToWriter).
// Every completed key it answers with is remembered (ReplayCache), so that recall() can answer the
// next retry without the database.
class IdempotentExecutor
{
    Q_DISABLE_COPY_MOVE(IdempotentExecutor)
public:
    // The operation's checks of a new order, on the reader or in the writer job; a Problem refuses it.
    using Check = KeyedCommit::Check;
    // Called once, with the outcome or the Problem the order is refused with (an expired key's too,
    // never Kind::Expired): on the reader thread when the answer is known there, else on the writer
    // thread once the job's batch has committed.
    using Done = std::function<void(Result<KeyedOutcome>)>;

    IdempotentExecutor(Storage &storage, IdempotencyOptions options);

    // On any thread, without a database, and before the order's digest is known: the replay
    // submit() would answer `order` with (counted), when its key is a completed one kept in memory
    // and `order` is its request, whose body was `body`. nullopt: submit() it.
    std::optional<KeyedOutcome> recall(const KeyedOrder &order, const QByteArray &body);
    // The same before the request's body is even parsed: when recall() answered a request for
    // `operation` with exactly these body bytes before (ReplayCache::findRepeat). nullopt: parse
    // it and recall() it.
    std::optional<KeyedOutcome> recallRepeat(qint64 userId, const QString &key, const QString &operation,
                                             const QByteArray &body);
    // Whether `userId`'s `key` is completed and in memory: recall() may then answer a retry of it.
    bool remembers(qint64 userId, const QString &key);
    // On a reader thread, with its connection.
    void submit(QSqlDatabase &db, const KeyedOrder &order, const Check &check, KeyedCommit::Operation operation,
                Done done);
    // On any thread, without a reader: the key is held in flight at once, and the writer job reads
    // it and runs `check` itself. `done` is called as submit()'s is. A key already in flight goes
    // to a reader and submit() after all.
    void submitToWriter(const KeyedOrder &order, Check check, KeyedCommit::Operation operation, Done done);
    // Whether submitToWriter() is the cheaper way. On SQLite the writer re-reads the key under its
    // lock in any case, from a page cache its own commits leave warm, while a reader's look costs a
    // thread crossing and a cold read; on PostgreSQL the writer's backend bounds throughput, and the
    // reader's look spares it (the job is then one statement, TransferCommit).
    bool decidesInWriter() const;
    // Runs `job` (a writer job without a key of the client's, the unsafe demonstration) after the
    // same demonstration delay as submit().
    void runDelayed(std::function<void()> job) { m_delay.run(std::move(job)); }
    // Whether an order with `userId`'s `key` is being executed here now (between its reader's
    // decision and its writer's answer).
    bool isInFlight(qint64 userId, const QString &key) const { return m_inFlight.contains(userId, key); }
    // How often each key's answer was replayed, counted as submit() answers from a completed key.
    const ReplayCounter &replays() const { return m_replays; }
    // Queues the replay counts now rather than at their time (ReplayCounter::flush).
    void flush() { m_replays.flush(); }
    const KeyedCommit &commit() const { return m_commit; }

private:
    static Problem inUse();
    // Runs `order`'s writer job once the demonstration delay has passed, then releases its key.
    void queue(const KeyedOrder &order, qint64 notBeforeMs, KeyedCommit::Operation operation,
               std::optional<StoredKey> seen, Check check, Done done);
    // The replay of `known` (counted) if it answers `operation` with `fingerprint` by `userId`.
    std::optional<KeyedOutcome> replayFromMemory(const std::optional<StoredKey> &known, qint64 userId,
                                                 const QString &operation, const QByteArray &fingerprint, qint64 nowMs);

    Storage &m_storage;
    const KeyedCommit m_commit;
    InFlightKeys m_inFlight;
    ReplayCounter m_replays;
    ReplayCache m_memory;
    ProcessingDelay m_delay;
};
