#pragma once

#include "shared/wire/ApiTypes.h"

#include <QAbstractTableModel>
#include <QList>

// The signed-in user's accounts with their balances, formatted for the locale with currency.
class AccountsModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountsModel)
public:
    enum Column { NameColumn, BalanceColumn, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, BalanceRole, CurrencyRole };

    explicit AccountsModel(QObject *parent = nullptr);

    // Keeps rows (and so the selection) when the same accounts come back with new balances.
    void setAccounts(const QList<Account> &accounts);
    void clear();
    const QList<Account> &accounts() const { return m_accounts; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QList<Account> m_accounts;
};
