#pragma once

#include "app/client/transport/ApiResult.h"
#include "app/client/transport/ScheduleAttempt.h"
#include "app/client/transport/TransferAttempt.h"
#include "shared/wire/ApiTypes.h"
#include "shared/wire/ScheduledTransfer.h"
#include "shared/wire/ScheduledTransferRequest.h"

#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

class QNetworkReply;

// The bank's HTTP API, one method per endpoint, on QNetworkAccessManager. Answers arrive as
// ApiResult values parsed with the shared ApiTypes: a value, the server's Problem, or "no answer".
// Every call is answered exactly once through its callback, on the receiver's thread, unless the
// receiver is destroyed first.
class ApiClient : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiClient)
public:
    // Untrusted: the TLS handshake failed (the bank's certificate is not trusted, most often).
    enum class ConnectionState { Unknown, Connected, Unreachable, Untrusted };
    Q_ENUM(ConnectionState)

    template <typename T>
    using Callback = std::function<void(const ApiResult<T> &)>;
    template <typename Attempt>
    using AttemptDone = std::function<void(const Attempt &)>;
    using AttemptCallback = AttemptDone<TransferAttempt>;

    static constexpr int kDefaultTimeoutMs = 30'000;

    explicit ApiClient(QObject *parent = nullptr);
    ~ApiClient() override;

    void setBaseUrl(const QUrl &url);
    QUrl baseUrl() const { return m_baseUrl; }
    // The bearer token of the signed-in user; empty when signed out.
    void setToken(const QString &token) { m_token = token; }
    QString token() const { return m_token; }
    void setTimeoutMs(int timeoutMs) { m_timeoutMs = timeoutMs; }
    // Sent in X-Integrated-Secret with every request: only for the app's own integrated server.
    // Empty (a remote server): not sent.
    void setIntegratedSecret(const QByteArray &secret) { m_integratedSecret = secret; }
    const QByteArray &integratedSecret() const { return m_integratedSecret; }

    ConnectionState connectionState() const { return m_connection; }
    int requestsInFlight() const { return m_inFlight; }
    bool isBusy() const { return m_inFlight > 0; }

    void checkHealth(QObject *receiver, Callback<bool> done);
    void login(const QString &username, const QString &password, QObject *receiver, Callback<SessionInfo> done);
    // DELETE /v1/sessions/current with the token set now: the bank stops accepting it.
    void signOut(QObject *receiver, Callback<bool> done);
    void listAccounts(QObject *receiver, Callback<QList<Account>> done);
    void listPayees(QObject *receiver, Callback<QList<Payee>> done);
    // POST /v1/idempotency-keys: a key for `operation` (ApiOperations), usable only on its endpoint.
    void issueKey(const QString &operation, QObject *receiver, Callback<IdempotencyKeyInfo> done);
    void keyInfo(const QString &key, QObject *receiver, Callback<IdempotencyKeyInfo> done);
    // GET /v1/idempotency-keys: the signed-in user's `limit` newest keys.
    void listKeys(int limit, QObject *receiver, Callback<IdempotencyKeyPage> done);
    // DELETE /v1/idempotency-keys/{key}: the unused key can never start a transfer from now on.
    void abandonKey(const QString &key, QObject *receiver, Callback<bool> done);
    void listTransfers(int limit, const QString &startingAfter, QObject *receiver, Callback<TransferPage> done);
    void transfer(const QString &id, QObject *receiver, Callback<Transfer> done);
    // POST /v1/transfers. Always carries Idempotency-Key: without a well-formed key nothing is
    // sent. Sending the same request with the same key again is a safe retry. Returns the attempt
    // as it starts (its request id); `done` gets it finished, never before this returns.
    TransferAttempt sendTransfer(const TransferRequest &request, const QString &key, QObject *receiver,
                                 AttemptCallback done);
    // POST /v1/demo/unsafe-transfers: the same transfer WITHOUT a key, for the teaching demonstration
    // of what goes wrong (only a server started with demoUnsafe has the endpoint). Every request
    // that arrives moves money, retries included.
    TransferAttempt sendUnsafeTransfer(const TransferRequest &request, QObject *receiver, AttemptCallback done);

    // POST /v1/scheduled-transfers, like sendTransfer: sent once per call, always with `key` (a key
    // issued for "scheduled_transfer"); without a well-formed key, or with a request the server's
    // own rules refuse, nothing is sent. Sending it again with the same key is a safe retry.
    ScheduleAttempt createScheduledTransfer(const ScheduledTransferRequest &request, const QString &key,
                                            QObject *receiver, AttemptDone<ScheduleAttempt> done);
    void listScheduledTransfers(int limit, const QString &startingAfter, QObject *receiver,
                                Callback<ScheduledTransferPage> done);
    // GET /v1/scheduled-transfers/{id}: the schedule with its occurrences.
    void scheduledTransfer(const QString &id, QObject *receiver, Callback<ScheduledTransfer> done);
    // DELETE /v1/scheduled-transfers/{id}: its pending occurrences never run (204, also again).
    void cancelScheduledTransfer(const QString &id, QObject *receiver, Callback<bool> done);

signals:
    void busyChanged(bool busy);
    void connectionStateChanged(ApiClient::ConnectionState state);
    // A request carrying a token was answered 401 unauthenticated: the session is over.
    void sessionRejected();
    void transferAttemptStarted(const TransferAttempt &attempt);
    void transferAttemptFinished(const TransferAttempt &attempt);

private:
    using Headers = QList<QPair<QByteArray, QByteArray>>;
    struct Call
    {
        QByteArray verb;
        QString path;
        QUrlQuery query;
        std::optional<QJsonObject> body;
        Headers headers;
        // Money moves or a key is issued: the body goes out at most once per call, never re-sent by Qt
        // (OneShotUploadDevice).
        bool sendOnce = false;
        // Sign-out: a 401 means the session is already over, not that a newer one was rejected.
        bool endsSession = false;
    };
    using RawCallback = std::function<void(const ApiResult<QJsonObject> &, int httpStatus)>;

    QNetworkReply *start(const Call &call);
    // limit and starting_after of a paged list.
    static QUrlQuery pageQuery(int limit, const QString &startingAfter);
    // /v1/scheduled-transfers/{id}
    static QString schedulePath(const QString &id);
    // POSTs `attempt` (its key and request set) to `path` with `headers`; refused unsent, with
    // `refusal` as the reason, unless that is empty. Returns it as it starts (its request id);
    // `done` gets it finished, never before this returns.
    template <typename Attempt>
    Attempt postKeyed(Attempt attempt, const QString &path, const Headers &headers, const QString &refusal,
                      QObject *receiver, AttemptDone<Attempt> done);
    void call(const Call &call, QObject *receiver, RawCallback done);
    ApiResult<QJsonObject> read(QNetworkReply *reply);
    void setConnectionState(ConnectionState state);
    void requestFinished(QNetworkReply *reply);
    QNetworkAccessManager *newNetwork();
    // Deletes a manager the client no longer sends on once none of its replies is on its way.
    void retireWhenIdle(QNetworkAccessManager *network);

    // Owned (a child); a new one for each base URL.
    QNetworkAccessManager *m_network;
    QUrl m_baseUrl;
    QString m_token;
    QByteArray m_integratedSecret;
    // What was wrong with the certificate at the last failed TLS handshake (QSslError::errorString).
    QStringList m_certificateErrors;
    int m_timeoutMs = kDefaultTimeoutMs;
    int m_inFlight = 0;
    ConnectionState m_connection = ConnectionState::Unknown;
};
