#include "app/client/messages/ProblemMessages.h"

#include <QCoreApplication>

namespace ProblemMessages {

namespace {

QString tr(const char *text) { return QCoreApplication::translate("ProblemMessages", text); }

// What went wrong with the TLS handshake, as what it is: never "could not be reached".
QString secureConnection(const ApiFailure &failure)
{
    if (!failure.certificateErrors.isEmpty())
        return QCoreApplication::translate("ProblemMessages",
                                           "The bank's certificate is not trusted: %1. Someone may be "
                                           "impersonating the bank, or its certificate is not set up right.")
            .arg(failure.certificateErrors.join(QStringLiteral("; ")));
    return QCoreApplication::translate("ProblemMessages", "A secure connection to the bank could not be set up: %1.")
        .arg(failure.diagnostic);
}

} // namespace

QString forCode(ProblemCode code)
{
    switch (code) {
    case ProblemCode::ValidationFailed:
        return tr("The bank did not accept the details. Check the accounts, the amount and the memo.");
    case ProblemCode::InvalidCredentials:
        return tr("The username or password is wrong.");
    case ProblemCode::Unauthenticated:
        return tr("Your session has ended. Please sign in again.");
    case ProblemCode::Forbidden:
        return tr("You can only send money from your own accounts.");
    case ProblemCode::NotFound:
        return tr("The bank could not find what was asked for.");
    case ProblemCode::MethodNotAllowed:
        return tr("The bank does not support this action. The app and the server may be different versions.");
    case ProblemCode::IdempotencyKeyMissing:
        return tr("The transfer was sent without its safety key, so the bank refused it. Nothing was moved.");
    case ProblemCode::IdempotencyKeyMalformed:
        return tr("The transfer's safety key was damaged, so the bank refused it. Nothing was moved.");
    case ProblemCode::IdempotencyKeyUnknown:
        return tr("The bank does not recognise this transfer's key. Nothing was moved; start a new transfer to get a "
                  "new key.");
    case ProblemCode::IdempotencyKeyOperationMismatch:
        return tr("This key was issued for something else. Nothing was moved; start a new transfer to get a new key.");
    case ProblemCode::IdempotencyKeyExpired:
        return tr("This transfer's key expired before it was used. Nothing was moved; sending again gets a new key.");
    case ProblemCode::IdempotencyKeyAbandoned:
        return tr("This transfer's key was abandoned, so it can never be used. Nothing was moved; sending again gets a "
                  "new key.");
    case ProblemCode::IdempotencyKeyReused:
        return tr("This transfer's key was already used by an earlier attempt with other details, which the bank "
                  "carried out or refused. Check its status before sending again.");
    case ProblemCode::IdempotencyKeyInUse:
        return tr("The bank is still working on an earlier attempt of this transfer. Wait a moment, then retry: "
                  "the same key makes sure it happens only once.");
    case ProblemCode::IdempotencyKeyCompleted:
        return tr(
            "This transfer's key has already been used, so it cannot be abandoned: what the bank did with it stands.");
    case ProblemCode::InsufficientFunds:
        return tr("There is not enough money in the account for this transfer. Nothing was moved.");
    case ProblemCode::PayloadTooLarge:
        return tr("The request was too large for the bank.");
    case ProblemCode::UnsupportedMediaType:
    case ProblemCode::MalformedRequest:
    case ProblemCode::LengthRequired:
    case ProblemCode::HeaderFieldsTooLarge:
    case ProblemCode::RequestTimeout:
    case ProblemCode::TransferEncodingNotSupported:
        return tr("The bank could not read the request. The app and the server may be different versions.");
    case ProblemCode::HostNotAllowed:
        return tr("The server refused the address it was reached at. Check the server address in Settings.");
    case ProblemCode::IntegratedSecretRequired:
        return tr("The integrated bank refused a request that did not come from this app. Restart the app.");
    case ProblemCode::TooManyRequests:
        return tr("The bank is receiving too many requests. Wait a moment and try again.");
    case ProblemCode::StorageOutcomeUnknown:
        return tr("The bank lost its database connection while saving, so it cannot say yet whether this was done. "
                  "Trying again is safe: the same request either shows what was done or does it once.");
    case ProblemCode::StorageUnavailable:
    case ProblemCode::ServiceUnavailable:
        return tr("The bank is temporarily unavailable. Nothing was changed; try again in a moment.");
    case ProblemCode::InternalError:
        return tr("Something went wrong at the bank. Nothing was changed; try again later.");
    }
    return tr("Something went wrong at the bank.");
}

QString forFailure(const ApiFailure &failure)
{
    switch (failure.kind) {
    case ApiFailure::Kind::Problem:
        return forCode(failure.problem.code);
    case ApiFailure::Kind::NoAnswer:
        return tr("The bank could not be reached. Check the connection and try again.");
    case ApiFailure::Kind::UnreadableAnswer:
        return tr(
            "The bank sent an answer this app does not understand. The app and the server may be different versions.");
    case ApiFailure::Kind::NotSent:
        return tr("The app did not send this request because it was incomplete.");
    case ApiFailure::Kind::SecureConnectionFailed:
        return secureConnection(failure) + u' ' + tr("Nothing was sent to it.");
    }
    return {};
}

QString forTransfer(const ApiFailure &failure)
{
    if (failure.kind == ApiFailure::Kind::Problem && failure.problem.code == ProblemCode::ValidationFailed)
        return tr(
            "The bank did not accept the details, so nothing was moved. Check the accounts, the amount and the memo.");
    if (failure.kind == ApiFailure::Kind::SecureConnectionFailed)
        return secureConnection(failure) + u' '
            + tr("The transfer was not sent, so no money moved. It keeps its key: send it again once the "
                 "certificate problem is solved, and it still happens only once.");
    if (failure.outcomeUnknown())
        return tr("No answer came back from the bank, so this transfer may or may not have happened. "
                  "Retrying is safe: it uses the same key, and the bank moves the money at most once.");
    return forFailure(failure);
}

QString forSchedule(const ApiFailure &failure)
{
    if (failure.isProblem(ProblemCode::ValidationFailed))
        return tr("The bank did not accept the schedule, so none was made: %1").arg(failure.problem.detail);
    if (failure.isProblem(ProblemCode::Forbidden))
        return tr("You can only schedule transfers from your own accounts. No schedule was made.");
    if (failure.outcomeUnknown())
        return tr("No answer came back from the bank, so the schedule may or may not have been made. Creating it "
                  "again is safe: it uses the same key, and the bank makes it at most once.");
    return forFailure(failure);
}

QString forOccurrence(const QString &code)
{
    const std::optional<ProblemCode> known = ProblemCodes::fromString(code);
    return known ? forCode(*known) : tr("Something went wrong at the bank.");
}

} // namespace ProblemMessages
