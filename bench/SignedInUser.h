#pragma once

#include "bench/HttpTarget.h"

#include <QString>

// A logged-in demo user and the two accounts of theirs that the transfer scenarios move money
// between (one minor unit at a time, back and forth, so the balances never run dry).
struct SignedInUser
{
    QByteArray token;
    QString firstAccount;
    QString secondAccount;

    // Logs in as alice and looks up her accounts; empty string or why it failed.
    QString signIn(const HttpTarget &target);

    // A transfer body between the two accounts; `forward` picks the direction.
    QByteArray transferBody(bool forward) const;
};
