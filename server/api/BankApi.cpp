#include "server/api/BankApi.h"

#include "server/api/IdempotencyKeyHeader.h"
#include "server/reliability/FaultPoints.h"
#include "server/storage/Storage.h"
#include "shared/core/StorableText.h"
#include "shared/core/Timestamp.h"

#include <QStringDecoder>

#include <algorithm>
#include <utility>

namespace {

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
QString pathParameter(QByteArrayView segment)
{
    return QStringDecoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom).decode(segment);
}

} // namespace

template <auto group, auto endpoint>
void BankApi::serve(BankApi &api, const RequestContext &call, QSqlDatabase &db)
{
    ((api.*group).*endpoint)(call, db);
}

template <auto group, auto endpoint>
ReaderWork BankApi::take(BankApi &api, const RequestContext &call)
{
    return ((api.*group).*endpoint)(call);
}

BankApi::BankApi(Storage &storage, Metrics &metrics, IdempotencyOptions options, bool demoUnsafe, UserQuotas quotas)
    : m_storage(storage),
      m_writes(quotas.writesPerSecond, quotas.writeBurst),
      m_executor(storage, options),
      m_transferService(storage, m_executor),
      m_sessions(storage, m_sessionCache, m_writes, quotas.maxSessions),
      m_keys(storage, metrics, m_executor, options.keyTtlMs, quotas.maxUnusedKeys),
      m_transfers(m_transferService, metrics),
      m_schedules(storage, m_executor, metrics),
      m_demo(m_transferService, metrics),
      m_routes(routeTable())
{
    FaultPoints::armed(); // read the test-only switch now, at start, not at the first fault point
    if (demoUnsafe)
        m_routes.append(
            {"POST", DemoEndpoints::kPath, true, &serve<&BankApi::m_demo, &DemoEndpoints::createUnsafeTransfer>});
}

BankApi::~BankApi() = default;

