#pragma once

#include "shared/core/Result.h"

#include <QCoreApplication>
#include <QStringList>
#include <QUrl>

#include <optional>

// bank-app's command line: which server to use and how to run the integrated one.
struct AppOptions
{
    Q_DECLARE_TR_FUNCTIONS(AppOptions)
public:
    std::optional<QUrl> serverUrl;  // --server URL: a remote server, overriding Settings
    bool allowInsecureHttp = false; // --allow-insecure-http: --server may be http:// to another computer
    QString databasePath;           // --db FILE: integrated server's SQLite file
    quint16 port = 0;               // --port N: integrated server's port; 0 picks a free one
    QString demoPassword;           // --demo-password PASSWORD: every demo user's (a classroom); else random
    bool measureStartup = false;    // --measure-startup: print the time to an interactive window, quit
    QString language;               // --lang LANG: "en" or a translated language; empty: the system's
    // --retry-seed N: seeds every random choice of the app (the retry jitter, the simulated
    // network's random failures), so that test runs repeat; else a secure random seed.
    std::optional<quint32> randomSeed;

    // Where the app keeps its files: the list of pending transfers, the lock that keeps a second
    // instance out and, by default, bank.db. With --db, that file's folder, so each database has
    // its own; else QStandardPaths::AppDataLocation.
    QString dataFolder() const;

    // With --help or --version, `informational` receives the text to print and the result is a problem.
    static Result<AppOptions> fromArguments(const QStringList &arguments, QString *informational = nullptr);
};
