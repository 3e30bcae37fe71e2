#pragma once

#include "tests/support/ClusterClient.h"

#include <QMap>
#include <QSet>
#include <QStringList>

class TestServer;

// What a run of transfers must have left in the ledger, read straight from the database of the
// server given: the invariants (total `expectedTotal`, no negative balance, one transfer per key),
// no key pointing at a missing transfer, exactly the acknowledged transfers and no other, and every
// balance its starting value moved by exactly those. In words, so a failure says what broke.
namespace LedgerAudit {
QMap<QString, qint64> balancesById(const TestServer &server);
QSet<QString> transferIds(const TestServer &server);
QStringList disagreements(const TestServer &server, const QMap<QString, qint64> &before,
                          const QList<Acknowledged> &outcomes, qint64 expectedTotal);
} // namespace LedgerAudit
