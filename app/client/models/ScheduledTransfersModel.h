#pragma once

#include "shared/wire/ScheduledTransfer.h"

#include <QAbstractTableModel>
#include <QList>

class AccountDirectory;
class ApiClient;

// The user's scheduled transfers, newest first as the server lists them, fetched a page at a
// time (canFetchMore/fetchMore with starting_after) as the view scrolls, like
// TransferHistoryModel. Without their occurrences: ScheduleOccurrencesModel shows one schedule's.
class ScheduledTransfersModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScheduledTransfersModel)
public:
    enum Column { FirstRunColumn, RepeatColumn, FromColumn, ToColumn, AmountColumn, StatusColumn, ColumnCount };
    enum Role { ScheduleIdRole = Qt::UserRole + 1 };
    static constexpr int kDefaultPageSize = 50;

    ScheduledTransfersModel(ApiClient &api, const AccountDirectory &directory, QObject *parent = nullptr);

    void setPageSize(int pageSize) { m_pageSize = pageSize; }
    // Drops what is loaded and fetches the first page.
    void reload();
    // Empties the model and stops fetching (signed out).
    void clear();
    // A schedule just made, or seen again with news (its status): shown first, or updated in place.
    void show(const ScheduledTransfer &schedule);
    bool isLoading() const { return m_loading; }
    const QList<ScheduledTransfer> &schedules() const { return m_schedules; }
    int rowOf(const QString &id) const;

    // "once", "daily, 3 times"...
    static QString repeatText(const ScheduledTransfer &schedule);
    static QString statusText(const QString &status);

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
    QVariant display(const ScheduledTransfer &schedule, int column) const;
    void setLoading(bool loading);

    ApiClient &m_api;
    const AccountDirectory &m_directory;
    QList<ScheduledTransfer> m_schedules;
    int m_pageSize = kDefaultPageSize;
    bool m_active = false;
    bool m_hasMore = false;
    bool m_loading = false;
    quint64 m_generation = 0; // answers for an older reload() are dropped
};
