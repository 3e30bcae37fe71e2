#include "shared/httpframing/HttpMessage.h"

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

QByteArray HttpMessage::headerIn(const Headers &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

int HttpMessage::status() const
{
    const QList<QByteArray> parts = startLine.split(' ');
    if (parts.size() < 2 || !parts[0].startsWith("HTTP/"))
        return 0;
    bool ok = false;
    const int code = parts[1].toInt(&ok);
    return ok && code >= 100 && code <= 999 ? code : 0;
}

bool HttpMessage::isInterim() const
{
    const int code = status();
    return code >= 100 && code < 200;
}

bool HttpMessage::closesConnection() const
{
    const QByteArray connection = header("connection");
    if (hasToken(connection, "close"))
        return true;
    // HTTP/1.0 closes unless asked to keep the connection; the version ends a request line and
    // starts a status line.
    const bool http10 = startLine.startsWith("HTTP/1.0") || startLine.endsWith("HTTP/1.0");
    return http10 && !hasToken(connection, "keep-alive");
}
