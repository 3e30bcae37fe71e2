#include "app/startup/AppOptions.h"

#include "app/client/connection/ServerSettings.h"
#include "app/startup/UiTranslation.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QStandardPaths>

Result<AppOptions> AppOptions::fromArguments(const QStringList &arguments, QString *informational)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(tr("The exactly-once bank: a desktop client with the bank server built in."));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption server(
        QStringLiteral("server"),
        tr("Use the remote server at URL instead of the integrated one: https://HOST[:PORT], "
           "or http:// for this computer only (127.0.0.1, ::1, localhost)."),
        QStringLiteral("URL"));
    const QCommandLineOption insecure(
        QStringLiteral("allow-insecure-http"),
        tr("Let --server be http:// to another computer: the password, the session and every "
           "transfer cross the network unencrypted. The window warns while connected."));
    const QCommandLineOption db(
        QStringLiteral("db"),
        tr("Integrated server: SQLite database file (default: bank.db in the app's data folder). "
           "Its folder becomes the data folder."),
        QStringLiteral("FILE"));
    const QCommandLineOption port(QStringLiteral("port"),
                                  tr("Integrated server: port on 127.0.0.1 (default 0, a free port)."),
                                  QStringLiteral("N"));
    const QCommandLineOption demoPassword(
        QStringLiteral("demo-password"),
        tr("Integrated server: give every demo user this password (a classroom), also in an existing database. "
           "Default: random ones made with the database, shown in the sign-in dialog."),
        QStringLiteral("PASSWORD"));
    const QCommandLineOption measure(QStringLiteral("measure-startup"),
                                     tr("Print the time from process start to an interactive window, then quit."));
    const QCommandLineOption language(
        QStringLiteral("lang"),
        tr("Show the window in this language instead of the system's: %1.")
            .arg(
                QStringList(QStringList{QStringLiteral("en")} + UiTranslation::languages()).join(QStringLiteral(", "))),
        QStringLiteral("LANG"));
    const QCommandLineOption retrySeed(
        QStringLiteral("retry-seed"),
        tr("Make every random choice of the app repeat from run to run: the waits before automatic retries and "
           "the simulated network's random failures come from this seed (0 to 4294967295). Secrets and "
           "passwords stay random."),
        QStringLiteral("N"));
    parser.addOptions({server, insecure, db, port, demoPassword, measure, language, retrySeed});

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
        return fail(tr("unexpected argument %1").arg(parser.positionalArguments().constFirst()));

    AppOptions options;
    if (parser.isSet(server)) {
        options.serverUrl = ServerSettings::parseRemoteUrl(parser.value(server));
        if (!options.serverUrl)
            return fail(tr("--server: expected http://HOST:PORT or https://HOST, got %1").arg(parser.value(server)));
        options.allowInsecureHttp = parser.isSet(insecure);
        if (const QString refusal = ServerSettings::transportRefusal(*options.serverUrl, options.allowInsecureHttp);
            !refusal.isEmpty())
            return fail(tr("--server: %1 (--allow-insecure-http)").arg(refusal));
    } else if (parser.isSet(insecure)) {
        return fail(tr("--allow-insecure-http: only with --server"));
    }
    options.databasePath = parser.value(db);
    if (parser.isSet(db) && options.databasePath.isEmpty())
        return fail(tr("--db: expected a file name"));
    if (parser.isSet(port)) {
        bool ok = false;
        const uint value = parser.value(port).toUInt(&ok);
        if (!ok || value > 65535)
            return fail(tr("--port: expected 0 to 65535, got %1").arg(parser.value(port)));
        options.port = quint16(value);
    }
    options.demoPassword = parser.value(demoPassword);
    if (parser.isSet(demoPassword) && (options.demoPassword.isEmpty() || options.demoPassword.size() > 1024))
        return fail(tr("--demo-password: expected 1 to 1024 characters"));
    options.measureStartup = parser.isSet(measure);
    if (parser.isSet(retrySeed)) {
        bool ok = false;
        const uint seed = parser.value(retrySeed).toUInt(&ok);
        if (!ok)
            return fail(tr("--retry-seed: expected 0 to 4294967295, got %1").arg(parser.value(retrySeed)));
        options.randomSeed = quint32(seed);
    }
    if (parser.isSet(language)) {
        const QString wanted = QLocale(parser.value(language)).name().section(u'_', 0, 0);
        if (wanted != QLatin1String("en") && !UiTranslation::languages().contains(wanted))
            return fail(tr("--lang: expected en or one of %1, got %2")
                            .arg(UiTranslation::languages().join(QStringLiteral(", ")), parser.value(language)));
        options.language = wanted;
    }
    return options;
}

QString AppOptions::dataFolder() const
{
    if (!databasePath.isEmpty())
        return QFileInfo(databasePath).absolutePath();
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
}
