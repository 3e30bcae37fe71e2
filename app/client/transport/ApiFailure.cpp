#include "app/client/transport/ApiFailure.h"

#include <utility>

ApiFailure ApiFailure::fromProblem(Problem serverProblem, int status, std::optional<int> retryAfter)
{
    ApiFailure failure;
    failure.kind = Kind::Problem;
    failure.problem = std::move(serverProblem);
    failure.httpStatus = status;
    failure.retryAfterSeconds = retryAfter;
    return failure;
}

ApiFailure ApiFailure::noAnswer(QString why)
{
    ApiFailure failure;
    failure.kind = Kind::NoAnswer;
    failure.diagnostic = std::move(why);
    return failure;
}

ApiFailure ApiFailure::unreadable(int status, QString why)
{
    ApiFailure failure;
    failure.kind = Kind::UnreadableAnswer;
    failure.httpStatus = status;
    failure.diagnostic = std::move(why);
    return failure;
}

ApiFailure ApiFailure::notSent(QString why)
{
    ApiFailure failure;
    failure.kind = Kind::NotSent;
    failure.diagnostic = std::move(why);
    return failure;
}

ApiFailure ApiFailure::secureConnectionFailed(QString why, QStringList certificateErrors)
{
    ApiFailure failure;
    failure.kind = Kind::SecureConnectionFailed;
    failure.diagnostic = std::move(why);
    failure.certificateErrors = std::move(certificateErrors);
    return failure;
}
