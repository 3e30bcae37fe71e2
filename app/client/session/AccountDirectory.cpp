#include "app/client/session/AccountDirectory.h"

#include "shared/money/Money.h"

AccountDirectory::AccountDirectory(QObject *parent) : QObject(parent) {}

void AccountDirectory::setAccounts(const QList<Account> &accounts)
{
    m_accounts = accounts;
    emit changed();
}

void AccountDirectory::setPayees(const QList<Payee> &payees)
{
    m_payees = payees;
    emit changed();
}

void AccountDirectory::clear()
{
    m_accounts.clear();
    m_payees.clear();
    emit changed();
}

std::optional<Account> AccountDirectory::account(const QString &id) const
{
    for (const Account &account : m_accounts) {
        if (account.id == id)
            return account;
    }
    return std::nullopt;
}

QString AccountDirectory::currencyOf(const QString &id) const
{
    if (const auto own = account(id))
        return own->currency;
    for (const Payee &payee : m_payees) {
        if (payee.id == id)
            return payee.currency;
    }
    return {};
}

QString AccountDirectory::displayName(const QString &id) const
{
    if (const auto own = account(id))
        return own->name;
    for (const Payee &payee : m_payees) {
        if (payee.id == id)
            return QStringLiteral("%1 (%2)").arg(payee.name, payee.ownerName);
    }
    return id;
}

QString AccountDirectory::describe(const TransferRequest &request, const QLocale &locale) const
{
    return tr("%1 from %2 to %3")
        .arg(Money::formatWithCurrency(request.amount, request.currency, locale), displayName(request.fromAccount),
             displayName(request.toAccount));
}
