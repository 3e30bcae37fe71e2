#include "app/client/transfer/UnsafeTransferMode.h"

#include "app/client/messages/ProblemMessages.h"

#include <utility>

namespace {

using Kind = FlowMessage::Kind;

} // namespace

UnsafeTransferMode::UnsafeTransferMode(ApiClient &api) : m_api(api) {}

FlowMessage UnsafeTransferMode::announcement() const
{
    return {Kind::Info,
            tr("Demonstration of the bug: transfers now go out without an idempotency key, so the bank cannot "
               "tell a retry from a new transfer.")};
}

std::optional<TransferRequest> UnsafeTransferMode::startSending(const TransferRequest &validated)
{
    // Without a key every Send is a new transfer: nothing ties it to the last one.
    startNew();
    return validated;
}

int UnsafeTransferMode::attemptCount() const { return int(m_attempts.size()); }

TransferAttempt UnsafeTransferMode::send(const TransferRequest &request, QObject *receiver,
                                         ApiClient::AttemptCallback done)
{
    return m_api.sendUnsafeTransfer(request, receiver, std::move(done));
}

bool UnsafeTransferMode::attemptFinished(const TransferAttempt &attempt)
{
    m_attempts.append(attempt);
    return true;
}

FlowMessage UnsafeTransferMode::sending(const QString &what, int, int) const
{
    return {Kind::Info, tr("Sending %1 WITHOUT an idempotency key…").arg(what)};
}

FlowMessage UnsafeTransferMode::retrying(const ApiFailure &, const QString &when) const
{
    return {Kind::Error,
            tr("No answer came back. Sending again WITHOUT a key in %1 s: if the first one went through, this "
               "moves the money a second time.")
                .arg(when)};
}

FlowMessage UnsafeTransferMode::outcome(const TransferAttempt &attempt, const QString &what, bool answerLost) const
{
    if (attempt.result && answerLost)
        return {Kind::Error,
                tr("Sent %1 without a key. But an earlier attempt got no answer, and without a key the bank cannot "
                   "tell a retry from a new transfer: the money may have moved more than once. Look at the "
                   "timeline and the balances.")
                    .arg(what)};
    if (attempt.result)
        return {Kind::Success, tr("Sent %1 without a key (demonstration).").arg(what)};
    if (attempt.result.failure().outcomeUnknown())
        return {Kind::Error,
                tr("No answer came back, so %1 may or may not have happened. Without a key, sending again may move "
                   "the money twice.")
                    .arg(what)};
    return {Kind::Error, ProblemMessages::forTransfer(attempt.result.failure())};
}
