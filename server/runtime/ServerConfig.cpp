#include "server/runtime/ServerConfig.h"

#include <QCommandLineParser>
#include <QCoreApplication>

namespace {

Problem usage(const QString &detail) { return Problem(ProblemCode::ValidationFailed, detail); }

bool parseListen(const QString &text, QHostAddress &address, quint16 &port)
{
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon <= 0)
        return false;
    QString host = text.left(colon);
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    if (host == QLatin1String("localhost"))
        host = QStringLiteral("127.0.0.1");
    bool ok = false;
    const uint value = text.mid(colon + 1).toUInt(&ok);
    if (!ok || value > 65535 || !address.setAddress(host))
        return false;
    port = quint16(value);
    return true;
}

} // namespace

Result<DatabaseConfig> ServerConfig::database() const
{
    if (!databaseUrl.isEmpty())
        return DatabaseConfig::fromUrl(databaseUrl);
    return DatabaseConfig::sqlite(databasePath);
}

Result<ServerConfig> ServerConfig::fromArguments(const QStringList &arguments, QString *informational)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("The exactly-once bank's HTTP server."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption listen(
        QStringLiteral("listen"),
        QStringLiteral("Address to listen on (default 127.0.0.1:8080; port 0 picks a free port)."),
        QStringLiteral("HOST:PORT"));
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("SQLite database file (default bank.db)."),
                                QStringLiteral("FILE"));
    const QCommandLineOption url(QStringLiteral("database-url"),
                                 QStringLiteral("PostgreSQL database instead of SQLite; HOST:PORT,HOST:PORT with "
                                                "?target_session_attrs=read-write for a primary and its standby."),
                                 QStringLiteral("postgresql://USER@HOST:PORT/DB"));
    const QCommandLineOption seed(QStringLiteral("seed-demo"),
                                  QStringLiteral("Seed demo users and accounts into an empty database."));
    const QCommandLineOption ttl(
        QStringLiteral("key-ttl"),
        QStringLiteral("Idempotency key lifetime (default 86400, at most 3153600000: 100 years)."),
        QStringLiteral("SECONDS"));
    const QCommandLineOption clientKeys(
        QStringLiteral("accept-client-keys"),
        QStringLiteral("Register unknown well-formed keys to the caller on first use."));
    const QCommandLineOption allowedHost(QStringLiteral("allowed-host"),
                                         QStringLiteral("Also accept this Host header name (repeatable; * for any)."),
                                         QStringLiteral("NAME"));
    const QCommandLineOption delay(
        QStringLiteral("processing-delay-ms"),
        QStringLiteral("Hold each new transfer this long before executing it (demonstrations)."), QStringLiteral("N"));
    const QCommandLineOption demoUnsafe(
        QStringLiteral("demo-unsafe"),
        QStringLiteral(
            "Also serve POST /v1/demo/unsafe-transfers, which moves money without an"
            " idempotency key (teaching demonstrations only; refused unless --listen is a loopback address)."));
    const QCommandLineOption grace(
        QStringLiteral("purge-grace"),
        QStringLiteral("Keep expired keys this long before purging them (default 3600, at most 3153600000)."),
        QStringLiteral("SECONDS"));
    const QCommandLineOption purgeInterval(
        QStringLiteral("purge-interval-ms"),
        QStringLiteral("Look for keys and sessions to purge this often (default 60000)."), QStringLiteral("N"));
    const QCommandLineOption trustedProxy(
        QStringLiteral("trusted-proxy"),
        QStringLiteral("Take the client's address from Forwarded/X-Forwarded-For when the"
                       " connection comes from this reverse proxy (repeatable)."),
        QStringLiteral("CIDR"));
    const QCommandLineOption metricsListen(
        QStringLiteral("metrics-listen"),
        QStringLiteral("Serve GET /metrics on this address only (default: not at all)."), QStringLiteral("HOST:PORT"));
    parser.addOptions({listen, db, url, seed, ttl, clientKeys, allowedHost, delay, demoUnsafe, grace, purgeInterval,
                       trustedProxy, metricsListen});
    const UserQuotas quotaDefaults;
    const QCommandLineOption maxUnusedKeys(
        QStringLiteral("max-unused-keys"),
        QStringLiteral("Refuse a user more keys while they hold this many unused ones (default %1; 0: no limit).")
            .arg(quotaDefaults.maxUnusedKeys),
        QStringLiteral("N"));
    const QCommandLineOption maxSessions(
        QStringLiteral("max-sessions"),
        QStringLiteral("Live sessions per user; a sign-in beyond them is refused (default %1; 0: no limit).")
            .arg(quotaDefaults.maxSessions),
        QStringLiteral("N"));
    const QCommandLineOption writeRate(
        QStringLiteral("write-rate"),
        QStringLiteral("Writes per second per user, per instance (default %1; 0: no limit).")
            .arg(quotaDefaults.writesPerSecond),
        QStringLiteral("N"));
    const QCommandLineOption writeBurst(
        QStringLiteral("write-burst"),
        QStringLiteral("Writes a user may make at once before --write-rate applies (default %1).")
            .arg(quotaDefaults.writeBurst),
        QStringLiteral("N"));
    parser.addOptions({maxUnusedKeys, maxSessions, writeRate, writeBurst});

    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(help) || parser.isSet(version)) {
        if (informational)
            *informational = parser.isSet(help)
                ? parser.helpText()
                : QStringLiteral("bank-server %1\n").arg(QCoreApplication::applicationVersion());
        return usage(QStringLiteral("informational"));
    }
    if (!parser.positionalArguments().isEmpty())
        return usage(QStringLiteral("unexpected argument: %1").arg(parser.positionalArguments().constFirst()));

    ServerConfig config;
    if (parser.isSet(listen) && !parseListen(parser.value(listen), config.listenAddress, config.port))
        return usage(QStringLiteral("--listen: expected HOST:PORT, got \"%1\"").arg(parser.value(listen)));
    if (parser.isSet(metricsListen)
        && !parseListen(parser.value(metricsListen), config.metricsAddress, config.metricsPort))
        return usage(
            QStringLiteral("--metrics-listen: expected HOST:PORT, got \"%1\"").arg(parser.value(metricsListen)));
    QList<TrustedProxies::Subnet> proxies;
    for (const QString &cidr : parser.values(trustedProxy)) {
        const auto subnet = TrustedProxies::parseCidr(cidr);
        if (!subnet)
            return usage(QStringLiteral("--trusted-proxy: expected an address or CIDR such as 10.0.0.0/8, got \"%1\"")
                             .arg(cidr));
        proxies.append(*subnet);
    }
    config.trustedProxies = TrustedProxies(proxies);
    if (parser.isSet(db))
        config.databasePath = parser.value(db);
    config.databaseUrl = parser.value(url);
    config.seedDemo = parser.isSet(seed);
    config.acceptClientKeys = parser.isSet(clientKeys);
    config.allowedHosts = parser.values(allowedHost);
    config.demoUnsafe = parser.isSet(demoUnsafe);
    // The unsafe endpoint moves money without a key: a demonstration for this machine only.
    if (config.demoUnsafe && !config.listenAddress.isLoopback())
        return usage(QStringLiteral("--demo-unsafe: only with a loopback --listen address (127.0.0.1 or ::1), not %1")
                         .arg(config.listenAddress.toString()));
    auto number = [&parser](const QCommandLineOption &option, qint64 min, qint64 max, qint64 &target) {
        if (!parser.isSet(option))
            return true;
        bool ok = false;
        const qint64 value = parser.value(option).toLongLong(&ok);
        if (!ok || value < min || value > max)
            return false;
        target = value;
        return true;
    };
    const QString maxDuration = QString::number(kMaxDurationSeconds);
    if (!number(ttl, 1, kMaxDurationSeconds, config.keyTtlSeconds))
        return usage(QStringLiteral("--key-ttl: expected 1 to %1 seconds (100 years)").arg(maxDuration));
    qint64 delayMs = 0;
    if (!number(delay, 0, 600'000, delayMs))
        return usage(QStringLiteral("--processing-delay-ms: expected 0 to 600000"));
    config.processingDelayMs = int(delayMs);
    if (!number(grace, 0, kMaxDurationSeconds, config.purgeGraceSeconds))
        return usage(QStringLiteral("--purge-grace: expected 0 to %1 seconds (100 years)").arg(maxDuration));
    qint64 purgeIntervalMs = config.purgeIntervalMs;
    if (!number(purgeInterval, 10, 86'400'000, purgeIntervalMs))
        return usage(QStringLiteral("--purge-interval-ms: expected 10 to 86400000"));
    config.purgeIntervalMs = int(purgeIntervalMs);
    struct QuotaOption
    {
        const QCommandLineOption &option;
        qint64 min;
        int &target;
    };
    for (const QuotaOption &quota : {QuotaOption{maxUnusedKeys, 0, config.quotas.maxUnusedKeys},
                                     QuotaOption{maxSessions, 0, config.quotas.maxSessions},
                                     QuotaOption{writeRate, 0, config.quotas.writesPerSecond},
                                     QuotaOption{writeBurst, 1, config.quotas.writeBurst}}) {
        qint64 value = quota.target;
        if (!number(quota.option, quota.min, 1'000'000, value))
            return usage(QStringLiteral("--%1: expected a whole number from %2 to 1000000")
                             .arg(quota.option.names().constFirst())
                             .arg(quota.min));
        quota.target = int(value);
    }
    if (const auto database = config.database(); !database)
        return database.problem();
    return config;
}
