#pragma once

#include "api/Problem.h"

#include <QSqlError>

// Turns a database error into the API's answer: trouble with the storage itself (disk full,
// read-only, locked, connection lost) is a 503 the client may retry; anything else is a 500.
namespace StorageFailure {
bool isStorageUnavailable(const QSqlError &error);
// A serialization failure, deadlock or lock wait timeout (SQLSTATE 40001, 40P01, 55P03): the
// work lost a race for rows and is safe to run again once the other side is done.
bool isRetryable(const QSqlError &error);
Problem toProblem(const QSqlError &error);

// How many retryable errors toProblem has seen on the calling thread. Work run by the writer turns
// its SQL errors into Problems itself; comparing this count before and after tells the writer
// whether the work lost a deadlock or a serialization conflict and can simply run again.
quint64 retryableFailuresOnThisThread();
}
