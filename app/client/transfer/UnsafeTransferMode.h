#pragma once

#include "app/client/transfer/TransferMode.h"

#include <QCoreApplication>
#include <QList>

// Teaching only: a transfer sent WITHOUT an idempotency key, to POST /v1/demo/unsafe-transfers
// (only a server started with demoUnsafe has it), to show what the key prevents. The bank cannot
// tell a retry from a new transfer: every Send is a new one, and a retry after a lost answer
// moves the money again.
class UnsafeTransferMode : public TransferMode
{
    Q_DECLARE_TR_FUNCTIONS(UnsafeTransferMode)
    Q_DISABLE_COPY_MOVE(UnsafeTransferMode)
public:
    explicit UnsafeTransferMode(ApiClient &api);

    // The attempts of the latest send.
    const QList<TransferAttempt> &attempts() const { return m_attempts; }
    // Forgets them: the next Send starts afresh.
    void startNew() { m_attempts.clear(); }

    FlowMessage announcement() const override;
    std::optional<TransferRequest> startSending(const TransferRequest &validated) override;
    int attemptCount() const override;
    TransferAttempt send(const TransferRequest &request, QObject *receiver, ApiClient::AttemptCallback done) override;
    bool attemptFinished(const TransferAttempt &attempt) override;
    FlowMessage sending(const QString &what, int burstAttempt, int maxAttempts) const override;
    FlowMessage retrying(const ApiFailure &failure, const QString &when) const override;
    FlowMessage outcome(const TransferAttempt &attempt, const QString &what, bool answerLost) const override;

private:
    ApiClient &m_api;
    QList<TransferAttempt> m_attempts;
};
