#pragma once

#include <QWidget>

class InlineMessage;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;
class TransferHistoryModel;

// The transfer history table: sortable, newest first, fetching older pages on demand.
class HistoryView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryView)
public:
    explicit HistoryView(TransferHistoryModel &model, QWidget *parent = nullptr);

    QTableView *table() const { return m_view; }

private:
    void showLoadState();

    TransferHistoryModel &m_model;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_view = nullptr;
    QPushButton *m_loadMore = nullptr;
    InlineMessage *m_message = nullptr;
};
