#pragma once

#include "shared/httpframing/HttpMessage.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

#include <optional>

// Finds where each HTTP/1.1 message ends in a byte stream, by Content-Length: requests or
// responses, several in one read or one across many. The framing that the clients, the fault proxy,
// the bench and the server's tests share; not the server's own parser (HttpRequestParser), which
// enforces the API's limits. Chunked transfer coding and responses delimited by the connection's
// close are not supported (the bank never sends them); they put the framer in the failed state.
class HttpMessageFramer
{
public:
    enum class Kind { Request, Response };

    static constexpr qsizetype kMaxHeadBytes = 64 * 1024;
    static constexpr qsizetype kMaxBodyBytes = 16 * 1024 * 1024;

    explicit HttpMessageFramer(Kind kind) : m_kind(kind) {}

    void append(QByteArrayView bytes) { m_buffer.append(bytes); }
    // Takes the next complete message off the front of the buffer; nullopt while it is incomplete
    // or once the stream could not be framed. For a response, `requestMethod` is the method of the
    // request it answers (a response to HEAD has no body).
    std::optional<HttpMessage> take(QByteArrayView requestMethod = {});

    // The stream could not be framed; the framer stays failed and error() says why.
    bool failed() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }
    qsizetype buffered() const { return m_buffer.size(); }

private:
    std::optional<HttpMessage> fail(const QString &reason);

    Kind m_kind;
    QByteArray m_buffer;
    QString m_error;
};
