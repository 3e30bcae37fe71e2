#include "app/ui/AccountsPanel.h"

#include "app/client/models/AccountsModel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

AccountsPanel::AccountsPanel(AccountsModel &model, QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("accountsPanel"));
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("accountsTitle"));
    QFont heading = m_title->font();
    heading.setBold(true);
    m_title->setFont(heading);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("accountsView"));
    m_view->setAccessibleName(tr("Your accounts"));
    m_view->setToolTip(tr("Your accounts and their balances; press F5 to refresh"));
    m_view->setModel(&model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    // Tab moves on to the next control, not from cell to cell: arrow keys move within the table.
    m_view->setTabKeyNavigation(false);
    m_view->setAlternatingRowColors(true);
    m_view->setShowGrid(false);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(AccountsModel::NameColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(AccountsModel::BalanceColumn, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_view->setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_view);
    setUser({});
}

void AccountsPanel::setUser(const QString &user)
{
    m_title->setText(user.isEmpty() ? tr("Accounts (not signed in)") : tr("Accounts of %1").arg(user));
}
