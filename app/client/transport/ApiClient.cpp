#include "app/client/transport/ApiClient.h"

#include "app/client/connection/ServerSettings.h"
#include "app/client/transport/OneShotUploadDevice.h"
#include "shared/json/StrictJsonParser.h"
#include "shared/wire/IdempotencyKeyFormat.h"
#include "shared/wire/IntegratedSecret.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSslError>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <memory>
#include <type_traits>

namespace {

const QByteArray kIdempotencyKeyHeader = "Idempotency-Key";
const QByteArray kReplayedHeader = "Idempotent-Replayed";
const QByteArray kRequestIdHeader = "X-Request-Id";

template <typename T, typename Parse>
std::function<void(const ApiResult<QJsonObject> &, int)> parsed(ApiClient::Callback<T> done, Parse parse,
                                                                const char *what)
{
    return [done = std::move(done), parse, what](const ApiResult<QJsonObject> &raw, int status) {
        if (!raw)
            return done(raw.failure());
        std::optional<T> value = parse(raw.value());
        if (!value)
            return done(ApiFailure::unreadable(
                status, QStringLiteral("the answer is not a valid %1").arg(QLatin1String(what))));
        done(std::move(*value));
    };
}

// The answer of a call that returns nothing but its status (204).
std::optional<bool> answered(const QJsonObject &) { return true; }

std::optional<int> retryAfter(const QNetworkReply *reply)
{
    bool ok = false;
    const int seconds = reply->rawHeader("Retry-After").trimmed().toInt(&ok);
    return ok && seconds >= 0 ? std::optional<int>(seconds) : std::nullopt;
}

// Why a keyed request is not sent: nothing is made without a key (outside the unsafe
// demonstration), because a request without one could not be retried safely.
QString refusalOf(const QString &key)
{
    return IdempotencyKeyFormat::isWellFormed(key) ? QString() : QStringLiteral("missing or malformed idempotency key");
}

} // namespace

ApiClient::ApiClient(QObject *parent) : QObject(parent), m_network(newNetwork()) {}

ApiClient::~ApiClient() = default;

QNetworkAccessManager *ApiClient::newNetwork()
{
    auto *network = new QNetworkAccessManager(this);
    // Kept to say what was wrong, never ignored (no ignoreSslErrors), so the handshake fails. Kept
    // per client rather than per reply: Qt 6.4 does not signal them to every reply that fails
    // because of them (a sign-in right after a sign-out that met the same certificate got none).
    connect(network, &QNetworkAccessManager::sslErrors, this, [this](QNetworkReply *, const QList<QSslError> &errors) {
        m_certificateErrors.clear();
        for (const QSslError &error : errors)
            m_certificateErrors.append(error.errorString());
    });
    return network;
}

void ApiClient::retireWhenIdle(QNetworkAccessManager *network)
{
    if (network == m_network)
        return;
    const QList<QNetworkReply *> replies = network->findChildren<QNetworkReply *>(Qt::FindDirectChildrenOnly);
    if (std::all_of(replies.cbegin(), replies.cend(), [](const QNetworkReply *reply) { return reply->isFinished(); }))
        network->deleteLater();
}

void ApiClient::setBaseUrl(const QUrl &url)
{
    m_baseUrl = url;
    // A new manager has no kept-alive connection to reuse: after a restart on the same address
    // those lead to the old server. The old manager finishes the replies on their way, then goes.
    // Not clearConnectionCache(): it stops Qt's network thread under them, so they never finish
    // (until their timeout), and waits up to 5 s for that thread on this one.
    QNetworkAccessManager *previous = std::exchange(m_network, newNetwork());
    retireWhenIdle(previous);
    // The integrated server is on loopback: an http_proxy from the environment must not catch it.
    const bool loopback = ServerSettings::isLoopbackHost(url.host());
    m_network->setProxy(loopback ? QNetworkProxy(QNetworkProxy::NoProxy) : QNetworkProxy(QNetworkProxy::DefaultProxy));
    m_certificateErrors.clear();
    setConnectionState(ConnectionState::Unknown);
}

