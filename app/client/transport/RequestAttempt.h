#pragma once

#include "app/client/transport/ApiResult.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>

// One POST that makes something under an idempotency key (a transfer, a schedule): the key, when
// it left, how long it took. ApiClient reports every attempt, so retries with the same key and a
// timeline of attempts are built on top without touching the request code. TransferAttempt and
// ScheduleAttempt add what was sent and the typed answer.
struct RequestAttempt
{
    enum class Outcome {
        Created,        // 201: made now (money moved, the schedule exists)
        Replayed,       // 201 with Idempotent-Replayed: made earlier, not again
        Refused,        // the server answered with a problem
        OutcomeUnknown, // no readable answer: it may or may not have happened
        NotSent,        // it never reached the bank: refused by the client, or a failed TLS handshake
    };

    QString key; // empty for the unsafe demonstration, which sends none
    // Sent as X-Request-Id, so what the network and the server did can be matched to this attempt.
    QByteArray requestId;
    int number = 0;      // 1 for an intent's first attempt, 2 for its first retry...; set by its flow
    QDateTime startedAt; // UTC
    qint64 elapsedMs = 0;

    // `Receipt` has `replayed`: the answer is the stored one for a repeated key.
    template <typename Receipt>
    static Outcome outcomeOf(const ApiResult<Receipt> &result)
    {
        if (result)
            return result->replayed ? Outcome::Replayed : Outcome::Created;
        return outcomeOf(result.failure());
    }
    static Outcome outcomeOf(const ApiFailure &failure);
};
