#include "app/client/transport/TransferAttempt.h"

TransferAttempt::Outcome TransferAttempt::outcome() const
{
    if (result)
        return result->replayed ? Outcome::Replayed : Outcome::Created;
    switch (result.failure().kind) {
    case ApiFailure::Kind::Problem:
        return Outcome::Refused;
    case ApiFailure::Kind::NotSent:
    case ApiFailure::Kind::SecureConnectionFailed:
        return Outcome::NotSent; // the handshake comes before any byte of it
    case ApiFailure::Kind::NoAnswer:
    case ApiFailure::Kind::UnreadableAnswer:
        return Outcome::OutcomeUnknown;
    }
    return Outcome::OutcomeUnknown;
}
