#include "server/http/TrustedProxies.h"

#include <QByteArrayList>

namespace {

// Every value of a header, in order, split at commas (RFC 9110, section 5.3: one list).
QByteArrayList listValues(const HttpRequest &request, QByteArrayView name)
{
    QByteArrayList items;
    for (const auto &[headerName, value] : request.headers) {
        if (headerName == name) {
            for (const QByteArray &item : value.split(','))
                items.append(item.trimmed());
        }
    }
    return items;
}

// A node as proxies write it: 192.0.2.1, 192.0.2.1:4711, [2001:db8::1], [2001:db8::1]:4711, a
// bare IPv6 address, optionally quoted. "unknown" and obfuscated names are no address.
std::optional<QHostAddress> parseNode(QByteArray node)
{
    if (node.size() >= 2 && node.startsWith('"') && node.endsWith('"'))
        node = node.mid(1, node.size() - 2);
    if (node.startsWith('[')) {
        const qsizetype end = node.indexOf(']');
        if (end < 0)
            return std::nullopt;
        node = node.mid(1, end - 1);
    } else if (node.count(':') == 1) {
        node.truncate(node.indexOf(':'));
    }
    QHostAddress address;
    if (node.isEmpty() || !address.setAddress(QString::fromLatin1(node)) || !address.scopeId().isEmpty())
        return std::nullopt;
    return address;
}

// The for= parameter of a Forwarded element ("for=192.0.2.60;proto=http;by=203.0.113.43").
QByteArray forParameter(const QByteArray &element)
{
    for (const QByteArray &pair : element.split(';')) {
        const QByteArray trimmed = pair.trimmed();
        if (trimmed.size() > 4 && trimmed.first(4).compare("for=", Qt::CaseInsensitive) == 0)
            return trimmed.mid(4);
    }
    return {};
}

} // namespace

TrustedProxies::TrustedProxies(QList<Subnet> subnets) : m_subnets(std::move(subnets)) {}

std::optional<TrustedProxies::Subnet> TrustedProxies::parseCidr(const QString &text)
{
    QHostAddress address;
    if (!address.setAddress(text.section(u'/', 0, 0)))
        return std::nullopt;
    if (!text.contains(u'/'))
        return Subnet{address, address.protocol() == QAbstractSocket::IPv4Protocol ? 32 : 128};
    // Checked above: parseSubnet() alone accepts "/8", with no address at all.
    const Subnet subnet = QHostAddress::parseSubnet(text);
    if (subnet.first.isNull() || subnet.second < 0)
        return std::nullopt;
    return subnet;
}

bool TrustedProxies::contains(const QHostAddress &address) const
{
    // A dual-stack listener sees IPv4 peers as ::ffff:a.b.c.d; they match IPv4 subnets.
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    const QHostAddress plain = isV4 ? QHostAddress(v4) : address;
    for (const Subnet &subnet : m_subnets) {
        if (plain.isInSubnet(subnet))
            return true;
    }
    return false;
}

QHostAddress TrustedProxies::clientAddress(const HttpRequest &request) const
{
    QHostAddress client = request.peerAddress;
    if (!contains(client))
        return client;
    QByteArrayList hops;
    if (request.hasHeader("forwarded")) {
        for (const QByteArray &element : listValues(request, "forwarded"))
            hops.append(forParameter(element));
    } else {
        hops = listValues(request, "x-forwarded-for");
    }
    for (auto hop = hops.crbegin(); hop != hops.crend() && contains(client); ++hop) {
        const auto address = parseNode(*hop);
        if (!address)
            break;
        client = *address;
    }
    return client;
}
