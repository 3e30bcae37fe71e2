#pragma once

#include "api/Problem.h"

#include <QSqlError>

// Turns a database error into the API's answer: trouble with the storage itself (disk full,
// read-only, locked, connection lost) is a 503 the client may retry; anything else is a 500.
namespace StorageFailure {
bool isStorageUnavailable(const QSqlError &error);
// A serialization failure or deadlock that is safe to retry as a whole transaction.
bool isRetryable(const QSqlError &error);
Problem toProblem(const QSqlError &error);
}
