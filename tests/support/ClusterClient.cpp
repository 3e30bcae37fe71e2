#include "tests/support/ClusterClient.h"

#include <QThread>

ClusterClient::ClusterClient(const QList<quint16> &ports, const QByteArray &token, int firstInstance,
                             ClusterPatience patience)
    : m_patience(patience),
      m_next(firstInstance)
{
    for (quint16 port : ports) {
        m_clients.push_back(std::make_unique<TestHttpClient>(port));
        m_clients.back()->setToken(token);
    }
}

QString ClusterClient::issueKey()
{
    const TestResponse response
        = send("/v1/idempotency-keys", {{QStringLiteral("operation"), QStringLiteral("transfer")}});
    return response.status == 201 ? response.json().value(QLatin1String("key")).toString() : QString();
}

TestResponse ClusterClient::transfer(const QString &key, const QJsonObject &body)
{
    return send("/v1/transfers", body, {{"Idempotency-Key", key.toLatin1()}});
}

TestResponse ClusterClient::send(const QByteArray &path, const QJsonObject &body,
                                 const QList<QPair<QByteArray, QByteArray>> &headers)
{
    TestResponse response;
    for (int attempt = 0; attempt < m_patience.attempts; ++attempt) {
        TestHttpClient &client = *m_clients[size_t(m_next)];
        m_next = (m_next + 1) % int(m_clients.size());
        response = client.postJson(path, body, headers);
        if (response.status == 0)
            ++m_unanswered;
        if (response.status != 0 && response.status != 409 && response.status != 503)
            return response;
        QThread::msleep(response.status == 409 ? 20 : m_patience.pauseAfterFailureMs);
    }
    return response;
}
