#pragma once

#include "server/idempotency/KeyState.h"
#include "shared/core/Problem.h"

// What became of a keyed order that got as far as its key. Its answer is the one the completed key
// stores (StoredKey::responseStatus and responseBody), whether this order completed the key or an
// earlier one did; only an expired key has none.
struct KeyedOutcome
{
    enum class Kind {
        Performed, // this order ran the operation and completed the key with its answer
        Replayed,  // an earlier order with this key completed it
        Expired,   // the key had lapsed: this order settled it as expired and is refused
    };

    Kind kind = Kind::Performed;
    StoredKey key;
    Problem refusal; // Expired only: the answer
};
