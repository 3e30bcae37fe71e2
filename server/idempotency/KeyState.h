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

    bool isCompleted() const { return responseStatus.has_value(); }
};

// The key's state machine, without I/O: unused -> completed (by its one request), unused -> expired
// (by the clock). A completed key answers every matching retry with its stored response until it
// is purged; an expired unused key can no longer start anything.
namespace KeyState {

enum class Status { Unused, Completed, Expired };
Status status(const StoredKey &key, qint64 nowMs);
QString statusName(Status status);

struct Decision
{
    enum class Kind {
        Proceed,            // unused and valid: run the operation
        RegisterAndProceed, // unknown, and the server accepts client-chosen keys
        Replay,             // completed with the same fingerprint: answer with the stored response
        Reject,             // problem says why
    };
    Kind kind = Kind::Reject;
    Problem problem;
};

// What to do with a request that presents `key` (nullopt: no such key) for `operation`.
Decision decide(const std::optional<StoredKey> &key, qint64 callerId, const QString &operation,
                const QByteArray &fingerprint, qint64 nowMs, bool acceptClientKeys);

} // namespace KeyState
