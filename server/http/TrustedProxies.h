#pragma once

#include "server/http/HttpRequest.h"

#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

// The reverse proxies (by CIDR) whose Forwarded (RFC 7239 for=) or X-Forwarded-For header says
// who the client is. Anyone else can write those headers too, so they are read only when the TCP
// peer is one of these proxies; with none configured the client is always the TCP peer.
class TrustedProxies
{
public:
    using Subnet = QPair<QHostAddress, int>;

    TrustedProxies() = default;
    explicit TrustedProxies(QList<Subnet> subnets);

    // "10.0.0.0/8", "2001:db8::/32", or a single address; nullopt if it is none of these.
    static std::optional<Subnet> parseCidr(const QString &text);

    bool isEmpty() const { return m_subnets.isEmpty(); }
    bool contains(const QHostAddress &address) const;
    // The peer, unless it is a trusted proxy: then, walking the forwarded chain from its end,
    // the first address that is not a trusted proxy (a hop that cannot be read stops the walk
    // at the last trusted proxy, which is then the client as far as anyone can tell).
    QHostAddress clientAddress(const HttpRequest &request) const;

private:
    QList<Subnet> m_subnets;
};
