#pragma once

#include "server/http/HttpRequest.h"
#include "server/http/HttpResponse.h"

#include <functional>
#include <memory>

// Delivers the response to one request. Copyable; send() may be called from any thread, exactly
// once. If the connection has gone away meanwhile the response is dropped.
class HttpResponder
{
public:
    using Deliver = std::function<void(HttpResponse)>;

    HttpResponder() = default;
    explicit HttpResponder(Deliver deliver);

    void send(HttpResponse response) const;

private:
    std::shared_ptr<Deliver> m_deliver;
};

// What the HTTP layer calls for each complete, well-formed request, on the network thread.
// An implementation must not block: long work goes to another thread and answers via the responder.
class HttpHandler
{
public:
    virtual ~HttpHandler() = default;
    virtual void handle(HttpRequest request, HttpResponder responder) = 0;
};
