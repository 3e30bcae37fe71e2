#pragma once

#include "shared/core/Problem.h"

#include <QByteArray>
#include <QString>

#include <optional>

// A stored idempotency key as the database holds it.
struct StoredKey
{
    QString key;
    qint64 userId = 0;
    QString operation;
    qint64 createdAt = 0;
    qint64 expiresAt = 0;
    QByteArray fingerprint;
    QByteArray requestDigest; // RequestDigest::of the completing request; empty for keys completed before it was kept
    std::optional<int> responseStatus; // set once completed
    QByteArray responseBody;
    QString transferId;
    // Set, under the write lock, once the key can never complete: settled as expired, or abandoned.
    std::optional<qint64> expiredAt;
    std::optional<qint64> abandonedAt; // set with expiredAt when the client abandoned the key
    qint64 replays = 0;                // committed count of retries answered with the stored response

    bool isCompleted() const { return responseStatus.has_value(); }
};

// The key's state machine, without I/O: unused -> completed (by its one request), unused -> lapsed
// (by the clock) -> expired (settled by the writer under the key's lock), unused or lapsed ->
// abandoned (by its user, under the key's lock). A completed key answers every matching retry with
// its stored response for as long as it is kept; an expired or abandoned key can never start
// anything.
//
// "Expired" is said only once it is settled: a reader's clock alone cannot know that no request
// with the key is about to commit (its writer may have decided before the deadline and become
// visible only at COMMIT, here or on another instance). So a lapsed key goes to the writer, which
// re-reads it under the lock and records the expiry, after which no clock can make it usable.
namespace KeyState {

enum class Status { Unused, Lapsed, Completed, Expired, Abandoned };
Status status(const StoredKey &key, qint64 nowMs);
// The status as the API shows it; a lapsed key is settled before it is shown.
QString statusName(Status status);
// The status of that name (nullopt: no status has it), for a filter.
std::optional<Status> statusNamed(const QString &name);

struct Decision
{
    enum class Kind {
        Proceed,            // unused and valid: run the operation
        RegisterAndProceed, // unknown, and the server accepts client-chosen keys
        Replay,             // completed with the same fingerprint: answer with the stored response
        Expire,             // lapsed: settle it as expired under the write lock, then refuse with problem
        Reject,             // problem says why
    };
    Kind kind = Kind::Reject;
    Problem problem;
};

// `problem` as an answer about the caller's `key`: it carries the key's expiry.
Problem aboutKey(Problem problem, const StoredKey &key);

// What to do with a request that presents `key` (nullopt: no such key) for `operation`.
// `fingerprint` decides whether it is the key's request; `digest` (RequestDigest) only names what
// differs when it is not. `mayRegister`: an unknown key may be registered as a client-chosen key.
Decision decide(const std::optional<StoredKey> &key, qint64 callerId, const QString &operation,
                const QByteArray &fingerprint, const QByteArray &digest, qint64 nowMs, bool mayRegister);

struct Abandonment
{
    enum class Kind {
        Abandon,  // unused (or lapsed, not yet settled): record it as abandoned under the write lock
        Unusable, // abandoned or expired already: nothing to do, and nothing can start with it
        Reject,   // problem says why: no such key, completed, or its request is in flight
    };
    Kind kind = Kind::Reject;
    Problem problem;
};

// What to do with the caller's request to abandon `key` (nullopt: no such key). `inFlight`: a
// request with the key is being processed by this server right now.
Abandonment decideAbandonment(const std::optional<StoredKey> &key, qint64 callerId, qint64 nowMs, bool inFlight);

} // namespace KeyState
