#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

// Finds where each HTTP/1.1 message ends in a byte stream, by Content-Length: just enough for a
// proxy that acts per request and per response, not a full parser. Chunked transfer coding and
// responses delimited by the connection's close are not supported (the bank never sends them);
// they put the framer in the failed state.
class HttpMessageFramer
{
public:
    enum class Kind { Request, Response };

    struct Message
    {
        QByteArray bytes; // the whole message as received: head and body
        QByteArray startLine;
        QList<QPair<QByteArray, QByteArray>> headers;
        qsizetype bodyOffset = 0;

        QByteArray header(QByteArrayView name) const;
        QByteArray body() const { return bytes.mid(bodyOffset); }
        // Responses: the status code, 0 if the status line is malformed.
        int status() const;
        // Responses: 1xx, an interim answer before the final one.
        bool isInterim() const;
        // The sender closes the connection after this message.
        bool closesConnection() const;
    };

    static constexpr qsizetype kMaxHeadBytes = 64 * 1024;
    static constexpr qsizetype kMaxBodyBytes = 16 * 1024 * 1024;

    explicit HttpMessageFramer(Kind kind) : m_kind(kind) {}

    void append(const QByteArray &bytes) { m_buffer += bytes; }
    // Takes the next complete message off the front of the buffer; nullopt while it is incomplete
    // or once the stream could not be framed. For a response, `requestMethod` is the method of the
    // request it answers (a response to HEAD has no body).
    std::optional<Message> take(QByteArrayView requestMethod = {});

    bool failed() const { return !m_error.isEmpty(); }
    QString error() const { return m_error; }
    qsizetype buffered() const { return m_buffer.size(); }

private:
    std::optional<Message> fail(const QString &reason);

    Kind m_kind;
    QByteArray m_buffer;
    QString m_error;
};
