#include "server/storage/StorageFailure.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcStorage, "bank.storage")

namespace {

// SQLite primary result codes (the low byte of an extended code).
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteNoMem = 7;
constexpr int kSqliteReadOnly = 8;
constexpr int kSqliteIoErr = 10;
constexpr int kSqliteCorrupt = 11;
constexpr int kSqliteFull = 13;
constexpr int kSqliteCantOpen = 14;

} // namespace

namespace StorageFailure {

bool isStorageUnavailable(const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    // PostgreSQL reports five-character SQLSTATEs: 08 connection, 53 insufficient resources,
    // 57 operator intervention (shutdown), 25006 read-only transaction.
    if (code.size() == 5)
        return code.startsWith(QLatin1String("08")) || code.startsWith(QLatin1String("53"))
            || code.startsWith(QLatin1String("57")) || code == QLatin1String("25006");
    bool numeric = false;
    const int value = code.toInt(&numeric);
    // No code at all: the driver lost or never had its connection. (QSQLITE also labels plain
    // statement failures ConnectionError, so the type alone says nothing when there is a code.)
    // A message from the database client without a SQLSTATE is libpq failing to reach the
    // server ("no connection to the server"); Qt's own errors (a bind mismatch) carry none.
    if (!numeric)
        return error.type() == QSqlError::ConnectionError || (code.isEmpty() && !error.databaseText().isEmpty());
    // SQLite: the primary result code is the low byte of the extended one.
    switch (value & 0xff) {
    case kSqliteBusy:
    case kSqliteLocked:
    case kSqliteNoMem:
    case kSqliteReadOnly:
    case kSqliteIoErr:
    case kSqliteCorrupt:
    case kSqliteFull:
    case kSqliteCantOpen:
        return true;
    default:
        return false;
    }
}

bool isRetryable(const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    return code == QLatin1String("40001") || code == QLatin1String("40P01") || code == QLatin1String("55P03");
}

namespace {

Problem unavailable(bool lostRace)
{
    Problem problem(ProblemCode::StorageUnavailable, QStringLiteral("the database is unavailable; retry later"));
    problem.lostRace = lostRace;
    return problem;
}

} // namespace

Problem toProblem(const QSqlError &error)
{
    qCWarning(lcStorage) << "database error:" << error.nativeErrorCode() << error.text();
    if (isStorageUnavailable(error) || isRetryable(error))
        return unavailable(isRetryable(error));
    return Problem(ProblemCode::InternalError,
                   QStringLiteral("the request could not be completed; nothing was changed"));
}

Problem notOpen(const QSqlError &error)
{
    qCWarning(lcStorage) << "no connection to the database:" << error.nativeErrorCode() << error.text();
    return unavailable(false);
}

} // namespace StorageFailure
