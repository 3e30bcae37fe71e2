#pragma once

#include "app/client/models/AccountsModel.h"
#include "app/client/models/KeysModel.h"
#include "app/client/models/ScheduleOccurrencesModel.h"
#include "app/client/models/ScheduledTransfersModel.h"
#include "app/client/models/TransferHistoryModel.h"
#include "app/client/schedule/ScheduleCreation.h"
#include "app/client/session/AccountDirectory.h"
#include "app/client/transfer/IntentRecovery.h"
#include "app/client/transfer/TransferFlow.h"

#include <QObject>

#include <memory>

class ApiClient;

// A signed-in user's view of the bank: signs in and out, loads accounts, payees and history, and
// keeps the models in step with what the transfer flow does.
class BankSession : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BankSession)
public:
    explicit BankSession(ApiClient &api, QObject *parent = nullptr);

    ApiClient &api() { return m_api; }
    AccountDirectory &directory() { return m_directory; }
    AccountsModel &accounts() { return m_accounts; }
    TransferHistoryModel &history() { return m_history; }
    KeysModel &keys() { return m_keys; }
    TransferFlow &transferFlow() { return *m_flow; }
    IntentRecovery &recovery() { return m_recovery; }
    // The Scheduled tab: the user's schedules, the selected one's occurrences, making a new one.
    ScheduledTransfersModel &schedules() { return m_schedules; }
    ScheduleOccurrencesModel &occurrences() { return m_occurrences; }
    ScheduleCreation &scheduleCreation() { return m_scheduleCreation; }

    // Where pending transfers are kept (nullptr: nowhere), and which bank this is, for their
    // entries: after sign-in the pending transfers of this user at this bank are reconciled.
    void setJournal(PendingIntentJournal *journal);
    void setServerIdentity(const QString &server) { m_server = server; }
    QString serverIdentity() const { return m_server; }
    // Teaching (Run client crash after send): the client side dies for real. The transfer flow,
    // with its intent, its key and the answers it waits for, is destroyed (transferFlowEnding
    // first, so that whatever shows it lets go) and a new, empty one takes its place
    // (transferFlowReplaced); only the journal on disk still knows the transfer that was on its way.
    void replaceTransferFlow();
    // Sends a recovered transfer that did not happen again (the form shows it); false if the
    // flow is busy or the item is gone.
    bool retryRecovered(const QString &key);

    bool isSignedIn() const { return !m_user.isEmpty(); }
    QString user() const { return m_user; }
    bool isSigningIn() const { return m_signingIn; }

    void signIn(const QString &username, const QString &password);
    // Revokes the token at the bank (DELETE /v1/sessions/current), then forgets the session;
    // signOutAnswered() follows the bank's answer.
    void signOut();
    // How many of the user's newest keys the Keys tab lists from the bank at sign-in.
    static constexpr int kListedKeys = 100;

    // Accounts, payees and the first page of history, again.
    void refresh();

signals:
    void signedIn(const QString &user);
    void signInFailed(const QString &message);
    void signedOut();
    // The bank answered the sign-out (or it could not be reached): its copy of the token is gone.
    void signOutAnswered();
    // The server no longer accepts the session's token.
    void sessionExpired();
    void refreshFailed(const QString &message);
    void transferFlowEnding();
    void transferFlowReplaced();

private:
    void attemptFinished(const TransferAttempt &attempt);
    // The session's connections to the flow it has now.
    void connectFlow();
    // The bank's record of the user's newest keys, those of earlier runs and other devices too.
    void loadKeys();
    void forget();

    ApiClient &m_api;
    AccountDirectory m_directory;
    AccountsModel m_accounts;
    TransferHistoryModel m_history;
    KeysModel m_keys;
    std::unique_ptr<TransferFlow> m_flow; // replaceable: replaceTransferFlow
    IntentRecovery m_recovery;
    ScheduledTransfersModel m_schedules;
    ScheduleOccurrencesModel m_occurrences;
    ScheduleCreation m_scheduleCreation;
    PendingIntentJournal *m_journal = nullptr;
    QString m_server;
    QString m_user;
    bool m_signingIn = false;
    quint64 m_generation = 0;
};
