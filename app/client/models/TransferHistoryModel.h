#pragma once

#include "app/client/models/PagedTableModel.h"
#include "shared/wire/ApiTypes.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QLocale>
#include <QSet>

class AccountDirectory;
class ApiClient;

// The transfers touching the user's accounts, newest first as the server lists them, fetched a
// page at a time (PagedTableModel) as the view scrolls. Sort through a QSortFilterProxyModel on
// SortRole.
class TransferHistoryModel : public PagedTableModel
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
    TransferHistoryModel(ApiClient &api, const AccountDirectory &directory, QObject *parent = nullptr);

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

protected:
    void requestPage(int limit, const QString &after) override;
    QString lastId() const override;
    void forgetRows(bool signedOut) override;

private:
    // From the viewer's side: money that came in, went out, or moved between their own accounts.
    enum class Direction { Unknown, In, Out, Own };
    Direction directionOf(const Transfer &transfer) const;
    QVariant display(const Transfer &transfer, int column) const;
    QVariant sortValue(const Transfer &transfer, int column) const;
    void namesChanged();
    // Asks the bank for the replay counts of the user's own transfers not known yet.
    void lookUpReplays();

    ApiClient &m_api;
    const AccountDirectory &m_directory;
    QList<Transfer> m_transfers;
    QHash<QString, qint64> m_replays;
    QSet<QString> m_replaysAsked; // keys whose count was asked for since the last reload
};
