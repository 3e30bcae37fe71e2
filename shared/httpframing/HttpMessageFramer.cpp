#include "shared/httpframing/HttpMessageFramer.h"

#include <QList>

std::optional<HttpMessage> HttpMessageFramer::fail(const QString &reason)
{
    m_error = reason;
    m_buffer.clear();
    return std::nullopt;
}

std::optional<HttpMessage> HttpMessageFramer::take(QByteArrayView requestMethod)
{
    if (failed())
        return std::nullopt;
    // Empty lines before a request line are allowed and ignored (RFC 9112, 2.2).
    if (m_kind == Kind::Request) {
        qsizetype skip = 0;
        while (m_buffer.mid(skip, 2) == "\r\n")
            skip += 2;
        m_buffer.remove(0, skip);
    }
    const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
    if (headEnd < 0) {
        if (m_buffer.size() > kMaxHeadBytes)
            return fail(QStringLiteral("header section larger than %1 bytes").arg(kMaxHeadBytes));
        return std::nullopt;
    }
    if (headEnd > kMaxHeadBytes)
        return fail(QStringLiteral("header section larger than %1 bytes").arg(kMaxHeadBytes));

    HttpMessage message;
    const QList<QByteArray> lines = m_buffer.left(headEnd).split('\n');
    message.startLine = lines.constFirst().trimmed();
    std::optional<qsizetype> contentLength;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return fail(QStringLiteral("malformed header line"));
        const QByteArray name = line.left(colon).trimmed();
        const QByteArray value = line.mid(colon + 1).trimmed();
        message.headers.append({name, value});
        if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0)
            return fail(QStringLiteral("Transfer-Encoding is not supported"));
        if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
            bool ok = false;
            const qsizetype length = value.toLongLong(&ok);
            if (!ok || length < 0 || (contentLength && *contentLength != length))
                return fail(QStringLiteral("invalid Content-Length"));
            contentLength = length;
        }
    }
    if (m_kind == Kind::Response && message.status() == 0)
        return fail(QStringLiteral("malformed status line"));
    if (m_kind == Kind::Request && message.startLine.split(' ').size() != 3)
        return fail(QStringLiteral("malformed request line"));

    qsizetype bodyLength = contentLength.value_or(0);
    if (m_kind == Kind::Response) {
        const int status = message.status();
        if (message.isInterim() || status == 204 || status == 304 || requestMethod == "HEAD")
            bodyLength = 0;
        else if (!contentLength)
            return fail(QStringLiteral("response without Content-Length"));
    }
    if (bodyLength > kMaxBodyBytes)
        return fail(QStringLiteral("body larger than %1 bytes").arg(kMaxBodyBytes));
    message.bodyOffset = headEnd + 4;
    const qsizetype total = message.bodyOffset + bodyLength;
    if (m_buffer.size() < total)
        return std::nullopt;
    message.bytes = m_buffer.left(total);
    m_buffer.remove(0, total);
    return message;
}
