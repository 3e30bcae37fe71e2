#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>

// One parsed HTTP/1.1 request. Header names are lower-cased by the parser.
struct HttpRequest
{
    QByteArray method;
    QByteArray target;    // as sent: path plus optional ?query
    QByteArray path;      // percent-decoded, without the query
    QByteArray query;     // raw, without '?'
    int minorVersion = 1; // HTTP/1.x
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;
    QHostAddress peerAddress;
    QHostAddress clientAddress; // the peer, or whom a trusted proxy forwarded for (TrustedProxies)
    qint64 receivedAtUs = 0;    // monotonic clock, for the request log's duration

    // The first value of a header (name in any case), or a null QByteArray.
    QByteArray header(QByteArrayView name) const;
    // Every value of a header, in the order sent: a field sent twice gives two values, which a
    // caller that must not guess (which one would a proxy have used?) can refuse.
    QList<QByteArray> headerValues(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
    // The decoded value of a query parameter, or a null QString.
    QString queryItem(const QString &name) const;
};
