#pragma once

#include "api/ProblemCode.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

// An RFC 9457 problem: {"type","title","status","detail","code"}.
struct Problem
{
    ProblemCode code = ProblemCode::InternalError;
    QString detail;
    // When the client may try again, in seconds (0: no advice). Sent as Retry-After, not in the body.
    qint64 retryAfterSeconds = 0;
    // Server side, never sent: the database refused the work because it lost a race for rows
    // (deadlock, serialization conflict, lock wait timeout; StorageFailure), so the writer job that
    // met this problem may simply run again.
    bool lostRace = false;

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
