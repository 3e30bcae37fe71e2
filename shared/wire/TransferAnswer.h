#pragma once

#include "shared/core/Problem.h"
#include "shared/wire/ApiTypes.h"

#include <QByteArray>

// The answer to a transfer as its idempotency key stores it: 201 and the transfer, or a refusal
// that is stored like a transfer (insufficient_funds) as its problem. The server's transfer core
// writes it in the transaction that moves the money; every request with the key gets these bytes
// back unchanged, and the client reads them as a Transfer or a Problem.
struct TransferAnswer
{
    int status = 0;
    QByteArray body;

    static TransferAnswer created(const Transfer &transfer);
    static TransferAnswer refused(const Problem &refusal);
};
