#pragma once

#include "app/client/transfer/TransferIntent.h"
#include "app/client/transfer/TransferMode.h"

#include <QObject>
#include <QString>

class PendingIntentJournal;

// The app's way to send a transfer: every attempt of the intent carries its idempotency key, so
// a retry is safe and the bank moves the money at most once. While an attempt's outcome is
// unknown the intent is kept in the PendingIntentJournal, so that a later start can ask the bank.
class KeyedTransferMode : public QObject, public TransferMode
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeyedTransferMode)
public:
    // `intent` is the flow's, which also gets it its key.
    KeyedTransferMode(ApiClient &api, TransferIntent &intent, QObject *parent = nullptr);

    // Where pending intents are kept, and whose they are; nullptr: nowhere.
    void setJournal(PendingIntentJournal *journal, const QString &user, const QString &server);
    // The bank told the key's outcome: nothing is pending for it any more.
    void keySettled(const QString &key);
    // The intent is given up (a new transfer, a new key): if nothing the bank may have kept was
    // sent with its key, the key is abandoned at the bank (DELETE /v1/idempotency-keys/{key}), so
    // that no stale retry can ever use it; keyStateChanged once the bank has done so. Nothing
    // waits for the answer: if it is lost, the key merely stays unused until it expires.
    void abandonUnusedKey();

    FlowMessage announcement() const override;
    std::optional<TransferRequest> startSending(const TransferRequest &validated) override;
    int attemptCount() const override;
    TransferAttempt send(const TransferRequest &request, QObject *receiver, ApiClient::AttemptCallback done) override;
    bool attemptFinished(const TransferAttempt &attempt) override;
    FlowMessage sending(const QString &what, int burstAttempt, int maxAttempts) const override;
    FlowMessage retrying(const ApiFailure &failure, const QString &when) const override;
    FlowMessage outcome(const TransferAttempt &attempt, const QString &what, bool answerLost) const override;

signals:
    void keyStateChanged(const QString &key, TransferIntent::KeyState state);

private:
    void journalBeforeSending(const QString &key, const TransferRequest &request);

    ApiClient &m_api;
    TransferIntent &m_intent;
    TransferIntent::KeyState m_stateBeforeAttempt = TransferIntent::KeyState::None;
    PendingIntentJournal *m_journal = nullptr;
    QString m_journalUser;
    QString m_journalServer;
};
