#pragma once

#include "shared/wire/ApiTypes.h"
#include "shared/wire/TransferRequest.h"

#include <QList>
#include <QLocale>
#include <QObject>

#include <optional>

// Who is who: the signed-in user's accounts and the payees they can send to, so ids from the
// server can be shown as names.
class AccountDirectory : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountDirectory)
public:
    explicit AccountDirectory(QObject *parent = nullptr);

    void setAccounts(const QList<Account> &accounts);
    void setPayees(const QList<Payee> &payees);
    void clear();

    const QList<Account> &accounts() const { return m_accounts; }
    const QList<Payee> &payees() const { return m_payees; }
    std::optional<Account> account(const QString &id) const;
    bool isOwn(const QString &id) const { return account(id).has_value(); }
    QString currencyOf(const QString &id) const;
    // "Alice Savings" for an own account, "Bob Checking (Bob the Builder)" for a payee, the id otherwise.
    QString displayName(const QString &id) const;
    // "$25.00 from Alice Checking to Bob Checking (Bob the Builder)"
    QString describe(const TransferRequest &request, const QLocale &locale = QLocale()) const;

signals:
    void changed();

private:
    QList<Account> m_accounts;
    QList<Payee> m_payees;
};
