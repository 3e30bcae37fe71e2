#include "tests/support/LedgerAudit.h"

#include "tests/support/TestServer.h"

#include <QSqlQuery>
#include <QVariant>

namespace LedgerAudit {

QMap<QString, qint64> balancesById(const TestServer &server)
{
    QMap<QString, qint64> balances;
    const QString failure = server.database()->withConnection([&balances](QSqlDatabase &db) {
        QSqlQuery query(db);
        query.exec(QStringLiteral("SELECT id, balance FROM accounts"));
        while (query.next())
            balances.insert(query.value(0).toString(), query.value(1).toLongLong());
    });
    return failure.isEmpty() ? balances : QMap<QString, qint64>();
}

QSet<QString> transferIds(const TestServer &server)
{
    QSet<QString> ids;
    server.database()->withConnection([&ids](QSqlDatabase &db) {
        QSqlQuery query(db);
        query.exec(QStringLiteral("SELECT id FROM transfers"));
        while (query.next())
            ids.insert(query.value(0).toString());
    });
    return ids;
}

QStringList disagreements(const TestServer &server, const QMap<QString, qint64> &before,
                          const QList<Acknowledged> &outcomes, qint64 expectedTotal)
{
    const LedgerInvariants invariants = server.invariants();
    QStringList found = invariants.violations(expectedTotal);
    if (const qint64 dangling = server.database()->scalar(
            QStringLiteral("SELECT COUNT(*) FROM idempotency_keys k LEFT JOIN transfers t ON t.id = k.transfer_id"
                           " WHERE k.transfer_id IS NOT NULL AND t.id IS NULL"));
        dangling != 0)
        found.append(QStringLiteral("%1 keys point at a transfer that is not in the ledger").arg(dangling));
    QMap<QString, qint64> expected = before;
    QSet<QString> acknowledged;
    for (const Acknowledged &outcome : outcomes) {
        if (outcome.status != 201)
            continue;
        if (acknowledged.contains(outcome.transferId))
            found.append(QStringLiteral("transfer %1 was acknowledged for two keys").arg(outcome.transferId));
        acknowledged.insert(outcome.transferId);
        expected[outcome.from] -= outcome.amount;
        expected[outcome.to] += outcome.amount;
    }
    const QSet<QString> inLedger = transferIds(server);
    for (const QString &id : acknowledged - inLedger)
        found.append(QStringLiteral("acknowledged transfer %1 is not in the ledger").arg(id));
    for (const QString &id : inLedger - acknowledged)
        found.append(QStringLiteral("transfer %1 is in the ledger but was never acknowledged").arg(id));
    if (const QMap<QString, qint64> balances = balancesById(server); balances != expected) {
        for (auto it = expected.cbegin(); it != expected.cend(); ++it)
            if (balances.value(it.key(), -1) != it.value())
                found.append(QStringLiteral("account %1 holds %2, expected %3")
                                 .arg(it.key())
                                 .arg(balances.value(it.key(), -1))
                                 .arg(it.value()));
    }
    return found;
}

} // namespace LedgerAudit
