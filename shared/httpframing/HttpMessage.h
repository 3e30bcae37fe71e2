#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>

// One HTTP/1.1 request or response as HttpMessageFramer cut it out of a byte stream.
struct HttpMessage
{
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    QByteArray bytes; // the whole message as received: head and body
    QByteArray startLine;
    Headers headers; // in order, names as sent
    qsizetype bodyOffset = 0;

    // The first value of `name` in `headers` (names compare case-insensitively), null if absent.
    static QByteArray headerIn(const Headers &headers, QByteArrayView name);

    QByteArray header(QByteArrayView name) const { return headerIn(headers, name); }
    QByteArray body() const { return bytes.mid(bodyOffset); }
    // Responses: the status code, 0 if the status line is malformed.
    int status() const;
    // Responses: 1xx, an interim answer before the final one.
    bool isInterim() const;
    // The sender closes the connection after this message.
    bool closesConnection() const;
};
