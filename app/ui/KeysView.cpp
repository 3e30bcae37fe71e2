#include "app/ui/KeysView.h"

#include "app/client/models/KeysModel.h"
#include "app/ui/IdentifierDelegate.h"

#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

KeysView::KeysView(KeysModel &model, QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("keysPanel"));
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(&model);
    proxy->setSortRole(KeysModel::SortRole);

    auto *intro = new QLabel(tr("Each transfer gets its own key from the bank. A key makes retries safe: the bank "
                                "moves the money at most once per key."),
                             this);
    intro->setWordWrap(true);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("keysView"));
    m_view->setAccessibleName(tr("Idempotency keys of this session"));
    m_view->setToolTip(tr("The keys obtained since you signed in, their state and the time left until they expire"));
    m_view->setModel(proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(KeysModel::ExpiresColumn, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setTabKeyNavigation(false); // Tab leaves the table; arrow keys move within it
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    // The state and the replays as wide as they are in any language ("abgeschlossen"); the transfer
    // takes what is left. The time left keeps a fixed width, so that its count-down moves nothing.
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(KeysModel::TransferColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(KeysModel::StateColumn, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(KeysModel::ReplaysColumn, QHeaderView::ResizeToContents);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    const int em = fontMetrics().horizontalAdvance(QLatin1Char('M'));
    m_view->setColumnWidth(KeysModel::KeyColumn, 14 * em);
    m_view->setItemDelegateForColumn(KeysModel::KeyColumn, new IdentifierDelegate(m_view));
    m_view->setColumnWidth(KeysModel::ExpiresColumn, 8 * em);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_view);
}
