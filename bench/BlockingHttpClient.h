#pragma once

#include "HttpReplyParser.h"
#include "HttpTarget.h"

// One keep-alive connection for the harness's own setup calls (login, account ids). Sends each
// request once; if the connection is gone it reconnects before sending, never after.
class BlockingHttpClient
{
    Q_DISABLE_COPY_MOVE(BlockingHttpClient)
public:
    explicit BlockingHttpClient(const HttpTarget &target) : m_target(target) {}
    ~BlockingHttpClient();

    // status 0: no response.
    HttpReply exchange(const QByteArray &request);

private:
    const HttpTarget &m_target;
    HttpReplyParser m_parser;
    int m_fd = -1;
};
