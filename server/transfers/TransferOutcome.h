#pragma once

#include "server/idempotency/KeyedOutcome.h"
#include "shared/core/Result.h"

// What became of a transfer order that got as far as its key (KeyedOutcome, told apart by what the
// transfer did). Its answer is the one the completed key stores, byte for byte, whether this order
// completed the key or an earlier one did; only an expired key has none.
struct TransferOutcome
{
    enum class Kind {
        Moved,             // this order moved the money and recorded the transfer
        InsufficientFunds, // this order found too little money; that refusal is the key's answer
        Replayed,          // an earlier order with this key completed it
        Expired,           // the key had lapsed: this order settled it as expired and is refused
    };

    Kind kind = Kind::Moved;
    StoredKey key;
    Problem refusal; // Expired only: the answer

    static Result<TransferOutcome> of(Result<KeyedOutcome> outcome)
    {
        if (!outcome)
            return outcome.problem();
        switch (outcome->kind) {
        case KeyedOutcome::Kind::Performed:
            return TransferOutcome{
                outcome->key.transferId.isEmpty() ? Kind::InsufficientFunds : Kind::Moved, outcome->key, {}};
        case KeyedOutcome::Kind::Replayed:
            return TransferOutcome{Kind::Replayed, outcome->key, {}};
        case KeyedOutcome::Kind::Expired:
            break;
        }
        return TransferOutcome{Kind::Expired, outcome->key, outcome->refusal};
    }
};
