#include "api/BankApi.h"

#include "api/StorableText.h"
#include "api/Timestamp.h"
#include "api/UnsafeTransferDemo.h"
#include "auth/UserQuotaStore.h"
#include "idempotency/IdempotencyStore.h"
#include "json/StrictJsonParser.h"
#include "ledger/Ledger.h"
#include "metrics/Metrics.h"
#include "reliability/FaultPoints.h"
#include "storage/Storage.h"

#include <QJsonArray>
#include <QStringDecoder>

#include <algorithm>
#include <utility>

namespace {

HttpResponse problem(ProblemCode code, const QString &detail = {}) { return HttpResponse::problem(Problem(code, detail)); }

// Every response to an authenticated request names its user (by id) for the request log.
HttpResponder taggingUser(const HttpResponder &responder, qint64 userId)
{
    return HttpResponder([responder, userId](HttpResponse response) {
        response.logUserId = userId;
        responder.send(std::move(response));
    });
}

// Every response to a request naming a key in its path carries the key for the request log, which
// shows only its tag (HttpLogEntry), never the key itself.
HttpResponder taggingKey(const HttpResponder &responder, const QString &key)
{
    return HttpResponder([responder, key](HttpResponse response) {
        response.logKey = key;
        responder.send(std::move(response));
    });
}

// Not QString::fromUtf8, which drops a leading U+FEFF: "/v1/transfers/%EF%BB%BFtr_1" would name tr_1.
QString pathParameter(const QByteArray &segment)
{
    return QStringDecoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom).decode(segment);
}

bool isJsonContentType(const QByteArray &value)
{
    const QByteArray mediaType = value.split(';').constFirst().trimmed().toLower();
    return mediaType == "application/json";
}

} // namespace

BankApi::BankApi(Storage &storage, Metrics &metrics, TransferService::Options options, bool demoUnsafe, UserQuotas quotas)
    : m_storage(storage), m_metrics(metrics), m_transfers(storage, metrics, options), m_routes(routeTable()),
      m_quotas(quotas), m_writes(quotas.writesPerSecond, quotas.writeBurst)
{
    FaultPoints::armed(); // read the test-only switch now, at start, not at the first fault point
    if (demoUnsafe) {
        m_unsafeDemo = std::make_unique<UnsafeTransferDemo>(storage, metrics, options);
        m_routes.append({"POST", UnsafeTransferDemo::kPath, true, &BankApi::createUnsafeTransfer});
    }
}

BankApi::~BankApi() = default;

const QList<BankApi::Route> &BankApi::routeTable()
{
    static const QList<Route> table{
        {"GET", "/healthz", false, nullptr},
        {"POST", "/v1/sessions", false, &BankApi::createSession},
        {"DELETE", "/v1/sessions/current", true, &BankApi::deleteSession},
        {"GET", "/v1/accounts", true, &BankApi::listAccounts},
        {"GET", "/v1/payees", true, &BankApi::listPayees},
        {"POST", "/v1/idempotency-keys", true, &BankApi::issueKey},
        {"GET", "/v1/idempotency-keys/{key}", true, &BankApi::getKey},
        {"POST", "/v1/transfers", true, &BankApi::createTransfer},
        {"GET", "/v1/transfers", true, &BankApi::listTransfers},
        {"GET", "/v1/transfers/{id}", true, &BankApi::getTransfer},
    };
    return table;
}

QList<BankApi::RouteInfo> BankApi::routes()
{
    QList<RouteInfo> out;
    for (const Route &route : routeTable())
        out.append({route.method, route.pattern});
    return out;
}

bool BankApi::match(const QByteArray &pattern, const QByteArray &path, QStringList &params)
{
    const QList<QByteArray> want = pattern.split('/');
    const QList<QByteArray> have = path.split('/');
    if (want.size() != have.size())
        return false;
    QStringList found;
    for (qsizetype i = 0; i < want.size(); ++i) {
        if (want[i].startsWith('{')) {
            if (have[i].isEmpty())
                return false;
            found.append(pathParameter(have[i]));
        } else if (want[i] != have[i]) {
            return false;
        }
    }
    params = found;
    return true;
}

