#include "app/client/session/BankSession.h"

#include "app/client/messages/ProblemMessages.h"
#include "app/client/transport/ApiClient.h"

BankSession::BankSession(ApiClient &api, QObject *parent)
    : QObject(parent),
      m_api(api),
      m_directory(this),
      m_accounts(this),
      m_history(api, m_directory, this),
      m_keys(this),
      m_flow(std::make_unique<TransferFlow>(api, m_directory)),
      m_recovery(api, this),
      m_schedules(api, m_directory, this),
      m_occurrences(api, this),
      m_scheduleCreation(api, this)
{
    connect(&m_api, &ApiClient::sessionRejected, this, [this] {
        if (!isSignedIn())
            return;
        forget();
        emit sessionExpired();
    });
    connectFlow();
    connect(&m_history, &TransferHistoryModel::loadFailed, this, &BankSession::refreshFailed);
    connect(&m_scheduleCreation, &ScheduleCreation::created, &m_schedules, &ScheduledTransfersModel::show);
    connect(&m_occurrences, &ScheduleOccurrencesModel::scheduleLoaded, &m_schedules, &ScheduledTransfersModel::show);
    // A scheduled transfer ran: money moved.
    connect(&m_occurrences, &ScheduleOccurrencesModel::occurrencesRan, this, &BankSession::refresh);
}

void BankSession::connectFlow()
{
    connect(m_flow.get(), &TransferFlow::keyIssued, this, [this](const IdempotencyKeyInfo &info) {
        m_keys.addKey(info);
        if (const auto &details = m_flow->intent().details())
            m_keys.setSummary(info.key, m_directory.describe(*details, m_flow->locale()));
    });
    connect(m_flow.get(), &TransferFlow::keyStateChanged, &m_keys, &KeysModel::setState);
    // The lost answer may have carried a key: the bank's list shows it, unused.
    connect(m_flow.get(), &TransferFlow::keyAnswerLost, this, &BankSession::loadKeys);
    connect(m_flow.get(), &TransferFlow::attemptFinished, this, &BankSession::attemptFinished);
    // A status check or a resumed transfer may show that money moved.
    connect(m_flow.get(), &TransferFlow::statusChecked, this, &BankSession::refresh);
}

void BankSession::replaceTransferFlow()
{
    emit transferFlowEnding();
    const RetryPolicy policy = m_flow->retryPolicy();
    const bool unsafe = m_flow->isUnsafe();
    m_flow = std::make_unique<TransferFlow>(m_api, m_directory);
    // What the app set up, not what the user did: the new client starts with it too.
    m_flow->setRetryPolicy(policy);
    m_flow->setUnsafe(unsafe);
    m_flow->setJournal(m_journal, m_user, m_server);
    connectFlow();
    emit transferFlowReplaced();
}

void BankSession::signIn(const QString &username, const QString &password)
{
    if (m_signingIn)
        return;
    m_signingIn = true;
    m_api.setToken({});
    m_api.login(username, password, this, [this, generation = m_generation](const ApiResult<SessionInfo> &session) {
        if (generation != m_generation)
            return;
        m_signingIn = false;
        if (!session) {
            emit signInFailed(ProblemMessages::forFailure(session.failure()));
            return;
        }
        m_user = session->user;
        m_api.setToken(session->token);
        m_flow->setJournal(m_journal, m_user, m_server);
        emit signedIn(m_user);
        refresh();
        m_schedules.reload();
        loadKeys();
        m_recovery.reconcile(m_user, m_server);
    });
}

void BankSession::signOut()
{
    const bool wasSignedIn = isSignedIn();
    // The bank forgets the token too, so a copy of it (a log, a captured request) stops working.
    // Sent before the token is forgotten here; only quitting and leaving the unsafe demonstration
    // (a restart of the integrated server) wait for the answer.
    if (wasSignedIn)
        m_api.signOut(this, [this](const ApiResult<bool> &) { emit signOutAnswered(); });
    forget();
    if (wasSignedIn)
        emit signedOut();
}

void BankSession::forget()
{
    // Answers still on their way belong to the session being forgotten.
    ++m_generation;
    m_signingIn = false;
    m_user.clear();
    m_api.setToken({});
    m_flow->reset();
    m_flow->setAutoRetry(true); // the next user starts with the default
    m_flow->setJournal(m_journal, {}, {});
    m_recovery.clear();
    m_history.clear();
    m_schedules.clear();
    m_occurrences.clear();
    m_scheduleCreation.reset();
    m_keys.clear();
    m_accounts.clear();
    m_directory.clear();
}

void BankSession::setJournal(PendingIntentJournal *journal)
{
    m_journal = journal;
    m_recovery.setJournal(journal);
    m_flow->setJournal(journal, m_user, m_server);
}

bool BankSession::retryRecovered(const QString &key)
{
    if (m_flow->isBusy() || m_flow->isUnsafe())
        return false;
    const std::optional<IntentRecovery::Item> item = m_recovery.take(key);
    if (!item)
        return false;
    if (item->status.keyUsable() && item->status.info)
        m_keys.addKey(*item->status.info);
    m_keys.setSummary(key, m_directory.describe(item->entry.request, m_flow->locale()));
    // A key that cannot be used any more leaves the journal; the new intent gets its own entry.
    if (!item->status.keyUsable() && m_journal)
        m_journal->remove(key);
    return m_flow->resume(item->entry.request, item->status);
}

void BankSession::refresh()
{
    if (!isSignedIn())
        return;
    const quint64 generation = m_generation;
    m_api.listAccounts(this, [this, generation](const ApiResult<QList<Account>> &accounts) {
        if (generation != m_generation)
            return;
        if (!accounts) {
            emit refreshFailed(ProblemMessages::forFailure(accounts.failure()));
            return;
        }
        m_directory.setAccounts(accounts.value());
        m_accounts.setAccounts(accounts.value());
    });
    m_api.listPayees(this, [this, generation](const ApiResult<QList<Payee>> &payees) {
        if (generation != m_generation)
            return;
        if (!payees) {
            emit refreshFailed(ProblemMessages::forFailure(payees.failure()));
            return;
        }
        m_directory.setPayees(payees.value());
    });
    m_history.reload();
}

void BankSession::loadKeys()
{
    m_api.listKeys(kListedKeys, this, [this, generation = m_generation](const ApiResult<IdempotencyKeyPage> &page) {
        if (generation != m_generation)
            return;
        if (!page) {
            emit refreshFailed(ProblemMessages::forFailure(page.failure()));
            return;
        }
        for (const IdempotencyKeyInfo &key : page->keys)
            m_keys.addKey(key);
    });
}

void BankSession::attemptFinished(const TransferAttempt &attempt)
{
    if (attempt.unsafe) {
        refresh(); // no key to book it under; the balances tell what it did
        return;
    }
    m_keys.setSummary(attempt.key, m_directory.describe(attempt.request, m_flow->locale()));
    const TransferAttempt::Outcome outcome = attempt.outcome();
    if (outcome == TransferAttempt::Outcome::Created)
        m_history.setReplayCount(attempt.key, 0);
    else if (outcome == TransferAttempt::Outcome::Replayed) {
        m_keys.countReplay(attempt.key);
        m_history.replayed(attempt.key);
    }
    // Balances may have changed even when the answer was lost.
    if (outcome != TransferAttempt::Outcome::NotSent)
        refresh();
}
