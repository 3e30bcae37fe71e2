#pragma once

#include "server/auth/SessionService.h"
#include "server/http/HttpHandler.h"

#include <QSqlDatabase>
#include <QStringList>

#include <functional>

// One API call on its way through a reader thread: the request, who made it, the path's
// parameters and where the answer goes.
struct RequestContext
{
    HttpRequest request;
    HttpResponder responder;
    AuthenticatedUser user;
    QStringList params;

    void reply(HttpResponse response) const { responder.send(std::move(response)); }
    void replyProblem(const Problem &problem) const { reply(HttpResponse::problem(problem)); }
};

// What is left of a call once it needs a database: run on a reader thread with its connection.
using ReaderWork = std::function<void(QSqlDatabase &db)>;