void BankApi::handle(HttpRequest request, HttpResponder responder)
{
    RequestContext call{std::move(request), std::move(responder), {}, {}};
    QByteArrayList allowed;
    bool keyTagged = false;
    for (const Route &route : std::as_const(m_routes)) {
        QStringList params;
        if (!match(route.pattern, call.request.path, params))
            continue;
        if (route.pattern.contains("{key}") && !std::exchange(keyTagged, true))
            call.responder = taggingKey(call.responder, params.value(0));
        if (route.method != call.request.method) {
            allowed.append(route.method);
            continue;
        }
        call.params = params;
        dispatch(route, std::move(call));
        return;
    }
    if (allowed.isEmpty())
        return call.reply(problem(ProblemCode::NotFound, QStringLiteral("no such endpoint")));
    HttpResponse response = problem(ProblemCode::MethodNotAllowed,
                                    QStringLiteral("allowed: %1").arg(QString::fromLatin1(allowed.join(", "))));
    response.setHeader("Allow", allowed.join(", "));
    call.reply(response);
}

void BankApi::dispatch(const Route &route, RequestContext call)
{
    if (!route.handler)
        return handleInline(call);
    const Handler handler = route.handler;
    const bool authenticated = route.authenticated;
    const bool writes = route.method == "POST";
    const HttpResponder responder = call.responder;
    m_storage.read(
        [this, handler, authenticated, writes, call = std::move(call)](QSqlDatabase &db) mutable {
            if (authenticated) {
                const auto user = SessionService::authenticate(db, m_sessions, call.request.header("authorization"));
                if (!user) {
                    HttpResponse response = HttpResponse::problem(user.problem());
                    if (user.problem().code == ProblemCode::Unauthenticated)
                        response.setHeader("WWW-Authenticate", "Bearer");
                    return call.reply(response);
                }
                call.user = user.value();
                call.responder = taggingUser(call.responder, call.user.id);
                // Sign-in takes its token in SessionService::login, once the password is right.
                if (writes) {
                    if (const auto refused = m_writes.admit(call.user.id, Timestamp::nowMs()))
                        return call.reply(HttpResponse::problem(*refused));
                }
            }
            // A path parameter no store keeps as sent names nothing; bound to SQL, SQLite would
            // drop a leading U+FEFF and find the row of another id.
            if (!std::all_of(call.params.cbegin(), call.params.cend(), StorableText::isStorable))
                return call.reply(problem(ProblemCode::NotFound, QStringLiteral("nothing has this id")));
            (this->*handler)(call, db);
        },
        [responder](const Problem &failure) { responder.send(HttpResponse::problem(failure)); });
}

void BankApi::handleInline(const RequestContext &call)
{
    call.reply(HttpResponse::json(200, {{QStringLiteral("status"), QStringLiteral("ok")}}));
}

std::optional<QJsonObject> BankApi::jsonObjectBody(const RequestContext &call)
{
    if (!isJsonContentType(call.request.header("content-type"))) {
        call.reply(problem(ProblemCode::UnsupportedMediaType, QStringLiteral("send the body as Content-Type: application/json")));
        return std::nullopt;
    }
    StrictJsonParser parser;
    const auto body = parser.parse(call.request.body);
    if (!body || !body->isObject()) {
        call.reply(problem(ProblemCode::ValidationFailed,
                           body ? QStringLiteral("body: must be a JSON object")
                                : QStringLiteral("body: invalid JSON at byte %1: %2").arg(parser.error().offset).arg(parser.error().message)));
        return std::nullopt;
    }
    return body->toObject();
}

void BankApi::createSession(const RequestContext &call, QSqlDatabase &db)
{
    const auto body = jsonObjectBody(call);
    if (!body)
        return;
    const QJsonValue username = body->value(QLatin1String("username"));
    const QJsonValue password = body->value(QLatin1String("password"));
    if (!username.isString() || username.toString().isEmpty() || username.toString().size() > 64)
        return call.reply(problem(ProblemCode::ValidationFailed, QStringLiteral("username: required string")));
    // Before the throttle counts it and the database looks it up: SQLite would find alice for
    // "\ufeffalice", a spelling with a throttle budget of its own.
    if (const auto refused = StorableText::refusal(u"username", username.toString()))
        return call.reply(HttpResponse::problem(*refused));
    if (!password.isString() || password.toString().isEmpty() || password.toString().size() > 1024)
        return call.reply(problem(ProblemCode::ValidationFailed, QStringLiteral("password: required string")));
    // Checked before the password, so a delayed guesser does not even cost a PBKDF2 run.
    const QHostAddress address = call.request.clientAddress;
    if (const auto waitMs = m_loginThrottle.tryBegin(username.toString(), address, Timestamp::nowMs())) {
        const qint64 seconds = (*waitMs + 999) / 1000;
        HttpResponse response = problem(ProblemCode::TooManyRequests,
                                        QStringLiteral("too many failed logins from this address; try again in %1 seconds").arg(seconds));
        response.setHeader("Retry-After", QByteArray::number(seconds));
        return call.reply(response);
    }
    SessionService::login(m_storage, db, username.toString(), password.toString(), m_writes, m_quotas.maxSessions,
                          [this, call, address, name = username.toString()](Result<SessionInfo> session) {
                              using Outcome = LoginThrottle::Outcome;
                              m_loginThrottle.finish(name, address,
                                                     session ? Outcome::LoggedIn
                                                     : session.problem().code == ProblemCode::InvalidCredentials
                                                         ? Outcome::WrongCredentials
                                                         : Outcome::Undecided);
                              call.reply(session ? HttpResponse::json(201, session->toJson())
                                                 : HttpResponse::problem(session.problem()));
                          });
}

