#pragma once

#include "shared/core/ProblemCode.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

// An RFC 9457 problem: {"type","title","status","detail","code"}, and "differs" when it has any.
struct Problem
{
    ProblemCode code = ProblemCode::InternalError;
    QString detail;
    // idempotency_key_reused: the members of the request (body members, or "method" and "path")
    // in which it differs from the request that completed the key, by name. An extension member.
    QStringList differs;
    // When the client may try again, in seconds (0: no advice). Sent as Retry-After, not in the body.
    qint64 retryAfterSeconds = 0;
    // Server side, never sent: the database refused the work because it lost a race for rows
    // (deadlock, serialization conflict, lock wait timeout; StorageFailure), so the writer job that
    // met this problem may simply run again.
    bool lostRace = false;
    // Server side: when the refusal concerns a key of the caller's, that key's expires_at (ms since
    // the epoch; 0: none). The endpoint sends it as Idempotency-Key-Expires-At, not in the body.
    qint64 keyExpiresAtMs = 0;

    Problem() = default;
    Problem(ProblemCode problemCode, QString problemDetail = {});

    // This problem with Retry-After set to `waitMs`, rounded up to whole seconds, at least 1.
    Problem retryAfterMs(qint64 waitMs) const;

    int status() const;
    QString title() const;
    QString type() const;

    QJsonObject toJson() const;
    QByteArray toJsonBytes() const;
    // Reads a problem body; the raw code name is kept even when this build does not know it.
    static std::optional<Problem> fromJson(const QByteArray &body, QString *rawCode = nullptr);
};

inline constexpr char kProblemContentType[] = "application/problem+json";
