#pragma once

#include <QtGlobal>

struct HttpServerLimits
{
    int maxHeaderBytes = 16 * 1024; // request line + headers, else 431
    int maxBodyBytes = 64 * 1024;   // else 413 and close
    int idleTimeoutMs = 15'000;     // keep-alive connection with nothing to do
    int requestTimeoutMs = 10'000;  // a request started but not finished (slow clients)
    int maxConnections = 512;
    int maxPipelinedRequests = 16; // parsed but unanswered requests per connection
};
