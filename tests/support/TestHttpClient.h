#pragma once

#include "shared/httpframing/BlockingHttpClient.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>

struct TestResponse
{
    int status = 0;    // 0: no response (connection closed or timed out)
    bool sent = false; // the whole request went out on an established connection
    HttpMessage::Headers headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const { return HttpMessage::headerIn(headers, name); }
    QJsonObject json() const;
    QString code() const { return json().value(QLatin1String("code")).toString(); }
};

// The tests' HTTP/1.1 client: spells the API's requests on a BlockingHttpClient, so every byte it
// sends is one the test wrote and nothing is re-sent behind the test's back (unlike
// QNetworkAccessManager). Usable from any thread; keeps its connection alive between requests.
class TestHttpClient
{
public:
    explicit TestHttpClient(quint16 port, QByteArray host = "127.0.0.1");
    ~TestHttpClient();

    void setToken(const QByteArray &token) { m_token = token; }
    QByteArray token() const { return m_token; }
    // Sent in X-Integrated-Secret with every request (an integrated server's); empty: not sent.
    void setIntegratedSecret(const QByteArray &secret) { m_integratedSecret = secret; }

    TestResponse get(const QByteArray &path, const QList<QPair<QByteArray, QByteArray>> &headers = {});
    TestResponse post(const QByteArray &path, const QByteArray &body,
                      const QList<QPair<QByteArray, QByteArray>> &headers = {});
    TestResponse postJson(const QByteArray &path, const QJsonObject &body,
                          const QList<QPair<QByteArray, QByteArray>> &headers = {});
    TestResponse request(const QByteArray &method, const QByteArray &path, const QByteArray &body,
                         QList<QPair<QByteArray, QByteArray>> headers, bool withContentType = true);

    // Sends `bytes` exactly as given on a fresh connection and reads what comes back until the
    // server closes or `timeoutMs` passes without data.
    QByteArray rawExchange(const QByteArray &bytes, int timeoutMs = 2000);
    // Parses the first response in `raw`.
    static TestResponse parse(const QByteArray &raw, qsizetype *consumed = nullptr);

private:
    static TestResponse responseOf(const HttpMessage &message);

    quint16 m_port;
    QByteArray m_host;
    QByteArray m_token;
    QByteArray m_integratedSecret;
    BlockingHttpClient m_connection;
};
