#include "server/api/AccountEndpoints.h"

#include "server/ledger/Ledger.h"

#include <QJsonArray>

void AccountEndpoints::listAccounts(const RequestContext &call, QSqlDatabase &db)
{
    const auto accounts = Ledger::accountsOf(db, call.user.id);
    if (!accounts)
        return call.replyProblem(accounts.problem());
    QJsonArray items;
    for (const Account &account : accounts.value())
        items.append(account.toJson());
    call.reply(HttpResponse::json(200, {{QStringLiteral("accounts"), items}}));
}

void AccountEndpoints::listPayees(const RequestContext &call, QSqlDatabase &db)
{
    const auto payees = Ledger::payeesFor(db, call.user.id);
    if (!payees)
        return call.replyProblem(payees.problem());
    QJsonArray items;
    for (const Payee &payee : payees.value())
        items.append(payee.toJson());
    call.reply(HttpResponse::json(200, {{QStringLiteral("payees"), items}}));
}
