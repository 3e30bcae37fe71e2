#include "app/client/models/ScheduleOccurrencesModel.h"

#include "app/client/messages/ProblemMessages.h"
#include "app/client/models/ScheduledTransfersModel.h"
#include "app/client/transport/ApiClient.h"
#include "shared/core/Timestamp.h"

#include <QLocale>

#include <algorithm>

namespace {

const QLatin1String kPending("pending");

} // namespace

ScheduleOccurrencesModel::ScheduleOccurrencesModel(ApiClient &api, QObject *parent)
    : QAbstractTableModel(parent),
      m_api(api),
      m_poll(this)
{
    m_poll.setSingleShot(true);
    connect(&m_poll, &QTimer::timeout, this, &ScheduleOccurrencesModel::refresh);
}

void ScheduleOccurrencesModel::showSchedule(const QString &id)
{
    if (id == m_id && !id.isEmpty())
        return;
    ++m_generation;
    m_poll.stop();
    m_id = id;
    setSchedule({});
    refresh();
}

void ScheduleOccurrencesModel::refresh()
{
    if (m_id.isEmpty())
        return;
    m_poll.stop();
    m_api.scheduledTransfer(m_id, this, [this, generation = m_generation](const ApiResult<ScheduledTransfer> &answer) {
        if (generation != m_generation)
            return;
        if (!answer) {
            emit loadFailed(ProblemMessages::forFailure(answer.failure()));
            pollAgain();
            return;
        }
        setSchedule(answer.value());
        emit scheduleLoaded(m_schedule);
        pollAgain();
    });
}

void ScheduleOccurrencesModel::cancelSchedule()
{
    if (m_id.isEmpty())
        return;
    m_api.cancelScheduledTransfer(m_id, this,
                                  [this, id = m_id, generation = m_generation](const ApiResult<bool> &answer) {
                                      if (generation != m_generation)
                                          return;
                                      if (!answer) {
                                          emit loadFailed(ProblemMessages::forFailure(answer.failure()));
                                          return;
                                      }
                                      emit cancelled(id);
                                      refresh();
                                  });
}

void ScheduleOccurrencesModel::setSchedule(const ScheduledTransfer &schedule)
{
    // Run: executed or failed (a cancelled occurrence never ran).
    const auto ran = [](const ScheduledTransfer &s) {
        return std::count_if(s.occurrences.cbegin(), s.occurrences.cend(), [](const ScheduledOccurrence &o) {
            return o.status == QLatin1String("executed") || o.status == QLatin1String("failed");
        });
    };
    const bool newRuns = m_schedule.id == schedule.id && ran(schedule) > ran(m_schedule);
    beginResetModel();
    m_schedule = schedule;
    endResetModel();
    if (newRuns)
        emit occurrencesRan();
}

void ScheduleOccurrencesModel::pollAgain()
{
    qint64 nextDue = -1;
    for (const ScheduledOccurrence &occurrence : std::as_const(m_schedule.occurrences)) {
        if (occurrence.status == kPending) {
            nextDue = Timestamp::fromIso(occurrence.dueAt).toMSecsSinceEpoch();
            break;
        }
    }
    // Nothing pending (or the bank could not be asked and nothing is known): nothing will change.
    if (nextDue < 0 && !m_schedule.id.isEmpty())
        return;
    const qint64 wait = nextDue < 0 ? kLongestPollMs : nextDue - Timestamp::nowMs();
    m_poll.start(int(std::clamp<qint64>(wait, kDuePollMs, kLongestPollMs)));
}

int ScheduleOccurrencesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_schedule.occurrences.size());
}

int ScheduleOccurrencesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ScheduleOccurrencesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ScheduledOccurrence &occurrence = m_schedule.occurrences.at(index.row());
    if (role == Qt::ToolTipRole && index.column() == ProblemColumn && !occurrence.problemCode.isEmpty())
        return ProblemMessages::forOccurrence(occurrence.problemCode);
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue((index.column() == NumberColumn ? Qt::AlignRight : Qt::AlignLeft)
                                   | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case NumberColumn:
        return QLocale().toString(occurrence.number);
    case DueColumn:
        return ScheduledTransfersModel::runTimeText(Timestamp::fromIso(occurrence.dueAt).toLocalTime(), QLocale());
    case StatusColumn:
        return ScheduledTransfersModel::statusText(occurrence.status);
    case TransferColumn:
        return occurrence.transferId;
    case ProblemColumn:
        return occurrence.problemCode;
    default:
        return {};
    }
}

QVariant ScheduleOccurrencesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NumberColumn:
        return tr("No.");
    case DueColumn:
        return tr("Due");
    case StatusColumn:
        return tr("Status");
    case TransferColumn:
        return tr("Transfer");
    case ProblemColumn:
        return tr("Problem");
    default:
        return {};
    }
}
