#pragma once

#include "app/client/transport/ApiResult.h"
#include "shared/wire/ApiTypes.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

// Whether a transfer happened, as the bank's record of its key tells (GET
// /v1/idempotency-keys/{key}): asked by "Check status" after the last attempt got no answer, and
// for every pending key when the app starts again. A completed key (a transfer or a stored
// refusal) is never purged, so "completed with 201" is the only "it happened"; an unused key may
// still have an attempt in flight (the bank records the outcome when it commits), so it means "not
// yet", and a retry with the same key is the safe way on. The bank says "expired" and "abandoned"
// only once it has settled that under the key's lock, and forgets only keys without an outcome (an
// issued key it does not know can never start a transfer), so all three mean: never happened,
// never will.
struct TransferStatus
{
    Q_DECLARE_TR_FUNCTIONS(TransferStatus)
public:
    enum class Verdict {
        Happened,   // completed with 201: the money moved, once
        Refused,    // completed with a stored refusal (insufficient funds): nothing moved, ever
        NotYet,     // unused: nothing moved so far; retrying with the same key is safe
        KeyExpired, // expired, abandoned or unknown to the bank: this key never moved anything and never will
        Unknown,    // the bank could not be asked
    };

    Verdict verdict = Verdict::Unknown;
    std::optional<IdempotencyKeyInfo> info; // the bank's record, when it answered

    static TransferStatus fromAnswer(const ApiResult<IdempotencyKeyInfo> &answer);
    // A sentence for the user about the transfer `what` ("$3.00 from ... to ...").
    QString message(const QString &what) const;
    // The key can still be sent (the same transfer, safely).
    bool keyUsable() const { return verdict == Verdict::NotYet; }
    // The outcome is settled: nothing is pending for this key any more.
    bool settled() const
    {
        return verdict == Verdict::Happened || verdict == Verdict::Refused || verdict == Verdict::KeyExpired;
    }
};
