#pragma once

#include "shared/wire/ScheduledTransfer.h"

#include <QAbstractTableModel>
#include <QTimer>

class ApiClient;

// The occurrences of one scheduled transfer (GET /v1/scheduled-transfers/{id}): number, due
// time, status, the transfer made and the problem of a failed one. The bank runs them in the
// background, so while one is pending the schedule is asked for again: every second once one is
// due, otherwise shortly before the next one is.
class ScheduleOccurrencesModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScheduleOccurrencesModel)
public:
    enum Column { NumberColumn, DueColumn, StatusColumn, TransferColumn, ProblemColumn, ColumnCount };
    // How often a schedule with an occurrence due is asked for, and the longest wait otherwise.
    static constexpr int kDuePollMs = 1'000;
    static constexpr int kLongestPollMs = 60'000;

    explicit ScheduleOccurrencesModel(ApiClient &api, QObject *parent = nullptr);

    // Shows the schedule `id`, asking the bank for it; empty: none.
    void showSchedule(const QString &id);
    // Asks the bank for the shown schedule again.
    void refresh();
    // Cancels the shown schedule at the bank (DELETE; its pending occurrences never run), then
    // shows it as the bank has it: cancelled, or completed if everything had run.
    void cancelSchedule();
    // Shows nothing and stops asking (signed out).
    void clear() { showSchedule({}); }
    const ScheduledTransfer &schedule() const { return m_schedule; }
    bool isPolling() const { return m_poll.isActive(); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    // The bank's answer, with news or not.
    void scheduleLoaded(const ScheduledTransfer &schedule);
    // An occurrence shown pending has run since (balances and history changed).
    void occurrencesRan();
    void loadFailed(const QString &message);
    void cancelled(const QString &id);

private:
    void setSchedule(const ScheduledTransfer &schedule);
    void pollAgain();

    ApiClient &m_api;
    ScheduledTransfer m_schedule;
    QString m_id;
    QTimer m_poll;
    quint64 m_generation = 0;
};
