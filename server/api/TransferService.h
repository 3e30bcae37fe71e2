#pragma once

#include "api/ProcessingDelay.h"
#include "api/RequestContext.h"
#include "api/TransferRequest.h"
#include "idempotency/InFlightKeys.h"
#include "idempotency/KeyState.h"
#include "idempotency/ReplayCounter.h"
#include "storage/SqlDialect.h"

#include <QSqlDatabase>

#include <optional>

class Metrics;
class Storage;

// POST /v1/transfers: the exactly-once path. Everything that can be checked without the writer
// is checked on the reader thread; the writer job then re-reads the key under the write lock,
// moves the money, stores the transfer and completes the key with its response, all in one
// transaction.
class TransferService
{
    Q_DISABLE_COPY_MOVE(TransferService)
public:
    struct Options
    {
        bool acceptClientKeys = false;
        qint64 keyTtlMs = 86'400'000;
        int processingDelayMs = 0;
        int holdBeforeCommitMs = 0; // test only: FaultPoints::holdBeforeCommitMs()
    };

    TransferService(Storage &storage, Metrics &metrics, Options options);

    const Options &options() const { return m_options; }
    const ReplayCounter &replays() const { return m_replays; }
    void submit(const RequestContext &call, QSqlDatabase &db);

    // The answer for a completed key: its stored status and body, byte for byte.
    static HttpResponse storedResponse(const StoredKey &key, bool replayed);

    // Whether `transfer` may leave one of `userId`'s accounts for an existing account in its
    // currency. Accounts never change owner or currency, so a reader's answer holds for the writer.
    static std::optional<Problem> checkAccounts(QSqlDatabase &db, qint64 userId, const TransferRequest &transfer);
    // Inside a writer job: moves the money and completes `key` with the outcome (201 and the new
    // transfer, or the stored insufficient_funds problem), in the job's transaction.
    static Result<StoredKey> commit(QSqlDatabase &db, SqlDialect dialect, StoredKey key, const QByteArray &fingerprint,
                                    const TransferRequest &transfer, qint64 nowMs);

private:
    struct Outcome
    {
        StoredKey key;
        bool replayed = false;
        std::optional<Problem> refusal; // a refusal this job recorded (the key settled as expired)
    };

    // Whether an unknown `key` may be registered as a client-chosen key.
    bool mayRegister(const QString &key) const;
    // The writer job. `notBeforeMs`: the reader's clock when it decided, a floor for the writer's.
    Result<Outcome> execute(QSqlDatabase &db, qint64 userId, const QString &key, const QByteArray &fingerprint,
                            const TransferRequest &transfer, qint64 notBeforeMs) const;
    HttpResponse reject(const Problem &problem, const QString &key) const;
    HttpResponse answer(const Outcome &outcome) const;

    Storage &m_storage;
    Metrics &m_metrics;
    InFlightKeys m_inFlight;
    mutable ReplayCounter m_replays; // answer() is const: counting is not the service's state
    ProcessingDelay m_delay;
    Options m_options;
};
