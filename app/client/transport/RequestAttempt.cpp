#include "app/client/transport/RequestAttempt.h"

RequestAttempt::Outcome RequestAttempt::outcomeOf(const ApiFailure &failure)
{
    switch (failure.kind) {
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
