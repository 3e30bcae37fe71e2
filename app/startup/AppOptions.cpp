#include "app/startup/AppOptions.h"

#include "app/client/connection/ServerSettings.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QStandardPaths>

Result<AppOptions> AppOptions::fromArguments(const QStringList &arguments, QString *informational)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("The exactly-once bank: a desktop client with the bank server built in."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption server(
        QStringLiteral("server"),
        QStringLiteral("Use the remote server at URL instead of the integrated one: https://HOST[:PORT], "
                       "or http:// for this computer only (127.0.0.1, ::1, localhost)."),
        QStringLiteral("URL"));
    const QCommandLineOption insecure(
        QStringLiteral("allow-insecure-http"),
        QStringLiteral("Let --server be http:// to another computer: the password, the session and every "
                       "transfer cross the network unencrypted. The window warns while connected."));
    const QCommandLineOption db(
        QStringLiteral("db"),
        QStringLiteral("Integrated server: SQLite database file (default: bank.db in the app's data folder). "
                       "Its folder becomes the data folder."),
        QStringLiteral("FILE"));
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("Integrated server: port on 127.0.0.1 (default 0, a free port)."),
                                  QStringLiteral("N"));
    const QCommandLineOption demoPassword(
        QStringLiteral("demo-password"),
        QStringLiteral(
            "Integrated server: give every demo user this password (a classroom), also in an existing database. "
            "Default: random ones made with the database, shown in the sign-in dialog."),
        QStringLiteral("PASSWORD"));
    const QCommandLineOption measure(
        QStringLiteral("measure-startup"),
        QStringLiteral("Print the time from process start to an interactive window, then quit."));
    parser.addOptions({server, insecure, db, port, demoPassword, measure});

    const auto fail = [](const QString &detail) { return Problem(ProblemCode::ValidationFailed, detail); };
    if (!parser.parse(arguments))
        return fail(parser.errorText());
    if (parser.isSet(help) || parser.isSet(version)) {
        if (informational)
            *informational = parser.isSet(help)
                ? parser.helpText()
                : QStringLiteral("bank-app %1\n").arg(QCoreApplication::applicationVersion());
        return fail(QStringLiteral("informational"));
    }
    if (!parser.positionalArguments().isEmpty())
        return fail(QStringLiteral("unexpected argument %1").arg(parser.positionalArguments().constFirst()));

    AppOptions options;
    if (parser.isSet(server)) {
        options.serverUrl = ServerSettings::parseRemoteUrl(parser.value(server));
        if (!options.serverUrl)
            return fail(QStringLiteral("--server: expected http://HOST:PORT or https://HOST, got %1")
                            .arg(parser.value(server)));
        options.allowInsecureHttp = parser.isSet(insecure);
        if (const QString refusal = ServerSettings::transportRefusal(*options.serverUrl, options.allowInsecureHttp);
            !refusal.isEmpty())
            return fail(QStringLiteral("--server: %1 (--allow-insecure-http)").arg(refusal));
    } else if (parser.isSet(insecure)) {
        return fail(QStringLiteral("--allow-insecure-http: only with --server"));
    }
    options.databasePath = parser.value(db);
    if (parser.isSet(db) && options.databasePath.isEmpty())
        return fail(QStringLiteral("--db: expected a file name"));
    if (parser.isSet(port)) {
        bool ok = false;
        const uint value = parser.value(port).toUInt(&ok);
        if (!ok || value > 65535)
            return fail(QStringLiteral("--port: expected 0 to 65535, got %1").arg(parser.value(port)));
        options.port = quint16(value);
    }
    options.demoPassword = parser.value(demoPassword);
    if (parser.isSet(demoPassword) && (options.demoPassword.isEmpty() || options.demoPassword.size() > 1024))
        return fail(QStringLiteral("--demo-password: expected 1 to 1024 characters"));
    options.measureStartup = parser.isSet(measure);
    return options;
}

QString AppOptions::dataFolder() const
{
    if (!databasePath.isEmpty())
        return QFileInfo(databasePath).absolutePath();
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}
