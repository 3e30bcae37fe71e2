#pragma once

#include "server/auth/UserQuotas.h"
#include "server/http/HttpServerLimits.h"
#include "server/http/TrustedProxies.h"
#include "server/storage/DatabaseConfig.h"
#include "shared/core/Result.h"

#include <QHostAddress>
#include <QMap>
#include <QStringList>

// Everything a bank server instance is started with; filled from the command line by
// bank-server and directly by the desktop client and the tests.
struct ServerConfig
{
    // The longest --key-ttl and --purge-grace: they become milliseconds added to (or taken from)
    // the clock, and a hundred years keeps both, and every expires_at, far inside qint64 and an
    // ISO 8601 timestamp. A longer one is refused instead of wrapping around.
    static constexpr qint64 kMaxDurationSeconds = 100LL * 365 * 86'400;

    QHostAddress listenAddress = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 8080;
    QString databasePath = QStringLiteral("bank.db");
    QString databaseUrl; // postgresql://...; overrides databasePath
    bool seedDemo = false;
    // The demo users' passwords when seedDemo seeds (DemoSeed::Passwords); empty: the documented ones.
    QMap<QString, QString> demoPasswords;
    // With seedDemo, demo users that exist already get demoPasswords too (bank-app --demo-password).
    bool resetDemoPasswords = false;
    // Every request must carry it in X-Integrated-Secret or is refused with 401 before routing: the
    // desktop app's integrated server. Empty (bank-server): none needed.
    QByteArray requiredSecret;
    qint64 keyTtlSeconds = 86'400;
    bool acceptClientKeys = false;
    QStringList allowedHosts;
    int processingDelayMs = 0;
    // Serves POST /v1/demo/unsafe-transfers (no idempotency key; teaching demonstrations only).
    bool demoUnsafe = false;
    int readerThreads = 4;
    int purgeIntervalMs = 60'000;
    // Expired keys stay (answering "expired") this long before the purge deletes them.
    qint64 purgeGraceSeconds = 3'600;
    HttpServerLimits limits;
    // Reverse proxies whose Forwarded/X-Forwarded-For header names the client (throttle, log).
    TrustedProxies trustedProxies;
    // GET /metrics is served only on this listener (port 0: any free port), never on the API's
    // port; a null address: not at all.
    QHostAddress metricsAddress;
    quint16 metricsPort = 0;
    UserQuotas quotas; // per-user limits on unused keys, sessions and writes

    Result<DatabaseConfig> database() const;

    // Parses bank-server's arguments (without the program name handled by the caller). On
    // --help/--version, `informational` receives the text to print and the result is a problem.
    static Result<ServerConfig> fromArguments(const QStringList &arguments, QString *informational = nullptr);
};