QNetworkReply *ApiClient::start(const Call &call)
{
    QUrl url = m_baseUrl;
    QString basePath = url.path();
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    url.setPath(basePath + call.path);
    url.setQuery(call.query);

    QNetworkRequest request(url);
    // The server speaks HTTP/1.1 only; never let Qt try an upgrade.
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    // A redirected POST could be re-sent somewhere else; the API never redirects.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(m_timeoutMs);
    request.setRawHeader("Accept", "application/json, application/problem+json");
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    if (!m_integratedSecret.isEmpty())
        request.setRawHeader(IntegratedSecret::kHeader, m_integratedSecret);
    for (const auto &[name, value] : call.headers)
        request.setRawHeader(name, value);

    QByteArray body;
    if (call.body) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        body = QJsonDocument(*call.body).toJson(QJsonDocument::Compact);
    }
    if (++m_inFlight == 1)
        emit busyChanged(true);
    QNetworkReply *reply = nullptr;
    if (call.sendOnce) {
        // Qt re-sends a POST by itself when the connection closes after it was written (Qt 6.4:
        // once, silently). With no buffered copy and a body that cannot rewind it cannot, and the
        // reply fails with ContentReSendError instead: a network error the caller's own retry
        // policy handles, with the same key, visibly.
        request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
        request.setHeader(QNetworkRequest::ContentLengthHeader, body.size());
        auto *upload = new OneShotUploadDevice(body);
        reply = m_network->post(request, upload);
        upload->setParent(reply);
    } else {
        reply = m_network->sendCustomRequest(request, call.verb, body);
    }
    // Bookkeeping is connected first so it has run when the caller's callback sees the answer.
    connect(reply, &QNetworkReply::finished, this, [this, reply] { requestFinished(reply); });
    connect(reply, &QNetworkReply::finished, reply, &QObject::deleteLater);
    return reply;
}

void ApiClient::requestFinished(QNetworkReply *reply)
{
    retireWhenIdle(reply->manager());
    if (--m_inFlight == 0)
        emit busyChanged(false);
}

void ApiClient::call(const Call &request, QObject *receiver, RawCallback done)
{
    QNetworkReply *reply = start(request);
    const bool authenticated = !m_token.isEmpty() && !request.endsSession;
    connect(reply, &QNetworkReply::finished, receiver ? receiver : this,
            [this, reply, authenticated, done = std::move(done)] {
                const ApiResult<QJsonObject> result = read(reply);
                if (authenticated && !result && result.failure().isProblem(ProblemCode::Unauthenticated))
                    emit sessionRejected();
                done(result, reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt());
            });
}

ApiResult<QJsonObject> ApiClient::read(QNetworkReply *reply)
{
    const QVariant statusAttribute = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    if (reply->error() == QNetworkReply::SslHandshakeFailedError) {
        setConnectionState(ConnectionState::Untrusted);
        return ApiFailure::secureConnectionFailed(reply->errorString(), m_certificateErrors);
    }
    if (!statusAttribute.isValid()) {
        setConnectionState(ConnectionState::Unreachable);
        return ApiFailure::noAnswer(reply->errorString());
    }
    setConnectionState(ConnectionState::Connected);
    m_certificateErrors.clear(); // a handshake succeeded since
    const int status = statusAttribute.toInt();
    const QByteArray body = reply->readAll();
    if (status == 204)
        return QJsonObject(); // no content, by definition
    if (status >= 200 && status < 300) {
        // Integers only: money is never a floating-point number on this API.
        StrictJsonParser parser(StrictJsonParser::Numbers::IntegersOnly);
        const auto value = parser.parse(body);
        if (!value || !value->isObject())
            return ApiFailure::unreadable(status, value ? QStringLiteral("not a JSON object") : parser.error().message);
        return value->toObject();
    }
    QString rawCode;
    const auto problem = Problem::fromJson(body, &rawCode);
    if (!problem)
        return ApiFailure::unreadable(status,
                                      rawCode.isEmpty() ? QStringLiteral("HTTP %1 without a problem body").arg(status)
                                                        : QStringLiteral("unknown problem code %1").arg(rawCode));
    return ApiFailure::fromProblem(*problem, status, retryAfter(reply));
}

void ApiClient::setConnectionState(ConnectionState state)
{
    if (m_connection == state)
        return;
    m_connection = state;
    emit connectionStateChanged(state);
}

void ApiClient::checkHealth(QObject *receiver, Callback<bool> done)
{
    call({"GET", QStringLiteral("/healthz"), {}, {}, {}}, receiver,
         parsed<bool>(
             std::move(done),
             [](const QJsonObject &o) -> std::optional<bool> {
                 return o.value(QLatin1String("status")).toString() == QLatin1String("ok");
             },
             "health answer"));
}

void ApiClient::login(const QString &username, const QString &password, QObject *receiver, Callback<SessionInfo> done)
{
    const QJsonObject body{{QStringLiteral("username"), username}, {QStringLiteral("password"), password}};
    call({"POST", QStringLiteral("/v1/sessions"), {}, body, {}}, receiver,
         parsed<SessionInfo>(std::move(done), &SessionInfo::fromJson, "session"));
}