void BankApi::deleteSession(const RequestContext &call, QSqlDatabase &)
{
    SessionService::revoke(m_storage, m_sessions, call.request.header("authorization"), [call](const Result<bool> &revoked) {
        if (!revoked)
            return call.reply(HttpResponse::problem(revoked.problem()));
        HttpResponse response;
        response.status = 204;
        call.reply(response);
    });
}

void BankApi::listAccounts(const RequestContext &call, QSqlDatabase &db)
{
    const auto accounts = Ledger::accountsOf(db, call.user.id);
    if (!accounts)
        return call.reply(HttpResponse::problem(accounts.problem()));
    QJsonArray items;
    for (const Account &account : accounts.value())
        items.append(account.toJson());
    call.reply(HttpResponse::json(200, {{QStringLiteral("accounts"), items}}));
}

void BankApi::listPayees(const RequestContext &call, QSqlDatabase &db)
{
    const auto payees = Ledger::payeesFor(db, call.user.id);
    if (!payees)
        return call.reply(HttpResponse::problem(payees.problem()));
    QJsonArray items;
    for (const Payee &payee : payees.value())
        items.append(payee.toJson());
    call.reply(HttpResponse::json(200, {{QStringLiteral("payees"), items}}));
}

void BankApi::issueKey(const RequestContext &call, QSqlDatabase &)
{
    const auto body = jsonObjectBody(call);
    if (!body)
        return;
    const QJsonValue operation = body->value(QLatin1String("operation"));
    if (!operation.isString() || !ApiOperations::isKnown(operation.toString()))
        return call.reply(problem(ProblemCode::ValidationFailed, QStringLiteral("operation: must be \"transfer\"")));
    for (auto it = body->begin(); it != body->end(); ++it) {
        if (it.key() != QLatin1String("operation"))
            return call.reply(problem(ProblemCode::ValidationFailed, QStringLiteral("unknown field \"%1\"").arg(it.key())));
    }
    const qint64 userId = call.user.id;
    const qint64 ttlMs = m_transfers.options().keyTtlMs;
    const QString op = operation.toString();
    const int maxUnused = m_quotas.maxUnusedKeys;
    const SqlDialect dialect = m_storage.dialect();
    m_storage.write<StoredKey>(
        [userId, ttlMs, op, maxUnused, dialect](QSqlDatabase &writerDb) -> Result<StoredKey> {
            const qint64 now = Timestamp::nowMs();
            if (maxUnused > 0) {
                if (auto refused = UserQuotaStore::lockUser(writerDb, dialect, userId))
                    return *refused;
                if (auto refused = UserQuotaStore::refuseKeyBeyond(writerDb, userId, maxUnused, now))
                    return *refused;
            }
            return IdempotencyStore::insert(writerDb, IdempotencyStore::newKey(), userId, op, now, ttlMs);
        },
        [this, call](Result<StoredKey> key) {
            if (!key)
                return call.reply(HttpResponse::problem(key.problem()));
            FaultPoints::dieIfArmed(FaultPoint::DuringKeyIssue);
            m_metrics.keyIssued();
            HttpResponse response = HttpResponse::json(201, IdempotencyStore::toInfo(key.value(), key->createdAt).toJson());
            response.logKey = key->key;
            call.reply(response);
        });
}

