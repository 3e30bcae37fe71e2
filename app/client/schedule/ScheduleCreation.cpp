#include "app/client/schedule/ScheduleCreation.h"

#include "app/client/messages/ProblemMessages.h"
#include "app/client/transport/ApiClient.h"

#include <QLocale>

namespace {

using Kind = FlowMessage::Kind;

QString seconds(int ms) { return QLocale().toString(ms / 1000.0, 'f', 1); }

} // namespace

ScheduleCreation::ScheduleCreation(ApiClient &api, QObject *parent) : QObject(parent), m_api(api), m_retryTimer(this)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &ScheduleCreation::sendAttempt);
}

void ScheduleCreation::say(Kind kind, const QString &text)
{
    m_message = {kind, text};
    emit changed();
}

void ScheduleCreation::refuse(const QString &reason)
{
    if (!m_busy)
        say(Kind::Error, tr("Nothing was sent. %1").arg(reason));
}

void ScheduleCreation::reset()
{
    ++m_generation;
    m_retryTimer.stop();
    m_request.reset();
    m_sentBody = {};
    m_key.clear();
    m_keySettled = false;
    m_attempts = 0;
    m_busy = false;
    say(Kind::None, {});
}

bool ScheduleCreation::create(const ScheduledTransferRequest &request)
{
    if (m_busy)
        return false;
    m_busy = true;
    m_burstAttempts = 0;
    m_answerLost = false;
    m_request = request;
    const bool keyUsable
        = !m_key.isEmpty() && !m_keySettled && (m_sentBody.isEmpty() || m_sentBody == request.toJson());
    if (keyUsable)
        sendAttempt();
    else
        obtainKey();
    return true;
}

void ScheduleCreation::obtainKey(int requestsMade)
{
    say(Kind::Info, tr("Asking the bank for a key for this schedule…"));
    emit keyRequested();
    m_api.issueKey(
        ApiOperations::kScheduledTransfer, this,
        [this, requestsMade, generation = m_generation](const ApiResult<IdempotencyKeyInfo> &issued) {
            if (generation != m_generation)
                return;
            if (!issued) {
                // Asking again is always safe: a key the lost answer carried only stays unused.
                if (const auto retryIn = m_retryPolicy.delayBeforeRetry(requestsMade + 1, issued.failure())) {
                    say(Kind::Info,
                        tr("No key came back. Asking the bank for another one in %1 s.").arg(seconds(*retryIn)));
                    QTimer::singleShot(*retryIn, this, [this, requestsMade, generation] {
                        if (generation == m_generation)
                            obtainKey(requestsMade + 1);
                    });
                    return;
                }
                m_busy = false;
                say(Kind::Error,
                    tr("Could not get a key for this schedule, so nothing was sent. %1")
                        .arg(ProblemMessages::forFailure(issued.failure())));
                return;
            }
            m_key = issued->key;
            m_keySettled = false;
            m_sentBody = {};
            m_attempts = 0;
            emit keyIssued(issued.value(), *m_request);
            sendAttempt();
        });
}

void ScheduleCreation::sendAttempt()
{
    ++m_attempts;
    ++m_burstAttempts;
    // The same body with the same key, every attempt: anything else the bank refuses as reused.
    m_sentBody = m_request->toJson();
    say(Kind::Info,
        m_burstAttempts == 1 ? tr("Sending the schedule…")
                             : tr("Retrying with the same key (attempt %1 of %2)…")
                                   .arg(m_burstAttempts)
                                   .arg(m_retryPolicy.settings().maxAttempts));
    const int number = m_attempts;
    ScheduleAttempt started = m_api.createScheduledTransfer(
        *m_request, m_key, this, [this, number, generation = m_generation](const ScheduleAttempt &attempt) {
            if (generation != m_generation)
                return;
            ScheduleAttempt numbered = attempt;
            numbered.number = number;
            emit attemptFinished(numbered);
            attemptAnswered(numbered);
        });
    started.number = number;
    emit attemptStarted(started);
}

void ScheduleCreation::attemptAnswered(const ScheduleAttempt &attempt)
{
    const ApiResult<ScheduleReceipt> &answer = attempt.result;
    if (answer) {
        m_busy = false;
        m_keySettled = true;
        say(Kind::Success,
            m_answerLost ? tr("Scheduled. An earlier attempt got no answer; the bank made the "
                              "schedule once, for this key.")
                         : tr("Scheduled."));
        emit created(answer->schedule);
        return;
    }
    const ApiFailure &failure = answer.failure();
    if (failure.outcomeUnknown())
        m_answerLost = true;
    if (const auto retryIn = m_retryPolicy.delayBeforeRetry(m_burstAttempts, failure)) {
        say(Kind::Info,
            failure.outcomeUnknown()
                ? tr("No answer came back. Retrying with the same key in %1 s; that is safe: the bank "
                     "makes the schedule at most once.")
                      .arg(seconds(*retryIn))
                : tr("The bank is busy or briefly unavailable. Trying again with the same key in %1 s.")
                      .arg(seconds(*retryIn)));
        m_retryTimer.start(*retryIn);
        return;
    }
    m_busy = false;
    // A refusal is final for this key; an unknown outcome keeps it for a retry by hand.
    m_keySettled = failure.kind == ApiFailure::Kind::Problem && !RetryPolicy::isRetryable(failure);
    if (failure.kind == ApiFailure::Kind::NotSent)
        m_sentBody = {};
    say(Kind::Error, ProblemMessages::forSchedule(failure));
}