const QList<BankApi::Route> &BankApi::routeTable()
{
    static const QList<Route> table{
        {"GET", "/healthz", false, nullptr},
        {"POST", "/v1/sessions", false, &serve<&BankApi::m_sessions, &SessionEndpoints::createSession>},
        {"DELETE", "/v1/sessions/current", true, &serve<&BankApi::m_sessions, &SessionEndpoints::deleteSession>},
        {"GET", "/v1/accounts", true, &serve<&BankApi::m_accounts, &AccountEndpoints::listAccounts>},
        {"GET", "/v1/payees", true, &serve<&BankApi::m_accounts, &AccountEndpoints::listPayees>},
        {"POST", "/v1/idempotency-keys", true, nullptr, &take<&BankApi::m_keys, &KeyEndpoints::issueKey>,
         Reads::Nothing},
        {"GET", "/v1/idempotency-keys", true, &serve<&BankApi::m_keys, &KeyEndpoints::listKeys>},
        {"GET", "/v1/idempotency-keys/{key}", true, &serve<&BankApi::m_keys, &KeyEndpoints::getKey>},
        {"DELETE", "/v1/idempotency-keys/{key}", true, &serve<&BankApi::m_keys, &KeyEndpoints::abandonKey>},
        {"POST", "/v1/transfers", true, nullptr, &take<&BankApi::m_transfers, &TransferEndpoints::createTransfer>,
         Reads::OnlyInWriterWherePossible},
        {"GET", "/v1/transfers", true, &serve<&BankApi::m_transfers, &TransferEndpoints::listTransfers>},
        {"GET", "/v1/transfers/{id}", true, &serve<&BankApi::m_transfers, &TransferEndpoints::getTransfer>},
        {"POST", "/v1/scheduled-transfers", true, nullptr,
         &take<&BankApi::m_schedules, &ScheduleEndpoints::createSchedule>},
        {"GET", "/v1/scheduled-transfers", true, &serve<&BankApi::m_schedules, &ScheduleEndpoints::listSchedules>},
        {"GET", "/v1/scheduled-transfers/{id}", true, &serve<&BankApi::m_schedules, &ScheduleEndpoints::getSchedule>},
        {"DELETE", "/v1/scheduled-transfers/{id}", true,
         &serve<&BankApi::m_schedules, &ScheduleEndpoints::cancelSchedule>},
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
    // Segment by segment in place: every request is matched against the routes in turn, and
    // splitting both into lists cost a tenth of a replay's time.
    const auto segmentEnd = [](const QByteArray &text, qsizetype from) {
        const qsizetype slash = text.indexOf('/', from);
        return slash < 0 ? text.size() : slash;
    };
    QStringList found;
    for (qsizetype wantFrom = 0, haveFrom = 0;;) {
        const qsizetype wantEnd = segmentEnd(pattern, wantFrom);
        const qsizetype haveEnd = segmentEnd(path, haveFrom);
        const QByteArrayView want(pattern.constData() + wantFrom, wantEnd - wantFrom);
        const QByteArrayView have(path.constData() + haveFrom, haveEnd - haveFrom);
        if (want.startsWith('{')) {
            if (have.isEmpty())
                return false;
            found.append(pathParameter(have));
        } else if (want != have) {
            return false;
        }
        const bool wantDone = wantEnd == pattern.size();
        const bool haveDone = haveEnd == path.size();
        if (wantDone || haveDone) {
            if (wantDone != haveDone)
                return false;
            break;
        }
        wantFrom = wantEnd + 1;
        haveFrom = haveEnd + 1;
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
        return call.replyProblem({ProblemCode::NotFound, QStringLiteral("no such endpoint")});
    HttpResponse response = HttpResponse::problem(Problem(
        ProblemCode::MethodNotAllowed, QStringLiteral("allowed: %1").arg(QString::fromLatin1(allowed.join(", ")))));
    response.setHeader("Allow", allowed.join(", "));
    call.reply(response);
}

void BankApi::dispatch(const Route &route, RequestContext call)
{
    if (!route.handler && !route.taker)
        return handleInline(call);
    if (route.taker) {
        // A fresh keyed write goes to a reader whole, as before, and leaves the network thread
        // free for the others.
        const auto user = SessionService::authenticateFromCache(m_sessionCache, call.request.header("authorization"));
        const auto remembered = [&] {
            const Result<QString> key = IdempotencyKeyHeader::read(call.request);
            return key && m_executor.remembers(user->id, key.value());
        };
        const bool readsNothing = route.reads == Reads::Nothing
            || (route.reads == Reads::OnlyInWriterWherePossible && m_executor.decidesInWriter());
        if (user && (readsNothing || remembered())) {
            if (!admit(route, call, user))
                return;
            if (ReaderWork rest = route.taker(*this, call)) {
                const HttpResponder responder = call.responder;
                m_storage.read(std::move(rest),
                               [responder](const Problem &failure) { responder.send(HttpResponse::problem(failure)); });
            }
            return;
        }
    }
    const HttpResponder responder = call.responder;
    m_storage.read(
        [this, &route, call = std::move(call)](QSqlDatabase &db) mutable {
            std::optional<AuthenticatedUser> user;
            if (route.authenticated) {
                const auto found
                    = SessionService::authenticate(db, m_sessionCache, call.request.header("authorization"));
                if (!found) {
                    HttpResponse response = HttpResponse::problem(found.problem());
                    if (found.problem().code == ProblemCode::Unauthenticated)
                        response.setHeader("WWW-Authenticate", "Bearer");
                    return call.reply(response);
                }
                user = found.value();
            }
            if (admit(route, call, user))
                runHandler(route, call, db);
        },
        [responder](const Problem &failure) { responder.send(HttpResponse::problem(failure)); });
}

bool BankApi::admit(const Route &route, RequestContext &call, const std::optional<AuthenticatedUser> &user)
{
    if (user) {
        call.user = *user;
        call.responder = taggingUser(call.responder, call.user.id);
        // Sign-in takes its token in SessionService::login, once the password is right.
        if (route.method == "POST") {
            if (const auto refused = m_writes.admit(call.user.id, Timestamp::nowMs())) {
                call.replyProblem(*refused);
                return false;
            }
        }
    }
    // A path parameter no store keeps as sent names nothing; bound to SQL, SQLite would
    // drop a leading U+FEFF and find the row of another id.
    if (!std::all_of(call.params.cbegin(), call.params.cend(), StorableText::isStorable)) {
        call.replyProblem({ProblemCode::NotFound, QStringLiteral("nothing has this id")});
        return false;
    }
    return true;
}

void BankApi::runHandler(const Route &route, const RequestContext &call, QSqlDatabase &db)
{
    if (!route.taker)
        return route.handler(*this, call, db);
    if (ReaderWork rest = route.taker(*this, call))
        rest(db);
}

void BankApi::handleInline(const RequestContext &call)
{
    call.reply(HttpResponse::json(200, {{QStringLiteral("status"), QStringLiteral("ok")}}));
}
