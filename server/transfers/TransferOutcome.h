#pragma once

#include "server/idempotency/KeyState.h"
#include "shared/core/Problem.h"

// What became of a transfer order that got as far as its key. Its answer is the one the completed
// key stores (StoredKey::responseStatus and responseBody, a TransferAnswer), byte for byte, whether
// this order completed the key or an earlier one did; only an expired key has none.
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
};
