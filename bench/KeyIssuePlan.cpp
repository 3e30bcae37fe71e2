#include "bench/KeyIssuePlan.h"

#include <QJsonDocument>
#include <QJsonObject>

std::optional<PlannedRequest> KeyIssuePlan::next(int)
{
    if (m_limit >= 0 && m_asked.fetch_add(1) >= m_limit)
        return std::nullopt;
    return PlannedRequest{m_request, 0};
}

QByteArray KeyIssuePlan::verify(int, const PlannedRequest &, const HttpMessage &reply)
{
    if (reply.status() != 201)
        return "status_" + QByteArray::number(reply.status());
    const QString key = QJsonDocument::fromJson(reply.body()).object().value(QLatin1String("key")).toString();
    if (key.isEmpty())
        return "no_key_in_body";
    m_pool.add(key);
    return {};
}
