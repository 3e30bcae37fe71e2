#pragma once

#include "shared/wire/ApiTypes.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

class AccountDirectory;
class ApiClient;

// The transfers touching the user's accounts, newest first as the server lists them, fetched a
// page at a time (canFetchMore/fetchMore with starting_after) as the view scrolls. Sort through a
// QSortFilterProxyModel on SortRole.
class TransferHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferHistoryModel)
public:
    enum Column { DateColumn, FromColumn, ToColumn, AmountColumn, MemoColumn, KeyColumn, ReplaysColumn, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, TransferIdRole };
    static constexpr int kDefaultPageSize = 50;

    TransferHistoryModel(ApiClient &api, const AccountDirectory &directory, QObject *parent = nullptr);

    void setPageSize(int pageSize) { m_pageSize = pageSize; }
    // Drops what is loaded and fetches the first page.
    void reload();
    // Empties the model and stops fetching (signed out).
    void clear();
    bool isLoading() const { return m_loading; }
    bool hasMore() const { return m_hasMore; }
    const QList<Transfer> &transfers() const { return m_transfers; }

    // How many times the server replayed the answer for a key, as seen by this session.
    void setReplayCount(const QString &key, int count);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void loadingChanged(bool loading);
    void loadFailed(const QString &message);

private:
    QVariant display(const Transfer &transfer, int column) const;
    QVariant sortValue(const Transfer &transfer, int column) const;
    void setLoading(bool loading);
    void namesChanged();

    ApiClient &m_api;
    const AccountDirectory &m_directory;
    QList<Transfer> m_transfers;
    QHash<QString, int> m_replays;
    int m_pageSize = kDefaultPageSize;
    bool m_active = false;
    bool m_hasMore = false;
    bool m_loading = false;
    quint64 m_generation = 0; // answers for an older reload() are dropped
};
