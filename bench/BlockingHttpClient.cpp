#include "BlockingHttpClient.h"

#include <sys/socket.h>
#include <unistd.h>

BlockingHttpClient::~BlockingHttpClient()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

HttpReply BlockingHttpClient::exchange(const QByteArray &request)
{
    if (m_fd < 0) {
        m_fd = m_target.connectSocket();
        m_parser.clear();
        if (m_fd < 0)
            return {};
    }
    for (qsizetype sent = 0; sent < request.size();) {
        const ssize_t n = ::send(m_fd, request.constData() + sent, size_t(request.size() - sent), MSG_NOSIGNAL);
        if (n <= 0) {
            ::close(m_fd);
            m_fd = -1;
            return {};
        }
        sent += n;
    }
    HttpReply reply;
    char buffer[16 * 1024];
    while (true) {
        const HttpReplyParser::Status status = m_parser.take(reply);
        if (status == HttpReplyParser::Status::Complete)
            return reply;
        const ssize_t n = status == HttpReplyParser::Status::Malformed ? -1 : ::recv(m_fd, buffer, sizeof buffer, 0);
        if (n <= 0) {
            ::close(m_fd);
            m_fd = -1;
            return {};
        }
        m_parser.append(buffer, n);
    }
}
