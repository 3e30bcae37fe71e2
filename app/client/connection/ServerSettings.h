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
    // The user chose to send the password and the session in clear text to a remote http:// server
    // that is not on this computer. Off, such a server is refused (transportRefusal).
    bool allowInsecureHttp = false;

    static ServerSettings load(const QSettings &settings);
    void save(QSettings &settings) const;

    // "http://host:port" or "https://host"; nullopt for anything else.
    static std::optional<QUrl> parseRemoteUrl(const QString &text);
    // 127.0.0.0/8, ::1 or localhost: traffic that never leaves this computer.
    static bool isLoopbackHost(const QString &host);
    // http:// to a host that is not loopback: anyone on the way can read and reuse what is sent.
    static bool isCleartextRemote(const QUrl &url);
    // Why the app refuses to talk to `url`, in a sentence for the user; empty when it may. An
    // http:// URL to another computer is refused unless `allowInsecureHttp`.
    static QString transportRefusal(const QUrl &url, bool allowInsecureHttp);
};
