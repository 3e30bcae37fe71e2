#include "app/client/models/ScheduledTransfersModel.h"

#include "app/client/models/TransferHistoryModel.h"
#include "app/client/session/AccountDirectory.h"
#include "app/client/transport/ApiClient.h"
#include "shared/core/Timestamp.h"
#include "shared/money/Money.h"

#include <QLocale>

ScheduledTransfersModel::ScheduledTransfersModel(ApiClient &api, const AccountDirectory &directory, QObject *parent)
    : PagedTableModel(parent),
      m_api(api),
      m_directory(directory)
{
    connect(&m_directory, &AccountDirectory::changed, this, [this] {
        if (!m_schedules.isEmpty())
            emit dataChanged(index(0, FromColumn), index(rowCount() - 1, ToColumn));
    });
}

void ScheduledTransfersModel::forgetRows(bool) { m_schedules.clear(); }

QString ScheduledTransfersModel::lastId() const
{
    return m_schedules.isEmpty() ? QString() : m_schedules.constLast().id;
}

int ScheduledTransfersModel::rowOf(const QString &id) const
{
    for (int row = 0; row < m_schedules.size(); ++row) {
        if (m_schedules.at(row).id == id)
            return row;
    }
    return -1;
}

void ScheduledTransfersModel::show(const ScheduledTransfer &schedule)
{
    ScheduledTransfer listed = schedule;
    listed.occurrences.clear(); // the list holds none, as the server lists it
    if (const int row = rowOf(schedule.id); row >= 0) {
        m_schedules[row] = listed;
        emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        return;
    }
    beginInsertRows({}, 0, 0);
    m_schedules.prepend(listed);
    endInsertRows();
}

void ScheduledTransfersModel::requestPage(int limit, const QString &after)
{
    m_api.listScheduledTransfers(limit, after, this,
                                 [this, asked = generation()](const ApiResult<ScheduledTransferPage> &page) {
                                     if (!isCurrent(asked))
                                         return;
                                     if (!page)
                                         return pageFailed(page.failure());
                                     for (const ScheduledTransfer &schedule : page->schedules) {
                                         // One made here meanwhile is listed already (show()).
                                         if (rowOf(schedule.id) >= 0)
                                             continue;
                                         const int row = int(m_schedules.size());
                                         beginInsertRows({}, row, row);
                                         m_schedules.append(schedule);
                                         endInsertRows();
                                     }
                                     pageLoaded(page->hasMore);
                                 });
}

QString ScheduledTransfersModel::repeatText(const ScheduledTransfer &schedule)
{
    return repeatText(schedule.every, schedule.count);
}

QString ScheduledTransfersModel::repeatText(const QString &every, int count)
{
    const QString times = QLocale().toString(count);
    if (count > 1 && every == QLatin1String("day"))
        return tr("daily, %1 times").arg(times);
    if (count > 1 && every == QLatin1String("week"))
        return tr("weekly, %1 times").arg(times);
    if (count > 1 && every == QLatin1String("month"))
        return tr("monthly, %1 times").arg(times);
    return tr("once");
}

QString ScheduledTransfersModel::runTimeFormat(const QLocale &locale)
{
    QString dateFormat = locale.dateFormat(QLocale::ShortFormat);
    if (!dateFormat.contains(QLatin1String("yyyy")))
        dateFormat.replace(QLatin1String("yy"), QLatin1String("yyyy"));
    return dateFormat + u' ' + locale.timeFormat(QLocale::ShortFormat);
}

QString ScheduledTransfersModel::runTimeText(const QDateTime &when, const QLocale &locale)
{
    if (locale.language() == QLocale::C)
        return TransferHistoryModel::shortDate(when, locale);
    return locale.toString(when, runTimeFormat(locale));
}

QString ScheduledTransfersModel::statusText(const QString &status)
{
    if (status == QLatin1String("active"))
        return tr("active");
    if (status == QLatin1String("completed"))
        return tr("completed");
    if (status == QLatin1String("cancelled"))
        return tr("cancelled");
    if (status == QLatin1String("pending"))
        return tr("pending");
    if (status == QLatin1String("executed"))
        return tr("executed");
    if (status == QLatin1String("failed"))
        return tr("failed");
    return status;
}

int ScheduledTransfersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_schedules.size());
}

int ScheduledTransfersModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ScheduledTransfersModel::display(const ScheduledTransfer &schedule, int column) const
{
    const QLocale locale;
    switch (column) {
    case FirstRunColumn:
        return runTimeText(Timestamp::fromIso(schedule.firstRunAt).toLocalTime(), locale);
    case RepeatColumn:
        return repeatText(schedule);
    case FromColumn:
        return m_directory.displayName(schedule.transfer.fromAccount);
    case ToColumn:
        return m_directory.displayName(schedule.transfer.toAccount);
    case AmountColumn:
        return Money::formatWithCurrency(schedule.transfer.amount, schedule.transfer.currency, locale);
    case StatusColumn:
        return statusText(schedule.status);
    default:
        return {};
    }
}

QVariant ScheduledTransfersModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ScheduledTransfer &schedule = m_schedules.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(schedule, index.column());
    case ScheduleIdRole:
        return schedule.id;
    case Qt::ToolTipRole:
        if (!schedule.transfer.memo.isEmpty())
            return tr("Scheduled transfer %1: %2").arg(schedule.id, schedule.transfer.memo);
        return tr("Scheduled transfer %1").arg(schedule.id);
    case Qt::TextAlignmentRole:
        if (index.column() == AmountColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant ScheduledTransfersModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case FirstRunColumn:
        return tr("First run");
    case RepeatColumn:
        return tr("Repeat");
    case FromColumn:
        return tr("From");
    case ToColumn:
        return tr("To");
    case AmountColumn:
        return tr("Amount");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}
