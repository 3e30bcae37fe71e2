#pragma once

#include <QByteArray>
#include <QByteArrayView>

// One HTTP/1.1 response as the load generator sees it.
struct HttpReply
{
    int status = 0;
    QByteArray head; // status line and headers, without the blank line
    QByteArray body;

    QByteArray header(QByteArrayView name) const;
    bool isReplay() const { return header("idempotent-replayed") == "true"; }
};

// Cuts responses out of the bytes of one keep-alive connection. Expects Content-Length framing,
// which is all the bank server sends.
class HttpReplyParser
{
public:
    void append(const char *data, qsizetype size) { m_buffer.append(data, size); }
    void clear() { m_buffer.clear(); }

    enum class Status { Incomplete, Complete, Malformed };
    Status take(HttpReply &reply);

private:
    QByteArray m_buffer;
};
