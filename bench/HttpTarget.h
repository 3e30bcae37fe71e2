#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

#include <sys/socket.h>

// Where the load goes (a loopback address and port) and how its requests are spelled.
class HttpTarget
{
public:
    HttpTarget() = default;
    // http://HOST:PORT with a numeric host or localhost; empty string or the reason it is not one.
    QString parse(const QString &url);

    QString url() const;
    QString host() const { return m_host; }
    quint16 port() const { return m_port; }

    // A connected blocking TCP socket with Nagle off, or -1.
    int connectSocket() const;

    // A complete request. `token` adds the bearer header; a non-empty body is sent as JSON.
    QByteArray request(const QByteArray &method, const QByteArray &path, const QByteArray &token = {},
                       const QByteArray &body = {}, const QList<QPair<QByteArray, QByteArray>> &headers = {}) const;

private:
    sockaddr_storage m_address{};
    socklen_t m_addressLength = 0;
    QString m_host; // numeric
    QByteArray m_hostHeader;
    quint16 m_port = 0;
};
