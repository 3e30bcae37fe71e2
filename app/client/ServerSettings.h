#pragma once

#include <QString>
#include <QUrl>

#include <optional>

class QSettings;

// Which bank the app talks to, as chosen in Settings: the server it runs itself, or a remote one.
struct ServerSettings
{
    enum class Mode { Integrated, Remote };

    Mode mode = Mode::Integrated;
    QUrl remoteUrl;

    static ServerSettings load(const QSettings &settings);
    void save(QSettings &settings) const;

    // "http://host:port" or "https://host"; nullopt for anything else.
    static std::optional<QUrl> parseRemoteUrl(const QString &text);
};
