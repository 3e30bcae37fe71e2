#include "runtime/ServerConfig.h"

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
    const QCommandLineOption listen(QStringLiteral("listen"), QStringLiteral("Address to listen on (default 127.0.0.1:8080; port 0 picks a free port)."),
                                    QStringLiteral("HOST:PORT"));
    const QCommandLineOption db(QStringLiteral("db"), QStringLiteral("SQLite database file (default bank.db)."), QStringLiteral("FILE"));
    const QCommandLineOption url(QStringLiteral("database-url"), QStringLiteral("PostgreSQL database instead of SQLite."),
                                 QStringLiteral("postgresql://USER@HOST:PORT/DB"));
    const QCommandLineOption seed(QStringLiteral("seed-demo"), QStringLiteral("Seed demo users and accounts into an empty database."));
    const QCommandLineOption ttl(QStringLiteral("key-ttl"), QStringLiteral("Idempotency key lifetime (default 86400, at most 3153600000: 100 years)."), QStringLiteral("SECONDS"));
    const QCommandLineOption clientKeys(QStringLiteral("accept-client-keys"),
                                        QStringLiteral("Register unknown well-formed keys to the caller on first use."));
    const QCommandLineOption allowedHost(QStringLiteral("allowed-host"), QStringLiteral("Also accept this Host header name (repeatable; * for any)."),
                                         QStringLiteral("NAME"));
    const QCommandLineOption delay(QStringLiteral("processing-delay-ms"),
                                   QStringLiteral("Hold each new transfer this long before executing it (demonstrations)."), QStringLiteral("N"));
    const QCommandLineOption demoUnsafe(QStringLiteral("demo-unsafe"),
                                        QStringLiteral("Also serve POST /v1/demo/unsafe-transfers, which moves money without an"
                                                       " idempotency key (teaching demonstrations only)."));
    const QCommandLineOption grace(QStringLiteral("purge-grace"),
                                   QStringLiteral("Keep expired keys this long before purging them (default 3600, at most 3153600000)."), QStringLiteral("SECONDS"));
    parser.addOptions({listen, db, url, seed, ttl, clientKeys, allowedHost, delay, demoUnsafe, grace});

    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(help)) {
        if (informational)
            *informational = parser.helpText();
        return usage(QStringLiteral("help requested"));
    }
    if (!parser.positionalArguments().isEmpty())
        return usage(QStringLiteral("unexpected argument: %1").arg(parser.positionalArguments().constFirst()));

    ServerConfig config;
    if (parser.isSet(listen) && !parseListen(parser.value(listen), config.listenAddress, config.port))
        return usage(QStringLiteral("--listen: expected HOST:PORT, got \"%1\"").arg(parser.value(listen)));
    if (parser.isSet(db))
        config.databasePath = parser.value(db);
    config.databaseUrl = parser.value(url);
    config.seedDemo = parser.isSet(seed);
    config.acceptClientKeys = parser.isSet(clientKeys);
    config.allowedHosts = parser.values(allowedHost);
    config.demoUnsafe = parser.isSet(demoUnsafe);
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
    if (const auto database = config.database(); !database)
        return database.problem();
    return config;
}
