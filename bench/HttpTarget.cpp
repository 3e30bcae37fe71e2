#include "bench/HttpTarget.h"

#include <QUrl>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <unistd.h>

QString HttpTarget::parse(const QString &text)
{
    const QUrl url(text);
    if (!url.isValid() || url.scheme() != QLatin1String("http") || url.port() <= 0)
        return QStringLiteral("expected http://HOST:PORT, got \"%1\"").arg(text);
    QString host = url.host();
    if (host == QLatin1String("localhost"))
        host = QStringLiteral("127.0.0.1");
    m_host = host;
    m_port = quint16(url.port());
    m_address = {};
    auto *v4 = reinterpret_cast<sockaddr_in *>(&m_address);
    auto *v6 = reinterpret_cast<sockaddr_in6 *>(&m_address);
    if (inet_pton(AF_INET, host.toLatin1().constData(), &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons(m_port);
        m_addressLength = sizeof(sockaddr_in);
        m_hostHeader = host.toLatin1() + ':' + QByteArray::number(m_port);
    } else if (inet_pton(AF_INET6, host.toLatin1().constData(), &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons(m_port);
        m_addressLength = sizeof(sockaddr_in6);
        m_hostHeader = '[' + host.toLatin1() + "]:" + QByteArray::number(m_port);
    } else {
        return QStringLiteral("the host must be a numeric address or localhost: \"%1\"").arg(host);
    }
    return {};
}

QString HttpTarget::url() const { return QStringLiteral("http://") + QString::fromLatin1(m_hostHeader); }

int HttpTarget::connectSocket() const
{
    const int fd = ::socket(m_address.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return -1;
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&m_address), m_addressLength) != 0) {
        ::close(fd);
        return -1;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

QByteArray HttpTarget::request(const QByteArray &method, const QByteArray &path, const QByteArray &token,
                               const QByteArray &body, const QList<QPair<QByteArray, QByteArray>> &headers) const
{
    QByteArray out = method + ' ' + path + " HTTP/1.1\r\nHost: " + m_hostHeader + "\r\n";
    if (!token.isEmpty())
        out += "Authorization: Bearer " + token + "\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    if (!body.isEmpty())
        out += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
    else if (method != "GET")
        out += "Content-Length: 0\r\n";
    return out + "\r\n" + body;
}
