#pragma once

#include "shared/core/Problem.h"

#include <QSqlError>

// Turns a database error into the API's answer: trouble with the storage itself (disk full,
// read-only, locked, connection lost) is a 503 the client may retry; anything else is a 500.
namespace StorageFailure {
bool isStorageUnavailable(const QSqlError &error);
// A serialization failure, deadlock or lock wait timeout (SQLSTATE 40001, 40P01, 55P03): the
// work lost a race for rows and is safe to run again once the other side is done.
bool isRetryable(const QSqlError &error);
// 503 storage_unavailable or 500 internal_error. A retryable error's problem says so
// (Problem::lostRace): work run by the writer turns its SQL errors into Problems itself and returns
// them, and so tells the writer that it may simply run again.
Problem toProblem(const QSqlError &error);
// 503 storage_unavailable for a connection that is not open, whatever its last error says: it may
// say nothing (QPSQL's open() succeeds even when the session dies in the driver's own set-up
// queries, and the connection then reports itself closed without an error).
Problem notOpen(const QSqlError &error);
} // namespace StorageFailure
