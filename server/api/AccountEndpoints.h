#pragma once

#include "server/api/RequestContext.h"

#include <QSqlDatabase>

// GET /v1/accounts (the caller's own accounts) and GET /v1/payees (the other users' accounts,
// where a transfer may go). Read only; they keep no state.
class AccountEndpoints
{
    Q_DISABLE_COPY_MOVE(AccountEndpoints)
public:
    AccountEndpoints() = default;

    void listAccounts(const RequestContext &call, QSqlDatabase &db);
    void listPayees(const RequestContext &call, QSqlDatabase &db);
};
