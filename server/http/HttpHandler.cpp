#include "server/http/HttpHandler.h"

#include <utility>

HttpResponder::HttpResponder(Deliver deliver) : m_deliver(std::make_shared<Deliver>(std::move(deliver))) {}

void HttpResponder::send(HttpResponse response) const
{
    if (m_deliver && *m_deliver)
        (*m_deliver)(std::move(response));
}
