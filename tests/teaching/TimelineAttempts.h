#pragma once

// The client's attempts and the proxy's reports of them, made by hand, for tests of the attempt
// timeline without a network: key "idk_test", $7.00, answered after 12 ms, lost after 30 ms.
#include "app/client/transport/TransferAttempt.h"
#include "app/faultproxy/FaultAttempt.h"

#include <QDateTime>

namespace TimelineAttempts {

inline TransferAttempt started(int number, const QByteArray &id, bool unsafe = false)
{
    TransferAttempt attempt;
    attempt.key = unsafe ? QString() : QStringLiteral("idk_test");
    attempt.requestId = id;
    attempt.unsafe = unsafe;
    attempt.number = number;
    attempt.startedAt = QDateTime::currentDateTimeUtc();
    attempt.request.amount = 700;
    return attempt;
}

inline TransferAttempt answered(TransferAttempt attempt, int status, bool replayed = false,
                                ProblemCode code = ProblemCode::InternalError)
{
    attempt.elapsedMs = 12;
    if (status == 201) {
        Transfer transfer;
        transfer.id = QStringLiteral("tr_1");
        attempt.result = TransferReceipt{transfer, replayed};
    } else {
        attempt.result = ApiFailure::fromProblem(Problem(code, QStringLiteral("x")), status,
                                                 status == 409 ? std::optional<int>(1) : std::nullopt);
    }
    return attempt;
}

inline TransferAttempt lost(TransferAttempt attempt)
{
    attempt.elapsedMs = 30;
    attempt.result = ApiFailure::noAnswer(QStringLiteral("Unable to send the body again"));
    return attempt;
}

inline FaultAttempt network(const QByteArray &id, FaultCase applied, bool forwarded, int status, bool finished,
                            bool replayed = false, const QByteArray &body = {})
{
    FaultAttempt attempt;
    attempt.requestId = id;
    attempt.applied = applied;
    attempt.forwarded = forwarded;
    attempt.upstreamStatus = status;
    attempt.upstreamReplayed = replayed;
    attempt.upstreamBody = body;
    attempt.delivered = applied == FaultCase::Pass && status != 0;
    attempt.finishedAtMs = finished ? 1 : 0;
    return attempt;
}

} // namespace TimelineAttempts
