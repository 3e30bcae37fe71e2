#include "HttpReplyParser.h"

QByteArray HttpReply::header(QByteArrayView name) const
{
    qsizetype lineStart = head.indexOf("\r\n");
    while (lineStart >= 0) {
        lineStart += 2;
        const qsizetype lineEnd = head.indexOf("\r\n", lineStart);
        const QByteArrayView line = QByteArrayView(head).sliced(lineStart, (lineEnd < 0 ? head.size() : lineEnd) - lineStart);
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.first(colon).compare(name, Qt::CaseInsensitive) == 0)
            return line.sliced(colon + 1).trimmed().toByteArray();
        lineStart = lineEnd;
    }
    return {};
}

HttpReplyParser::Status HttpReplyParser::take(HttpReply &reply)
{
    const qsizetype headEnd = m_buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return m_buffer.size() > 64 * 1024 ? Status::Malformed : Status::Incomplete;
    HttpReply parsed;
    parsed.head = m_buffer.left(headEnd);
    if (!parsed.head.startsWith("HTTP/1.1 ") || parsed.head.size() < 12)
        return Status::Malformed;
    bool ok = false;
    parsed.status = parsed.head.mid(9, 3).toInt(&ok);
    const qsizetype length = parsed.header("content-length").toLongLong(&ok);
    if (!ok || length < 0)
        return Status::Malformed;
    const qsizetype total = headEnd + 4 + length;
    if (m_buffer.size() < total)
        return Status::Incomplete;
    parsed.body = m_buffer.mid(headEnd + 4, length);
    m_buffer.remove(0, total);
    reply = std::move(parsed);
    return Status::Complete;
}
