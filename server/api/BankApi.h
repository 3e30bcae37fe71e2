#pragma once

#include "api/RequestContext.h"
#include "api/TransferService.h"
#include "auth/LoginThrottle.h"
#include "auth/SessionCache.h"
#include "auth/UserQuotas.h"
#include "auth/WriteRateLimiter.h"
#include "http/HttpHandler.h"

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>

#include <memory>
#include <optional>

class Metrics;
class Storage;
class UnsafeTransferDemo;

// The bank's HTTP API: routing, authentication and the handlers of every endpoint. Called on
// the network thread; anything that touches the database runs on a reader thread.
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
    BankApi(Storage &storage, Metrics &metrics, TransferService::Options options, bool demoUnsafe = false,
            UserQuotas quotas = {});
    ~BankApi() override;

    void handle(HttpRequest request, HttpResponder responder) override;
    static QList<RouteInfo> routes();

private:
    using Handler = void (BankApi::*)(const RequestContext &call, QSqlDatabase &db);
    struct Route
    {
        QByteArray method;
        QByteArray pattern;
        bool authenticated;
        Handler handler; // nullptr: answered on the network thread by handleInline()
    };
    static const QList<Route> &routeTable();
    static bool match(const QByteArray &pattern, const QByteArray &path, QStringList &params);

    void handleInline(const RequestContext &call);
    void dispatch(const Route &route, RequestContext call);

    void createSession(const RequestContext &call, QSqlDatabase &db);
    void deleteSession(const RequestContext &call, QSqlDatabase &db);
    void listAccounts(const RequestContext &call, QSqlDatabase &db);
    void listPayees(const RequestContext &call, QSqlDatabase &db);
    void issueKey(const RequestContext &call, QSqlDatabase &db);
    void getKey(const RequestContext &call, QSqlDatabase &db);
    void replyKeyInfo(const RequestContext &call, const std::optional<StoredKey> &key, qint64 nowMs) const;
    void createTransfer(const RequestContext &call, QSqlDatabase &db);
    void listTransfers(const RequestContext &call, QSqlDatabase &db);
    void getTransfer(const RequestContext &call, QSqlDatabase &db);
    void createUnsafeTransfer(const RequestContext &call, QSqlDatabase &db);

    // The request's JSON object body, or nullopt after replying 415/400.
    static std::optional<QJsonObject> jsonObjectBody(const RequestContext &call);

    Storage &m_storage;
    Metrics &m_metrics;
    TransferService m_transfers;
    std::unique_ptr<UnsafeTransferDemo> m_unsafeDemo;
    QList<Route> m_routes; // routeTable() plus the demo route when it is switched on
    LoginThrottle m_loginThrottle;
    SessionCache m_sessions;
    const UserQuotas m_quotas;
    WriteRateLimiter m_writes; // every POST of a user, replays included (docs/security.md)
};
