#include "tests/support/DemoAccounts.h"

#include "tests/support/TestHttpClient.h"

#include <QJsonArray>

DemoAccounts::DemoAccounts(TestHttpClient &client)
{
    for (const QJsonValue item : client.get("/v1/accounts").json().value(QLatin1String("accounts")).toArray())
        m_ids.insert(item[QLatin1String("name")].toString(), item[QLatin1String("id")].toString());
    for (const QJsonValue item : client.get("/v1/payees").json().value(QLatin1String("payees")).toArray())
        m_ids.insert(item[QLatin1String("name")].toString(), item[QLatin1String("id")].toString());
}
