#pragma once

#include "app/client/transfer/TransferStatus.h"
#include "app/client/transport/TransferAttempt.h"
#include "shared/wire/ApiTypes.h"
#include "shared/wire/TransferRequest.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

// One transfer the user means to make, and the idempotency key that belongs to it. The key is
// what makes retries safe: every attempt of the same intent carries the same key, so the server
// moves the money at most once. Changing any field of a completed or rejected intent starts a
// new intent with a new key; before that, edits keep the key, because an attempt whose outcome
// is unknown may already be bound to it and the server must be the one to tell.
class TransferIntent
{
public:
    enum class KeyState {
        None,      // no key yet: one is requested on Send (or with "New key")
        Unused,    // issued, not sent, or sent and refused without being stored
        InFlight,  // an attempt is on its way
        Uncertain, // an attempt got no answer: it may or may not have happened
        Completed, // the transfer went through (first time or replayed)
        Rejected,  // the server stored a refusal (e.g. insufficient funds) or will not take the key
        Expired,   // the key expired before it was used
        Abandoned, // given up unused (a new transfer, a discarded draft): it can never be used
    };

    static QString stateName(KeyState state);
    // The state the bank's record of a key says it is in.
    static KeyState stateOf(const IdempotencyKeyInfo &info);
    // An unused key past its expiry time is expired, before the server has said so.
    static KeyState effectiveState(KeyState state, const QDateTime &expiresAt, const QDateTime &now);
    // What an attempt's outcome says about its key, given the state before the attempt.
    static KeyState stateAfter(const TransferAttempt &attempt, KeyState before);

    // Replaces the intended transfer; nullopt while the form is not valid. Returns true when this
    // started a new intent, dropping the key.
    bool setDetails(const std::optional<TransferRequest> &details);
    const std::optional<TransferRequest> &details() const { return m_details; }

    // Forgets the key and the attempts: the next Send is a new transfer.
    void startNew();
    void keyIssued(const IdempotencyKeyInfo &info);
    // Takes up a transfer saved before the app last closed, which the bank says has not happened:
    // with its key while the key is still usable, else as a new intent that gets a new key.
    void resume(const TransferRequest &details, const TransferStatus &status);
    // The bank's record of the key, asked after an attempt got no answer, settles its state.
    void statusChecked(const TransferStatus &status);

    QString key() const { return m_key; }
    QDateTime keyExpiresAt() const { return m_expiresAt; }
    KeyState keyState(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    // A key is needed before sending: there is none, or it can no longer be used.
    bool needsKey(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    bool canSend() const { return m_details.has_value() && m_state != KeyState::InFlight; }

    void attemptStarted();
    void attemptFinished(const TransferAttempt &attempt);

    const QList<TransferAttempt> &attempts() const { return m_attempts; }
    std::optional<TransferAttempt> lastAttempt() const;
    // The transfer, once completed.
    std::optional<Transfer> transfer() const;

private:
    bool sameAsAttempted(const std::optional<TransferRequest> &details) const;

    std::optional<TransferRequest> m_details;
    QString m_key;
    QDateTime m_expiresAt;
    KeyState m_state = KeyState::None;
    KeyState m_beforeAttempt = KeyState::None;
    QList<TransferAttempt> m_attempts;
};
