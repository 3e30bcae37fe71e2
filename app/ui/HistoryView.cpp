#include "app/ui/HistoryView.h"

#include "app/client/models/TransferHistoryModel.h"
#include "app/ui/IdentifierDelegate.h"
#include "app/ui/InlineMessage.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace {

QString loadedText(int rows)
{
    if (rows == 0)
        return HistoryView::tr("No transfers yet.");
    if (rows == 1)
        return HistoryView::tr("1 transfer");
    return HistoryView::tr("%1 transfers").arg(QLocale().toString(rows));
}

} // namespace

HistoryView::HistoryView(TransferHistoryModel &model, QWidget *parent) : QWidget(parent), m_model(model)
{
    setObjectName(QStringLiteral("historyPanel"));
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setObjectName(QStringLiteral("historySortModel"));
    m_proxy->setSourceModel(&model);
    m_proxy->setSortRole(TransferHistoryModel::SortRole);
    m_proxy->setSortLocaleAware(true);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("historyView"));
    m_view->setAccessibleName(tr("Transfer history"));
    m_view->setToolTip(tr("Transfers touching your accounts, newest first. Click a column header to sort; older "
                          "transfers load as you scroll."));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(TransferHistoryModel::DateColumn, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setTabKeyNavigation(false); // Tab leaves the table; arrow keys move within it
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    // Every column as wide as what it shows, amounts and dates above all; the memo takes what is
    // left, and the key, long and for the curious, shows its start and end (all of it in its
    // tooltip and in the Keys tab). Wider than the pane, the table scrolls sideways.
    QHeaderView *header = m_view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(TransferHistoryModel::MemoColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(TransferHistoryModel::KeyColumn, QHeaderView::Interactive);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_view->setColumnWidth(TransferHistoryModel::KeyColumn, 6 * fontMetrics().horizontalAdvance(QLatin1Char('M')));
    m_view->setItemDelegateForColumn(TransferHistoryModel::KeyColumn, new IdentifierDelegate(m_view));

    m_loadMore = new QPushButton(tr("Load &previous page"), this);
    m_loadMore->setObjectName(QStringLiteral("loadMoreButton"));
    m_loadMore->setAccessibleName(tr("Load older transfers"));
    m_loadMore->setToolTip(tr("Fetch the next page of older transfers"));
    m_message = new InlineMessage(this);
    m_message->setObjectName(QStringLiteral("historyMessage"));

    auto *footer = new QHBoxLayout;
    footer->addWidget(m_message, 1);
    footer->addWidget(m_loadMore);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view);
    layout->addLayout(footer);

    connect(m_loadMore, &QPushButton::clicked, this, [this] { m_model.fetchMore({}); });
    connect(&model, &TransferHistoryModel::loadingChanged, this, &HistoryView::showLoadState);
    connect(&model, &QAbstractItemModel::modelReset, this, &HistoryView::showLoadState);
    connect(&model, &QAbstractItemModel::rowsInserted, this, &HistoryView::showLoadState);
    connect(&model, &TransferHistoryModel::loadFailed, this,
            [this](const QString &message) { m_message->showMessage(InlineMessage::Kind::Error, message); });
    showLoadState();
}

void HistoryView::showLoadState()
{
    m_loadMore->setEnabled(m_model.canFetchMore({}));
    if (m_model.isLoading())
        m_message->showMessage(InlineMessage::Kind::Note, tr("Loading…"));
    else if (m_message->kind() != InlineMessage::Kind::Error || m_model.rowCount() > 0)
        m_message->showMessage(InlineMessage::Kind::Note, loadedText(m_model.rowCount()));
}
