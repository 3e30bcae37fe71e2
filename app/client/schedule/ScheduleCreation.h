#pragma once

#include "app/client/transfer/FlowMessage.h"
#include "app/client/transfer/RetryPolicy.h"
#include "app/client/transport/ApiResult.h"
#include "app/client/transport/ScheduleAttempt.h"
#include "shared/wire/ApiTypes.h"
#include "shared/wire/ScheduledTransfer.h"
#include "shared/wire/ScheduledTransferRequest.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <optional>

class ApiClient;

// Makes a scheduled transfer the way TransferFlow sends a transfer, in two steps: a key for the
// operation "scheduled_transfer" first (keyIssued, so that it can be shown), then POST
// /v1/scheduled-transfers with it. What RetryPolicy says is safe to retry (no answer, 409, 503)
// is sent again with the same key and the same body, so the bank makes the schedule once
// however many attempts reach it. One request at a time; every outcome is a sentence.
class ScheduleCreation : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScheduleCreation)
public:
    explicit ScheduleCreation(ApiClient &api, QObject *parent = nullptr);

    void setRetryPolicy(const RetryPolicy &policy) { m_retryPolicy = policy; }
    const RetryPolicy &retryPolicy() const { return m_retryPolicy; }

    // Makes `request`. Its key is the one of the previous request when that was the same and
    // its outcome is unknown (a retry by hand), or when the key was never sent; otherwise a new
    // one. False, sending nothing, while a request is out.
    bool create(const ScheduledTransferRequest &request);
    // Says why nothing was sent (the form's validation).
    void refuse(const QString &reason);
    // Forgets everything now, ignoring answers still on their way (signing out).
    void reset();

    bool isBusy() const { return m_busy; }
    // The key of the schedule being made or made last; empty before the first.
    QString key() const { return m_key; }
    // POSTs sent with the current key so far.
    int attempts() const { return m_attempts; }
    const FlowMessage &message() const { return m_message; }

signals:
    void changed();
    // A key request leaves (before keyIssued, or before the failure that asks again).
    void keyRequested();
    // `request` is what the key is for.
    void keyIssued(const IdempotencyKeyInfo &info, const ScheduledTransferRequest &request);
    // An attempt left (number 1 for the first with this key, 2 for its first retry...), then came back.
    void attemptStarted(const ScheduleAttempt &attempt);
    void attemptFinished(const ScheduleAttempt &attempt);
    void created(const ScheduledTransfer &schedule);

private:
    // `requestsMade`: key requests of this burst that got no answer.
    void obtainKey(int requestsMade = 0);
    void sendAttempt();
    void attemptAnswered(const ScheduleAttempt &attempt);
    void say(FlowMessage::Kind kind, const QString &text);

    ApiClient &m_api;
    RetryPolicy m_retryPolicy;
    QTimer m_retryTimer;
    std::optional<ScheduledTransferRequest> m_request;
    QJsonObject m_sentBody; // what went out with m_key; empty while it never did
    QString m_key;
    bool m_keySettled = false; // the bank answered for m_key: it cannot make anything else
    int m_attempts = 0;
    int m_burstAttempts = 0; // attempts since create()
    bool m_answerLost = false;
    bool m_busy = false;
    quint64 m_generation = 0;
    FlowMessage m_message;
};
