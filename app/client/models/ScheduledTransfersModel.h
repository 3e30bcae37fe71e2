#pragma once

#include "app/client/models/PagedTableModel.h"
#include "shared/wire/ScheduledTransfer.h"

#include <QDateTime>
#include <QList>
#include <QLocale>

class AccountDirectory;
class ApiClient;

// The user's scheduled transfers, newest first as the server lists them, fetched a page at a
// time (PagedTableModel) as the view scrolls. Without their occurrences: ScheduleOccurrencesModel
// shows one schedule's.
class ScheduledTransfersModel : public PagedTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScheduledTransfersModel)
public:
    enum Column { FirstRunColumn, RepeatColumn, FromColumn, ToColumn, AmountColumn, StatusColumn, ColumnCount };
    enum Role { ScheduleIdRole = Qt::UserRole + 1 };
    ScheduledTransfersModel(ApiClient &api, const AccountDirectory &directory, QObject *parent = nullptr);

    // A schedule just made, or seen again with news (its status): shown first, or updated in place.
    void show(const ScheduledTransfer &schedule);
    const QList<ScheduledTransfer> &schedules() const { return m_schedules; }
    int rowOf(const QString &id) const;

    // "once", "daily, 3 times"...
    static QString repeatText(const ScheduledTransfer &schedule);
    // "monthly, 3 times", "once": `every` as on the wire (day, week, month).
    static QString repeatText(const QString &every, int count);
    static QString statusText(const QString &status);
    // The locale's short date with the whole year (a schedule runs years ahead: "1/31/30" reads as
    // a day in 1930 to some) and its short time, without seconds, which a schedule does not
    // resolve: the form's field and the lists show a run's time alike.
    static QString runTimeFormat(const QLocale &locale);
    // `when` in runTimeFormat; ISO under the C locale, as the history does.
    static QString runTimeText(const QDateTime &when, const QLocale &locale);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    void requestPage(int limit, const QString &after) override;
    QString lastId() const override;
    void forgetRows(bool signedOut) override;

private:
    QVariant display(const ScheduledTransfer &schedule, int column) const;

    ApiClient &m_api;
    const AccountDirectory &m_directory;
    QList<ScheduledTransfer> m_schedules;
};
