#include "tests/support/ScheduleRequests.h"

#include "shared/core/Timestamp.h"
#include "tests/support/TestServer.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ScheduleRequests {

QJsonObject body(const QString &from, const QString &to, qint64 amount, qint64 runAtMs, const QJsonObject &repeat)
{
    QJsonObject body = transferBody(from, to, amount);
    body.insert(QStringLiteral("first_run_at"),
                Timestamp::toIso(runAtMs).replace(QLatin1String("+00:00"), QLatin1String("Z")));
    if (!repeat.isEmpty())
        body.insert(QStringLiteral("repeat"), repeat);
    return body;
}

QJsonObject create(TestHttpClient &client, const QJsonObject &body)
{
    const QString key = TestServer::issueKey(client, QStringLiteral("scheduled_transfer"));
    const TestResponse created
        = client.post("/v1/scheduled-transfers", QJsonDocument(body).toJson(QJsonDocument::Compact),
                      {{"Idempotency-Key", key.toLatin1()}});
    if (created.status != 201) {
        qWarning("POST /v1/scheduled-transfers: %d %s", created.status, created.body.constData());
        return {};
    }
    return created.json();
}

QJsonObject get(TestHttpClient &client, const QString &id)
{
    return client.get("/v1/scheduled-transfers/" + id.toLatin1()).json();
}

QString occurrenceStatus(const QJsonObject &schedule, int number)
{
    return schedule.value(QLatin1String("occurrences"))
        .toArray()
        .at(number - 1)
        .toObject()
        .value(QLatin1String("status"))
        .toString();
}

QString occurrenceKey(const QString &id, int number) { return id + u'.' + QString::number(number); }

} // namespace ScheduleRequests
