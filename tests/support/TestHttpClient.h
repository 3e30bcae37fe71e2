#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QTcpSocket>

#include <memory>

struct TestResponse
{
    int status = 0; // 0: no response (connection closed or timed out)
    bool sent = false; // the whole request went out on an established connection
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    QByteArray header(QByteArrayView name) const;
    QJsonObject json() const;
    QString code() const { return json().value(QLatin1String("code")).toString(); }
};

// A deliberately plain HTTP/1.1 client over a blocking QTcpSocket: every byte it sends is one the
// test wrote, nothing is re-sent behind the test's back (unlike QNetworkAccessManager), and it can
// be used from any thread. Keeps its connection alive between requests.
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
    TestResponse post(const QByteArray &path, const QByteArray &body, const QList<QPair<QByteArray, QByteArray>> &headers = {});
    TestResponse postJson(const QByteArray &path, const QJsonObject &body, const QList<QPair<QByteArray, QByteArray>> &headers = {});
    TestResponse request(const QByteArray &method, const QByteArray &path, const QByteArray &body,
                         QList<QPair<QByteArray, QByteArray>> headers, bool withContentType = true);

    // Sends `bytes` exactly as given on a fresh connection and reads what comes back until the
    // server closes or `timeoutMs` passes without data.
    QByteArray rawExchange(const QByteArray &bytes, int timeoutMs = 2000);
    // Parses the first response in `raw`.
    static TestResponse parse(const QByteArray &raw, qsizetype *consumed = nullptr);

private:
    bool ensureConnected();
    TestResponse readResponse();

    quint16 m_port;
    QByteArray m_host;
    QByteArray m_token;
    QByteArray m_integratedSecret;
    std::unique_ptr<QTcpSocket> m_socket;
    QByteArray m_buffer;
};
