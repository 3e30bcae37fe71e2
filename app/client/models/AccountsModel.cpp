#include "app/client/models/AccountsModel.h"

#include "shared/money/Money.h"

#include <QLocale>

AccountsModel::AccountsModel(QObject *parent) : QAbstractTableModel(parent) {}

void AccountsModel::setAccounts(const QList<Account> &accounts)
{
    bool sameRows = accounts.size() == m_accounts.size();
    for (qsizetype i = 0; sameRows && i < accounts.size(); ++i)
        sameRows = accounts[i].id == m_accounts[i].id;
    if (!sameRows) {
        beginResetModel();
        m_accounts = accounts;
        endResetModel();
        return;
    }
    m_accounts = accounts;
    if (!m_accounts.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void AccountsModel::clear() { setAccounts({}); }

int AccountsModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_accounts.size()); }

int AccountsModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant AccountsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Account &account = m_accounts.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == NameColumn)
            return account.name;
        return Money::formatWithCurrency(account.balance, account.currency, QLocale());
    case Qt::AccessibleTextRole:
        return QStringLiteral("%1: %2").arg(account.name,
                                            Money::formatWithCurrency(account.balance, account.currency, QLocale()));
    case Qt::ToolTipRole:
        return tr("%1, account %2").arg(account.name, account.id);
    case Qt::TextAlignmentRole:
        if (index.column() == BalanceColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    case IdRole:
        return account.id;
    case BalanceRole:
        return account.balance;
    case CurrencyRole:
        return account.currency;
    default:
        return {};
    }
}

QVariant AccountsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Account");
    case BalanceColumn:
        return tr("Balance");
    default:
        return {};
    }
}
