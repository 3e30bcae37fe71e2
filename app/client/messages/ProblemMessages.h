#pragma once

#include "app/client/transport/ApiFailure.h"
#include "shared/core/ProblemCode.h"

#include <QString>

// Plain-language sentences for everything that can go wrong, so no status code, problem code or
// JSON ever reaches the user. Every ProblemCode has one (the switch has no default, so the
// compiler flags a new code without a sentence).
namespace ProblemMessages {

QString forCode(ProblemCode code);
// Any failed call other than sending a transfer.
QString forFailure(const ApiFailure &failure);
// A failed attempt to send a transfer: says whether money moved, and whether retrying is safe.
QString forTransfer(const ApiFailure &failure);
// A failed attempt to make a scheduled transfer: whether a schedule was made, and whether retrying
// is safe; a refusal of the details says the server's reason.
QString forSchedule(const ApiFailure &failure);
// An occurrence that failed with the problem code `code` (e.g. "insufficient_funds").
QString forOccurrence(const QString &code);

} // namespace ProblemMessages
