#pragma once

#include <QJsonObject>
#include <QString>

class TestHttpClient;

// Scheduled transfers as the tests make and read them over HTTP (POST/GET
// /v1/scheduled-transfers), for the API, crash and multi-instance tests alike.
namespace ScheduleRequests {

// A schedule body of `amount` from `from` to `to`, first due at `runAtMs`, with `repeat` if given.
QJsonObject body(const QString &from, const QString &to, qint64 amount, qint64 runAtMs, const QJsonObject &repeat = {});
// Issues a scheduled_transfer key and creates the schedule with it: its JSON, or an empty object
// (with a warning saying why).
QJsonObject create(TestHttpClient &client, const QJsonObject &body);
// GET /v1/scheduled-transfers/{id}: the schedule with its occurrences.
QJsonObject get(TestHttpClient &client, const QString &id);
// The status of occurrence `number` (1, 2, …) of `schedule`.
QString occurrenceStatus(const QJsonObject &schedule, int number);
// The key occurrence `number` of schedule `id` runs under, its transfer's idempotency_key.
QString occurrenceKey(const QString &id, int number);

} // namespace ScheduleRequests
