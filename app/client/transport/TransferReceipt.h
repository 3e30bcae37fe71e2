#pragma once

#include "shared/wire/ApiTypes.h"

// The server's answer to a transfer that went through: the transfer, and whether this answer is
// the stored one replayed for a repeated key (Idempotent-Replayed: true) rather than a new move.
struct TransferReceipt
{
    Transfer transfer;
    bool replayed = false;
};
