// TrustedProxies on its own: which peer may name the client, how Forwarded and X-Forwarded-For
// are read, and that a client cannot slip a fake address past the trusted proxy's entry.
#include "server/http/TrustedProxies.h"

#include <QTest>

namespace {

using Headers = QList<QPair<QByteArray, QByteArray>>;

HttpRequest requestFrom(const QString &peer, const Headers &headers)
{
    HttpRequest request;
    request.peerAddress = QHostAddress(peer);
    request.headers = headers;
    return request;
}

TrustedProxies trusting(const QStringList &cidrs)
{
    QList<TrustedProxies::Subnet> subnets;
    for (const QString &cidr : cidrs)
        subnets.append(*TrustedProxies::parseCidr(cidr));
    return TrustedProxies(subnets);
}

} // namespace

class TestTrustedProxies : public QObject
{
    Q_OBJECT
private slots:
    void parsesCidrsAndSingleAddresses()
    {
        QCOMPARE(TrustedProxies::parseCidr(QStringLiteral("10.0.0.0/8")),
                 std::optional(TrustedProxies::Subnet{QHostAddress(QStringLiteral("10.0.0.0")), 8}));
        QCOMPARE(TrustedProxies::parseCidr(QStringLiteral("192.0.2.7"))->second, 32);
        QCOMPARE(TrustedProxies::parseCidr(QStringLiteral("2001:db8::/32"))->second, 32);
        QCOMPARE(TrustedProxies::parseCidr(QStringLiteral("::1"))->second, 128);
        for (const char *bad : {"", "10.0.0.0/33", "proxy.example", "10.0.0.0/x", "/8"})
            QVERIFY2(!TrustedProxies::parseCidr(QString::fromLatin1(bad)), bad);
    }

    void headersAreIgnoredFromAnUntrustedPeer_data()
    {
        QTest::addColumn<QByteArray>("header");
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("X-Forwarded-For") << QByteArray("x-forwarded-for") << QByteArray("203.0.113.9");
        QTest::newRow("Forwarded") << QByteArray("forwarded") << QByteArray("for=203.0.113.9");
    }
    void headersAreIgnoredFromAnUntrustedPeer()
    {
        QFETCH(QByteArray, header);
        QFETCH(QByteArray, value);
        const HttpRequest request = requestFrom(QStringLiteral("198.51.100.1"), {{header, value}});
        QCOMPARE(TrustedProxies().clientAddress(request), QHostAddress(QStringLiteral("198.51.100.1")));
        QCOMPARE(trusting({QStringLiteral("10.0.0.0/8")}).clientAddress(request),
                 QHostAddress(QStringLiteral("198.51.100.1")));
    }

    void readsTheForwardedChainFromItsEnd_data()
    {
        QTest::addColumn<Headers>("headers");
        QTest::addColumn<QString>("client");
        QTest::newRow("xff one hop") << Headers{{"x-forwarded-for", "203.0.113.9"}} << QStringLiteral("203.0.113.9");
        // The client wrote the first entry; the proxy appended the address it saw.
        QTest::newRow("xff forged first entry")
            << Headers{{"x-forwarded-for", "1.2.3.4, 203.0.113.9"}} << QStringLiteral("203.0.113.9");
        // Two trusted proxies in a row: the one before them is the client.
        QTest::newRow("xff through two proxies")
            << Headers{{"x-forwarded-for", "1.2.3.4, 203.0.113.9, 10.1.2.3"}} << QStringLiteral("203.0.113.9");
        QTest::newRow("xff in two header lines")
            << Headers{{"x-forwarded-for", "1.2.3.4"}, {"x-forwarded-for", "203.0.113.9"}}
            << QStringLiteral("203.0.113.9");
        QTest::newRow("xff with a port") << Headers{{"x-forwarded-for", "203.0.113.9:4711"}}
                                         << QStringLiteral("203.0.113.9");
        QTest::newRow("xff ipv6") << Headers{{"x-forwarded-for", "2001:db8::17"}} << QStringLiteral("2001:db8::17");
        QTest::newRow("forwarded") << Headers{{"forwarded", "for=192.0.2.60;proto=http;by=203.0.113.43"}}
                                   << QStringLiteral("192.0.2.60");
        QTest::newRow("forwarded ipv6 quoted with port")
            << Headers{{"forwarded", "For=\"[2001:db8:cafe::17]:4711\""}} << QStringLiteral("2001:db8:cafe::17");
        QTest::newRow("forwarded list") << Headers{{"forwarded", "for=1.2.3.4, for=192.0.2.60"}}
                                        << QStringLiteral("192.0.2.60");
        // Forwarded wins over X-Forwarded-For when both are there.
        QTest::newRow("forwarded over xff")
            << Headers{{"x-forwarded-for", "1.2.3.4"}, {"forwarded", "for=192.0.2.60"}} << QStringLiteral("192.0.2.60");
        // What cannot be read stops the walk at the last trusted proxy.
        QTest::newRow("forwarded unknown") << Headers{{"forwarded", "for=unknown"}} << QStringLiteral("10.0.0.1");
        QTest::newRow("forwarded obfuscated")
            << Headers{{"forwarded", "for=_hidden, for=10.1.2.3"}} << QStringLiteral("10.1.2.3");
        QTest::newRow("xff garbage") << Headers{{"x-forwarded-for", "203.0.113.9, not-an-address"}}
                                     << QStringLiteral("10.0.0.1");
        QTest::newRow("no header") << Headers{} << QStringLiteral("10.0.0.1");
    }
    void readsTheForwardedChainFromItsEnd()
    {
        QFETCH(Headers, headers);
        QFETCH(QString, client);
        const HttpRequest request = requestFrom(QStringLiteral("10.0.0.1"), headers);
        QCOMPARE(trusting({QStringLiteral("10.0.0.0/8")}).clientAddress(request), QHostAddress(client));
    }

    void anIpv4MappedPeerMatchesAnIpv4Subnet()
    {
        const HttpRequest request
            = requestFrom(QStringLiteral("::ffff:127.0.0.1"), {{"x-forwarded-for", "203.0.113.9"}});
        QCOMPARE(trusting({QStringLiteral("127.0.0.0/8")}).clientAddress(request),
                 QHostAddress(QStringLiteral("203.0.113.9")));
    }
};

QTEST_GUILESS_MAIN(TestTrustedProxies)
#include "tst_trustedproxies.moc"