void ApiClient::signOut(QObject *receiver, Callback<bool> done)
{
    call({"DELETE", QStringLiteral("/v1/sessions/current"), {}, {}, {}, false, true}, receiver,
         parsed<bool>(std::move(done), &answered, "sign-out answer"));
}

void ApiClient::listAccounts(QObject *receiver, Callback<QList<Account>> done)
{
    call({"GET", QStringLiteral("/v1/accounts"), {}, {}, {}}, receiver,
         parsed<QList<Account>>(
             std::move(done),
             [](const QJsonObject &o) { return itemsFromJson<Account>(o.value(QLatin1String("accounts"))); },
             "account list"));
}

void ApiClient::listPayees(QObject *receiver, Callback<QList<Payee>> done)
{
    call({"GET", QStringLiteral("/v1/payees"), {}, {}, {}}, receiver,
         parsed<QList<Payee>>(
             std::move(done),
             [](const QJsonObject &o) { return itemsFromJson<Payee>(o.value(QLatin1String("payees"))); },
             "payee list"));
}

void ApiClient::issueKey(const QString &operation, QObject *receiver, Callback<IdempotencyKeyInfo> done)
{
    const QJsonObject body{{QStringLiteral("operation"), operation}};
    // Sent once: a lost answer is the caller's to retry (TransferFlow, ScheduleCreation), visibly, not Qt's.
    call({"POST", QStringLiteral("/v1/idempotency-keys"), {}, body, {}, true}, receiver,
         parsed<IdempotencyKeyInfo>(std::move(done), &IdempotencyKeyInfo::fromJson, "idempotency key"));
}

void ApiClient::keyInfo(const QString &key, QObject *receiver, Callback<IdempotencyKeyInfo> done)
{
    if (!IdempotencyKeyFormat::isWellFormed(key))
        return done(ApiFailure::notSent(QStringLiteral("malformed idempotency key")));
    call({"GET", QStringLiteral("/v1/idempotency-keys/") + key, {}, {}, {}}, receiver,
         parsed<IdempotencyKeyInfo>(std::move(done), &IdempotencyKeyInfo::fromJson, "idempotency key"));
}

void ApiClient::listKeys(int limit, QObject *receiver, Callback<IdempotencyKeyPage> done)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    call({"GET", QStringLiteral("/v1/idempotency-keys"), query, {}, {}}, receiver,
         parsed<IdempotencyKeyPage>(std::move(done), &IdempotencyKeyPage::fromJson, "idempotency key list"));
}

void ApiClient::abandonKey(const QString &key, QObject *receiver, Callback<bool> done)
{
    if (!IdempotencyKeyFormat::isWellFormed(key))
        return done(ApiFailure::notSent(QStringLiteral("malformed idempotency key")));
    call({"DELETE", QStringLiteral("/v1/idempotency-keys/") + key, {}, {}, {}}, receiver,
         parsed<bool>(std::move(done), &answered, "abandonment answer"));
}

QUrlQuery ApiClient::pageQuery(int limit, const QString &startingAfter)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    if (!startingAfter.isEmpty())
        query.addQueryItem(QStringLiteral("starting_after"), startingAfter);
    return query;
}

void ApiClient::listTransfers(int limit, const QString &startingAfter, QObject *receiver, Callback<TransferPage> done)
{
    call({"GET", QStringLiteral("/v1/transfers"), pageQuery(limit, startingAfter), {}, {}}, receiver,
         parsed<TransferPage>(std::move(done), &TransferPage::fromJson, "transfer page"));
}

void ApiClient::transfer(const QString &id, QObject *receiver, Callback<Transfer> done)
{
    call({"GET", QStringLiteral("/v1/transfers/") + QString::fromLatin1(QUrl::toPercentEncoding(id)), {}, {}, {}},
         receiver, parsed<Transfer>(std::move(done), &Transfer::fromJson, "transfer"));
}

QString ApiClient::schedulePath(const QString &id)
{
    return QStringLiteral("/v1/scheduled-transfers/") + QString::fromLatin1(QUrl::toPercentEncoding(id));
}

