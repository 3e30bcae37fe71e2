#pragma once

#include "app/teaching/LiveInvariants.h"

#include <QObject>

#include <functional>
#include <optional>

class ApiClient;
class TimelineRecorder;

// Checks the LiveInvariants of the timeline's intent against the bank after every attempt (each
// time the client or the network finishes one): the user's latest transfers over the bank's HTTP
// API as the signed-in user, and the sum of all balances through `TotalReader`, which only the
// integrated server can answer (a user sees no other user's balance). Checks run one at a time;
// a check asked for meanwhile runs after it, and one for an intent that has ended is dropped.
class InvariantMonitor : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InvariantMonitor)
public:
    // Answers, later and on this object's thread, with the sum of every account's balance at the
    // bank, or nullopt when it cannot.
    using TotalReader = std::function<void(std::function<void(std::optional<qint64>)>)>;

    InvariantMonitor(const TimelineRecorder &recorder, ApiClient &api, TotalReader readTotal,
                     QObject *parent = nullptr);

    // A new bank: forgets everything and reads the bank's total, the one every later total must equal.
    // Only the integrated bank is checked (`integrated`): the lesson's bank, which the teaching tab
    // works on. A remote bank is not asked after every attempt.
    void restart(bool integrated);
    // The latest verdicts, in the order of LiveInvariants::Kind; empty before the first attempt.
    const QList<LiveInvariants::Check> &checks() const { return m_checks; }
    // A check is on its way or waiting.
    bool isChecking() const { return m_checking || m_wanted; }

signals:
    void changed();

private:
    void timelineChanged();
    void startCheck();
    void readTotal(std::function<void(std::optional<qint64>)> done);

    const TimelineRecorder &m_recorder;
    ApiClient &m_api;
    TotalReader m_readTotal;
    std::optional<qint64> m_totalAtStart;
    QList<LiveInvariants::Check> m_checks;
    QString m_intent;          // the timeline's key and first request id: which intent is checked
    int m_generation = 0;      // of m_intent and the bank: an older check's answer is dropped
    int m_finishedChecked = 0; // attempts finished (client and network) when the last check began
    bool m_checking = false;
    bool m_wanted = false;
    bool m_active = false;
};
