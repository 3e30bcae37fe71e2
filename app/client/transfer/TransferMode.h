#pragma once

#include "app/client/transfer/FlowMessage.h"
#include "app/client/transport/ApiClient.h"
#include "app/client/transport/TransferAttempt.h"
#include "shared/wire/TransferRequest.h"

#include <QString>

#include <optional>

// How TransferFlow's attempts go out, what they leave behind and what the user is told of them.
// KeyedTransferMode sends every attempt of the intent with its idempotency key, the app's way;
// UnsafeTransferMode sends without one, the teaching demonstration of what the key prevents. The
// flow keeps what both share: one request at a time, the retries and their timing, the answers
// that arrive after it moved on.
class TransferMode
{
    Q_DISABLE_COPY_MOVE(TransferMode)
public:
    virtual ~TransferMode() = default;

    // Told to the user when the flow switches to this mode.
    virtual FlowMessage announcement() const = 0;
    // Send was pressed, `validated` being the form's transfer: what the first attempt sends, or
    // nullopt when a key has to be obtained first.
    virtual std::optional<TransferRequest> startSending(const TransferRequest &validated) = 0;
    // Attempts answered so far, of this transfer.
    virtual int attemptCount() const = 0;
    // Sends one attempt of `request` (the first or a retry, with the same body) and returns it as
    // it starts; `done` gets it finished.
    virtual TransferAttempt send(const TransferRequest &request, QObject *receiver, ApiClient::AttemptCallback done)
        = 0;
    // Books a finished attempt. False: it is not to be retried, whatever the retry policy says.
    virtual bool attemptFinished(const TransferAttempt &attempt) = 0;

    // While attempt `burstAttempt` (of at most `maxAttempts`) of `what` goes out.
    virtual FlowMessage sending(const QString &what, int burstAttempt, int maxAttempts) const = 0;
    // A retry after `failure` is due in `when` seconds.
    virtual FlowMessage retrying(const ApiFailure &failure, const QString &when) const = 0;
    // The last attempt of `what` is done with; `answerLost`: an earlier one of the same send got no answer.
    virtual FlowMessage outcome(const TransferAttempt &attempt, const QString &what, bool answerLost) const = 0;

protected:
    TransferMode() = default;
};