void BankApi::getKey(const RequestContext &call, QSqlDatabase &db)
{
    const QString key = call.params.value(0);
    const qint64 userId = call.user.id;
    const auto found = IdempotencyStore::find(db, m_storage.dialect(), userId, key, false);
    if (!found)
        return call.reply(HttpResponse::problem(found.problem()));
    const qint64 readerNow = Timestamp::nowMs();
    if (!found.value() || KeyState::status(*found.value(), readerNow) != KeyState::Status::Lapsed)
        return replyKeyInfo(call, found.value(), readerNow);
    // A lapsed key may still have a request about to commit (here or on another instance): only
    // the writer, under the key's lock, can say whether it completed or has expired for good.
    const SqlDialect dialect = m_storage.dialect();
    m_storage.write<std::optional<StoredKey>>(
        [userId, key, dialect, readerNow](QSqlDatabase &writerDb) -> Result<std::optional<StoredKey>> {
            auto locked = IdempotencyStore::find(writerDb, dialect, userId, key, true);
            const qint64 now = std::max(Timestamp::nowMs(), readerNow);
            if (!locked || !locked.value() || KeyState::status(*locked.value(), now) != KeyState::Status::Lapsed)
                return locked;
            const auto settled = IdempotencyStore::settleExpired(writerDb, *locked.value(), now);
            if (!settled)
                return settled.problem();
            locked.value()->expiredAt = now;
            return locked;
        },
        [this, call](Result<std::optional<StoredKey>> settled) {
            if (!settled)
                return call.reply(HttpResponse::problem(settled.problem()));
            replyKeyInfo(call, settled.value(), Timestamp::nowMs());
        });
}

void BankApi::replyKeyInfo(const RequestContext &call, const std::optional<StoredKey> &key, qint64 nowMs) const
{
    if (!key || key->userId != call.user.id)
        return call.reply(problem(ProblemCode::NotFound, QStringLiteral("no such idempotency key")));
    IdempotencyKeyInfo info = IdempotencyStore::toInfo(*key, nowMs);
    if (info.replays)
        *info.replays += m_transfers.replays().uncommitted(key->userId, key->key);
    HttpResponse response = HttpResponse::json(200, info.toJson());
    response.logKey = key->key;
    call.reply(response);
}

void BankApi::createTransfer(const RequestContext &call, QSqlDatabase &db)
{
    if (!isJsonContentType(call.request.header("content-type")))
        return call.reply(problem(ProblemCode::UnsupportedMediaType, QStringLiteral("send the body as Content-Type: application/json")));
    m_transfers.submit(call, db);
}

void BankApi::createUnsafeTransfer(const RequestContext &call, QSqlDatabase &db)
{
    if (!isJsonContentType(call.request.header("content-type")))
        return call.reply(problem(ProblemCode::UnsupportedMediaType, QStringLiteral("send the body as Content-Type: application/json")));
    m_unsafeDemo->submit(call, db);
}

void BankApi::listTransfers(const RequestContext &call, QSqlDatabase &db)
{
    int limit = Ledger::kDefaultPageSize;
    const QString limitText = call.request.queryItem(QStringLiteral("limit"));
    if (!limitText.isNull()) {
        bool ok = false;
        limit = limitText.toInt(&ok);
        if (!ok || limit < 1 || limit > Ledger::kMaxPageSize)
            return call.reply(problem(ProblemCode::ValidationFailed,
                                      QStringLiteral("limit: an integer from 1 to %1").arg(Ledger::kMaxPageSize)));
    }
    const QString startingAfter = call.request.queryItem(QStringLiteral("starting_after"));
    if (const auto refused = StorableText::refusal(u"starting_after", startingAfter))
        return call.reply(HttpResponse::problem(*refused));
    const auto page = Ledger::transfersVisibleTo(db, call.user.id, limit, startingAfter);
    if (!page)
        return call.reply(HttpResponse::problem(page.problem()));
    call.reply(HttpResponse::json(200, page->toJson()));
}

void BankApi::getTransfer(const RequestContext &call, QSqlDatabase &db)
{
    const auto transfer = Ledger::transferVisibleTo(db, call.user.id, call.params.value(0));
    if (!transfer)
        return call.reply(HttpResponse::problem(transfer.problem()));
    if (!transfer.value())
        return call.reply(problem(ProblemCode::NotFound, QStringLiteral("no such transfer")));
    call.reply(HttpResponse::json(200, transfer.value()->toJson()));
}
