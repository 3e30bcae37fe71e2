#pragma once

#include "server/api/AccountEndpoints.h"
#include "server/api/DemoEndpoints.h"
#include "server/api/KeyEndpoints.h"
#include "server/api/RequestContext.h"
#include "server/api/ScheduleEndpoints.h"
#include "server/api/SessionEndpoints.h"
#include "server/api/TransferEndpoints.h"
#include "server/auth/SessionCache.h"
#include "server/auth/UserQuotas.h"
#include "server/auth/WriteRateLimiter.h"
#include "server/http/HttpHandler.h"
#include "server/idempotency/IdempotentExecutor.h"
#include "server/transfers/TransferService.h"

#include <QList>
#include <QSqlDatabase>

class Metrics;
class Storage;

// The bank's HTTP API: the route table, routing, authentication and the admission of writes.
// The endpoints themselves are grouped by scope (SessionEndpoints, AccountEndpoints,
// KeyEndpoints, TransferEndpoints, DemoEndpoints). Called on the network thread; anything that
// touches the database runs on a reader thread.
class BankApi : public HttpHandler
{
    Q_DISABLE_COPY_MOVE(BankApi)
public:
    struct RouteInfo
    {
        QByteArray method;
        QByteArray pattern; // e.g. /v1/transfers/{id}
    };

    // `demoUnsafe` adds POST /v1/demo/unsafe-transfers, which routes() never lists.
    BankApi(Storage &storage, Metrics &metrics, IdempotencyOptions options, bool demoUnsafe = false,
            UserQuotas quotas = {});
    ~BankApi() override;

    void handle(HttpRequest request, HttpResponder responder) override;
    static QList<RouteInfo> routes();
    // Queues at once the writes it defers (the replay counts): once no request is left, before
    // storage stops.
    void flush() { m_executor.flush(); }

private:
    // Runs on a reader thread once the call is routed (and authenticated, where the route says so).
    using Handler = void (*)(BankApi &api, const RequestContext &call, QSqlDatabase &db);
    // A write, read off the request where the call is once it is authenticated and admitted: on
    // the network thread when this instance knows the session and the call is worth that thread's
    // time (see Route::reads), so that no reader is woken for it. Returns the reader's part,
    // if any.
    using Taker = ReaderWork (*)(BankApi &api, const RequestContext &call);
    enum class Reads {
        First,
        Nothing,
        // Nothing where the writer job reads for itself (IdempotentExecutor::decidesInWriter).
        OnlyInWriterWherePossible,
    };
    struct Route
    {
        QByteArray method;
        QByteArray pattern;
        bool authenticated;
        Handler handler;       // nullptr and no taker: answered on the network thread by handleInline()
        Taker taker = nullptr; // instead of handler
        // Whether the taker leaves a reader something to do. The network thread takes every call
        // that leaves it nothing (it checks the body and queues a write); a call that reads first
        // (a keyed write) is taken there only when it is a retry of a completed key, answered from
        // memory (ReplayCache).
        Reads reads = Reads::First;
    };
    static const QList<Route> &routeTable();
    static bool match(const QByteArray &pattern, const QByteArray &path, QStringList &params);
    // The Handler that calls `endpoint` of the group BankApi holds in `group`.
    template <auto group, auto endpoint>
    static void serve(BankApi &api, const RequestContext &call, QSqlDatabase &db);
    // The Taker that calls `endpoint` of the group BankApi holds in `group`.
    template <auto group, auto endpoint>
    static ReaderWork take(BankApi &api, const RequestContext &call);

    void handleInline(const RequestContext &call);
    void dispatch(const Route &route, RequestContext call);
    // What every routed call passes before its handler, after authentication (`user`, if the route
    // wants one): the write admission and the path parameters. False: refused, answered.
    bool admit(const Route &route, RequestContext &call, const std::optional<AuthenticatedUser> &user);
    void runHandler(const Route &route, const RequestContext &call, QSqlDatabase &db);

    Storage &m_storage;
    SessionCache m_sessionCache;
    WriteRateLimiter m_writes;     // every POST of a user, replays included (docs/security.md)
    IdempotentExecutor m_executor; // every keyed operation, one in-flight set and replay count
    TransferService m_transferService;
    SessionEndpoints m_sessions;
    AccountEndpoints m_accounts;
    KeyEndpoints m_keys;
    TransferEndpoints m_transfers;
    ScheduleEndpoints m_schedules;
    DemoEndpoints m_demo;
    QList<Route> m_routes; // routeTable() plus the demo route when it is switched on
};
