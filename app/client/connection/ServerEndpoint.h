#pragma once

#include <QMap>
#include <QString>
#include <QUrl>

// The server the app is connected to, as the window shows it.
struct ServerEndpoint
{
    QUrl url;
    bool integrated = false;
    // The integrated server's demo users and their passwords (username -> password), shown to the
    // owner in the sign-in dialog; empty when its database has none the app knows of.
    QMap<QString, QString> demoPasswords;
    // A remote server over http:// on another computer, allowed explicitly: the window warns for
    // as long as it is connected this way.
    bool insecure = false;
};
