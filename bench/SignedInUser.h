#pragma once

#include "bench/HttpTarget.h"

#include <QString>
#include <QStringList>

// A logged-in demo user and their accounts. The transfer scenarios move money between alice's two
// accounts (one minor unit at a time, back and forth, so the balances never run dry).
struct SignedInUser
{
    QByteArray token;
    QStringList accounts; // in the order GET /v1/accounts lists them

    // Logs in and looks up the user's accounts (at least one); empty string or why it failed.
    QString signIn(const HttpTarget &target, const QByteArray &username = "alice",
                   const QByteArray &password = "wonderland");

    // A transfer body between the first two accounts; `forward` picks the direction.
    QByteArray transferBody(bool forward) const;
    // A transfer body of one minor unit.
    static QByteArray transferBody(const QString &from, const QString &to);
};
