#pragma once

#include <QUrl>

// The server the app is connected to, as the window shows it.
struct ServerEndpoint
{
    QUrl url;
    bool integrated = false;
    // The integrated server's database holds the demo users (it seeded them at some point).
    bool demoUsers = false;
    // A remote server over http:// on another computer, allowed explicitly: the window warns for
    // as long as it is connected this way.
    bool insecure = false;
};
