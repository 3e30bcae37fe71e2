#include "app/client/connection/ServerSettings.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QSettings>

namespace {
const QString kModeKey = QStringLiteral("server/mode");
const QString kRemoteUrlKey = QStringLiteral("server/remoteUrl");
const QString kAllowInsecureHttpKey = QStringLiteral("server/allowInsecureHttp");
const QString kRemote = QStringLiteral("remote");
const QString kIntegrated = QStringLiteral("integrated");
} // namespace

ServerSettings ServerSettings::load(const QSettings &settings)
{
    ServerSettings loaded;
    loaded.remoteUrl = parseRemoteUrl(settings.value(kRemoteUrlKey).toString()).value_or(QUrl());
    if (settings.value(kModeKey).toString() == kRemote && loaded.remoteUrl.isValid())
        loaded.mode = Mode::Remote;
    loaded.allowInsecureHttp = settings.value(kAllowInsecureHttpKey, false).toBool();
    return loaded;
}

void ServerSettings::save(QSettings &settings) const
{
    settings.setValue(kModeKey, mode == Mode::Remote ? kRemote : kIntegrated);
    settings.setValue(kRemoteUrlKey, remoteUrl.toString());
    settings.setValue(kAllowInsecureHttpKey, allowInsecureHttp);
}

std::optional<QUrl> ServerSettings::parseRemoteUrl(const QString &text)
{
    const QUrl url(text.trimmed(), QUrl::StrictMode);
    const bool httpScheme = url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https");
    if (!url.isValid() || !httpScheme || url.host().isEmpty() || !url.query().isEmpty() || !url.fragment().isEmpty()
        || !url.userInfo().isEmpty())
        return std::nullopt;
    return url;
}

bool ServerSettings::isLoopbackHost(const QString &host)
{
    return host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0 || QHostAddress(host).isLoopback();
}

bool ServerSettings::isCleartextRemote(const QUrl &url)
{
    return url.scheme() == QLatin1String("http") && !isLoopbackHost(url.host());
}

QString ServerSettings::transportRefusal(const QUrl &url, bool allowInsecureHttp)
{
    if (!isCleartextRemote(url) || allowInsecureHttp)
        return {};
    return QCoreApplication::translate(
               "ServerSettings",
               "%1 is not on this computer, and http:// would send your password and your session to it "
               "unencrypted, for anyone on the network to read and reuse. Use https://%1 instead, or "
               "explicitly allow an insecure connection.")
        .arg(url.host());
}