template <typename Attempt>
Attempt ApiClient::postKeyed(Attempt unsent, const QString &path, const Headers &headers, const QString &refusal,
                             QObject *receiver, AttemptDone<Attempt> done)
{
    constexpr bool isTransfer = std::is_same_v<Attempt, TransferAttempt>;
    auto attempt = std::make_shared<Attempt>(std::move(unsent));
    attempt->requestId = QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
    attempt->startedAt = QDateTime::currentDateTimeUtc();
    if constexpr (isTransfer)
        emit transferAttemptStarted(*attempt);
    const Attempt started = *attempt;

    const auto valid = decltype(attempt->request)::fromJson(attempt->request.toJson());
    if (!valid || !refusal.isEmpty()) {
        attempt->result = ApiFailure::notSent(!valid ? valid.problem().detail : refusal);
        // Answered from the event loop, so the caller has the started attempt before the finished one.
        QTimer::singleShot(0, receiver ? receiver : this,
                           [self = QPointer<ApiClient>(this), attempt, done = std::move(done)] {
                               if (!self)
                                   return; // like a reply, the answer goes with the client
                               if constexpr (isTransfer)
                                   emit self->transferAttemptFinished(*attempt);
                               done(*attempt);
                           });
        return started;
    }

    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    Headers allHeaders{{kRequestIdHeader, attempt->requestId}};
    allHeaders.append(headers);
    QNetworkReply *reply = start({"POST", path, {}, attempt->request.toJson(), allHeaders, true});
    const bool authenticated = !m_token.isEmpty();
    connect(reply, &QNetworkReply::finished, receiver ? receiver : this,
            [this, reply, attempt, timer, authenticated, done = std::move(done)] {
                attempt->elapsedMs = timer->elapsed();
                const ApiResult<QJsonObject> raw = read(reply);
                if (!raw) {
                    attempt->result = raw.failure();
                    if (authenticated && raw.failure().isProblem(ProblemCode::Unauthenticated))
                        emit sessionRejected();
                } else if (const auto receipt
                           = Attempt::receiptOf(raw.value(), reply->rawHeader(kReplayedHeader) == "true")) {
                    attempt->result = *receipt;
                } else {
                    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                    attempt->result = ApiFailure::unreadable(
                        status,
                        isTransfer ? QStringLiteral("the answer is not a valid transfer")
                                   : QStringLiteral("the answer is not a valid scheduled transfer"));
                }
                if constexpr (isTransfer)
                    emit transferAttemptFinished(*attempt);
                done(*attempt);
            });
    return started;
}

ScheduleAttempt ApiClient::createScheduledTransfer(const ScheduledTransferRequest &request, const QString &key,
                                                   QObject *receiver, AttemptDone<ScheduleAttempt> done)
{
    ScheduleAttempt attempt;
    attempt.key = key;
    attempt.request = request;
    return postKeyed(std::move(attempt), QStringLiteral("/v1/scheduled-transfers"),
                     {{kIdempotencyKeyHeader, key.toLatin1()}}, refusalOf(key), receiver, std::move(done));
}

void ApiClient::listScheduledTransfers(int limit, const QString &startingAfter, QObject *receiver,
                                       Callback<ScheduledTransferPage> done)
{
    call({"GET", QStringLiteral("/v1/scheduled-transfers"), pageQuery(limit, startingAfter), {}, {}}, receiver,
         parsed<ScheduledTransferPage>(std::move(done), &ScheduledTransferPage::fromJson, "scheduled transfer page"));
}

void ApiClient::scheduledTransfer(const QString &id, QObject *receiver, Callback<ScheduledTransfer> done)
{
    call({"GET", schedulePath(id), {}, {}, {}}, receiver,
         parsed<ScheduledTransfer>(std::move(done), &ScheduledTransfer::fromJson, "scheduled transfer"));
}

void ApiClient::cancelScheduledTransfer(const QString &id, QObject *receiver, Callback<bool> done)
{
    call({"DELETE", schedulePath(id), {}, {}, {}}, receiver,
         parsed<bool>(std::move(done), &answered, "cancellation answer"));
}

TransferAttempt ApiClient::sendTransfer(const TransferRequest &request, const QString &key, QObject *receiver,
                                        AttemptCallback done)
{
    TransferAttempt attempt;
    attempt.key = key;
    attempt.request = request;
    return postKeyed(std::move(attempt), QStringLiteral("/v1/transfers"), {{kIdempotencyKeyHeader, key.toLatin1()}},
                     refusalOf(key), receiver, std::move(done));
}

TransferAttempt ApiClient::sendUnsafeTransfer(const TransferRequest &request, QObject *receiver, AttemptCallback done)
{
    TransferAttempt attempt;
    attempt.request = request;
    attempt.unsafe = true;
    return postKeyed(std::move(attempt), QStringLiteral("/v1/demo/unsafe-transfers"), {}, {}, receiver,
                     std::move(done));
}
