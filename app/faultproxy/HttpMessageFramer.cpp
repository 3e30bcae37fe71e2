#include "HttpMessageFramer.h"

namespace {

bool hasToken(const QByteArray &list, QByteArrayView token)
{
    for (const QByteArray &item : list.split(',')) {
        if (token.compare(item.trimmed(), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

} // namespace

QByteArray HttpMessageFramer::Message::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

int HttpMessageFramer::Message::status() const
{
    const QList<QByteArray> parts = startLine.split(' ');
    if (parts.size() < 2 || !parts[0].startsWith("HTTP/"))
        return 0;
    bool ok = false;
    const int code = parts[1].toInt(&ok);
    return ok && code >= 100 && code <= 999 ? code : 0;
}

bool HttpMessageFramer::Message::isInterim() const
{
    const int code = status();
    return code >= 100 && code < 200;
}

bool HttpMessageFramer::Message::closesConnection() const
{
    const QByteArray connection = header("connection");
    if (hasToken(connection, "close"))
        return true;
    // HTTP/1.0 closes unless asked to keep the connection; the version ends a request line and
    // starts a status line.
    const bool http10 = startLine.startsWith("HTTP/1.0") || startLine.endsWith("HTTP/1.0");
    return http10 && !hasToken(connection, "keep-alive");
}

std::optional<HttpMessageFramer::Message> HttpMessageFramer::fail(const QString &reason)
{
    m_error = reason;
    m_buffer.clear();
    return std::nullopt;
}

std::optional<HttpMessageFramer::Message> HttpMessageFramer::take(QByteArrayView requestMethod)
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

    Message message;
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
