#pragma once

#include "shared/wire/ApiTypes.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QLocale>
#include <QSet>

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
    enum Column {
        DateColumn,
        DirectionColumn,
        FromColumn,
        ToColumn,
        AmountColumn,
        MemoColumn,
        KeyColumn,
        ReplaysColumn,
        ColumnCount
    };
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

    // How many times the server replayed the answer for a key. The model asks the bank itself for
    // the keys of the user's own transfers (GET /v1/idempotency-keys/{key}); this is for a count
    // the session has just seen.
    void setReplayCount(const QString &key, qint64 count);
    // The bank has just answered a retry with the key's stored response: its count is asked for
    // again, so that it is the bank's, not this session's.
    void replayed(const QString &key);
    // A date as the history shows it: the locale's short form (ISO under C/POSIX, whose "short"
    // form is long).
    static QString shortDate(const QDateTime &when, const QLocale &locale);

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
    // From the viewer's side: money that came in, went out, or moved between their own accounts.
    enum class Direction { Unknown, In, Out, Own };
    Direction directionOf(const Transfer &transfer) const;
    QVariant display(const Transfer &transfer, int column) const;
    QVariant sortValue(const Transfer &transfer, int column) const;
    void setLoading(bool loading);
    void namesChanged();
    // Asks the bank for the replay counts of the user's own transfers not known yet.
    void lookUpReplays();

    ApiClient &m_api;
    const AccountDirectory &m_directory;
    QList<Transfer> m_transfers;
    QHash<QString, qint64> m_replays;
    QSet<QString> m_replaysAsked; // keys whose count was asked for since the last reload
    int m_pageSize = kDefaultPageSize;
    bool m_active = false;
    bool m_hasMore = false;
    bool m_loading = false;
    quint64 m_generation = 0; // answers for an older reload() are dropped
};
