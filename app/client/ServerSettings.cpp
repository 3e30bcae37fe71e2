#include "ServerSettings.h"

#include <QSettings>

namespace {
const QString kModeKey = QStringLiteral("server/mode");
const QString kRemoteUrlKey = QStringLiteral("server/remoteUrl");
const QString kRemote = QStringLiteral("remote");
const QString kIntegrated = QStringLiteral("integrated");
}

ServerSettings ServerSettings::load(const QSettings &settings)
{
    ServerSettings loaded;
    loaded.remoteUrl = parseRemoteUrl(settings.value(kRemoteUrlKey).toString()).value_or(QUrl());
    if (settings.value(kModeKey).toString() == kRemote && loaded.remoteUrl.isValid())
        loaded.mode = Mode::Remote;
    return loaded;
}

void ServerSettings::save(QSettings &settings) const
{
    settings.setValue(kModeKey, mode == Mode::Remote ? kRemote : kIntegrated);
    settings.setValue(kRemoteUrlKey, remoteUrl.toString());
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
