#pragma once

#include "api/Problem.h"

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
    std::optional<int> responseStatus; // set once completed
    QByteArray responseBody;
    QString transferId;
    std::optional<qint64> expiredAt; // set once settled as expired, under the write lock
    qint64 replays = 0;              // committed count of retries answered with the stored response

    bool isCompleted() const { return responseStatus.has_value(); }
};

// The key's state machine, without I/O: unused -> completed (by its one request), unused -> lapsed
// (by the clock) -> expired (settled by the writer under the key's lock). A completed key answers
// every matching retry with its stored response for as long as it is kept; an expired key can
// never start anything.
//
// "Expired" is said only once it is settled: a reader's clock alone cannot know that no request
// with the key is about to commit (its writer may have decided before the deadline and become
// visible only at COMMIT, here or on another instance). So a lapsed key goes to the writer, which
// re-reads it under the lock and records the expiry, after which no clock can make it usable.
namespace KeyState {

enum class Status { Unused, Lapsed, Completed, Expired };
Status status(const StoredKey &key, qint64 nowMs);
// The status as the API shows it; a lapsed key is settled before it is shown.
QString statusName(Status status);

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

// What to do with a request that presents `key` (nullopt: no such key) for `operation`.
// `mayRegister`: an unknown key may be registered as a client-chosen key.
Decision decide(const std::optional<StoredKey> &key, qint64 callerId, const QString &operation,
                const QByteArray &fingerprint, qint64 nowMs, bool mayRegister);

} // namespace KeyState
