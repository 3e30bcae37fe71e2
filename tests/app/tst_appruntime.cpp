// bank-app's command line, its saved server choice, and BankBackend: the integrated server on
// demand (remembering that its database holds the demo users) or a remote one. One app per data
// folder (in process, and the bank-app binary itself), and a list of pending transfers it cannot
// read shown in the window.
#include "AppOptions.h"
#include "AppTestServer.h"
#include "AwaitResult.h"
#include "DesktopApp.h"
#include "InlineMessage.h"
#include "MainWindow.h"
#include "ServerSettings.h"
#include "runtime/ServerThread.h"

#include <QDir>
#include <QLockFile>
#include <QProcess>
#include <QScopeGuard>
#include <QSettings>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

class TestAppRuntime : public QObject
{
    Q_OBJECT
private:
    static Result<AppOptions> parse(QStringList arguments)
    {
        arguments.prepend(QStringLiteral("bank-app"));
        return AppOptions::fromArguments(arguments);
    }
    static AppOptions onDatabaseIn(const QTemporaryDir &dir)
    {
        AppOptions options;
        options.databasePath = dir.filePath(QStringLiteral("bank.db"));
        return options;
    }
    static void writeFile(const QString &path, const QByteArray &bytes)
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(bytes), bytes.size());
    }
    static QByteArray readFile(const QString &path)
    {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    // The process named in a lock file, 0 if there is none.
    static qint64 lockHolder(const QString &lockPath)
    {
        qint64 pid = 0;
        QString host;
        QString application;
        return QLockFile(lockPath).getLockInfo(&pid, &host, &application) ? pid : 0;
    }

private slots:
    void initTestCase() { isolateSettings(QStringLiteral("tst_appruntime")); }

    void defaultsRunTheIntegratedServerOnAFreePort()
    {
        const auto options = parse({});
        QVERIFY(options.ok());
        QVERIFY(!options->serverUrl);
        QCOMPARE(options->port, quint16(0));
        QVERIFY(options->databasePath.isEmpty());
        QVERIFY(!options->measureStartup);
    }

    void commandLineOptions()
    {
        const auto options = parse({QStringLiteral("--server"), QStringLiteral("https://bank.example:8443"), QStringLiteral("--db"),
                                    QStringLiteral("/tmp/x.db"), QStringLiteral("--port"), QStringLiteral("9000"),
                                    QStringLiteral("--measure-startup")});
        QVERIFY(options.ok());
        QCOMPARE(options->serverUrl->toString(), QStringLiteral("https://bank.example:8443"));
        QVERIFY(!options->allowInsecureHttp);
        QCOMPARE(options->databasePath, QStringLiteral("/tmp/x.db"));
        QCOMPARE(options->port, quint16(9000));
        QVERIFY(options->measureStartup);
    }

    void badCommandLinesAreRefused_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("server not http") << QStringList{QStringLiteral("--server"), QStringLiteral("ftp://x")};
        QTest::newRow("server without scheme") << QStringList{QStringLiteral("--server"), QStringLiteral("bank.example")};
        QTest::newRow("port too big") << QStringList{QStringLiteral("--port"), QStringLiteral("70000")};
        QTest::newRow("port not a number") << QStringList{QStringLiteral("--port"), QStringLiteral("http")};
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")};
        QTest::newRow("stray argument") << QStringList{QStringLiteral("extra")};
        QTest::newRow("cleartext to another computer") << QStringList{QStringLiteral("--server"), QStringLiteral("http://bank.example:8080")};
        QTest::newRow("insecure without a server") << QStringList{QStringLiteral("--allow-insecure-http")};
    }
    void badCommandLinesAreRefused()
    {
        QFETCH(QStringList, arguments);
        const auto options = parse(arguments);
        QVERIFY(!options.ok());
        QVERIFY(!options.problem().detail.isEmpty());
    }

    void helpIsInformational()
    {
        QString text;
        const auto options = AppOptions::fromArguments({QStringLiteral("bank-app"), QStringLiteral("--help")}, &text);
        QVERIFY(!options.ok());
        QVERIFY(text.contains(QStringLiteral("--server")));
        QVERIFY(text.contains(QStringLiteral("--measure-startup")));
    }

    void cleartextIsOnlyForThisComputerUnlessAllowed_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("refused");
        QTest::newRow("https elsewhere") << QStringLiteral("https://bank.example") << false;
        QTest::newRow("127.0.0.1") << QStringLiteral("http://127.0.0.1:8080") << false;
        QTest::newRow("127.0.0.0/8") << QStringLiteral("http://127.8.9.10:8080") << false;
        QTest::newRow("::1") << QStringLiteral("http://[::1]:8080") << false;
        QTest::newRow("localhost") << QStringLiteral("http://localhost:8080") << false;
        QTest::newRow("LOCALHOST") << QStringLiteral("http://LOCALHOST:8080") << false;
        QTest::newRow("a name") << QStringLiteral("http://bank.example:8080") << true;
        QTest::newRow("a name starting with localhost") << QStringLiteral("http://localhost.example.com:8080") << true;
        QTest::newRow("a private address") << QStringLiteral("http://10.0.0.1:8080") << true;
        QTest::newRow("an IPv6 address") << QStringLiteral("http://[2001:db8::1]:8080") << true;
    }
    void cleartextIsOnlyForThisComputerUnlessAllowed()
    {
        QFETCH(QString, url);
        QFETCH(bool, refused);
        const auto options = parse({QStringLiteral("--server"), url});
        QCOMPARE(options.ok(), !refused);
        if (refused) {
            const QString host = QUrl(url).host();
            QVERIFY2(options.problem().detail.contains(QStringLiteral("unencrypted")), qPrintable(options.problem().detail));
            QVERIFY2(options.problem().detail.contains(host), qPrintable(options.problem().detail));
            QVERIFY2(options.problem().detail.contains(QStringLiteral("--allow-insecure-http")), qPrintable(options.problem().detail));
            QVERIFY(!ServerSettings::transportRefusal(QUrl(url), false).isEmpty());
        }
        // The explicit opt-in lets any of them through.
        const auto allowed = parse({QStringLiteral("--server"), url, QStringLiteral("--allow-insecure-http")});
        QVERIFY(allowed.ok());
        QVERIFY(allowed->allowInsecureHttp);
        QVERIFY(ServerSettings::transportRefusal(QUrl(url), true).isEmpty());
    }

    void savedCleartextSettingsAreRefusedNotFollowed()
    {
        QSettings settings;
        const auto forget = qScopeGuard([&settings] { settings.clear(); }); // also when a check fails
        ServerSettings saved;
        saved.mode = ServerSettings::Mode::Remote;
        saved.remoteUrl = QUrl(QStringLiteral("http://bank.example:8080"));
        saved.save(settings);
        QVERIFY(!ServerSettings::load(settings).allowInsecureHttp);

        QTemporaryDir dir;
        DesktopApp desktop(onDatabaseIn(dir));
        const QString refusal = desktop.start();
        QVERIFY2(refusal.contains(QStringLiteral("bank.example")) && refusal.contains(QStringLiteral("unencrypted")), qPrintable(refusal));
        // Nothing was started or pointed at.
        QVERIFY(desktop.api().baseUrl().isEmpty());
        QVERIFY(!desktop.backend().integratedServer());

        // Allowed in Settings, it is followed, and the window knows it is cleartext.
        saved.allowInsecureHttp = true;
        saved.save(settings);
        QCOMPARE(desktop.start(), QString());
        QCOMPARE(desktop.api().baseUrl(), saved.remoteUrl);
        QVERIFY(desktop.window().endpoint().insecure);
    }

    void serverSettingsRoundTrip()
    {
        QSettings settings;
        QCOMPARE(ServerSettings::load(settings).mode, ServerSettings::Mode::Integrated);
        ServerSettings remote;
        remote.mode = ServerSettings::Mode::Remote;
        remote.remoteUrl = QUrl(QStringLiteral("https://bank.example"));
        remote.save(settings);
        const ServerSettings loaded = ServerSettings::load(settings);
        QCOMPARE(loaded.mode, ServerSettings::Mode::Remote);
        QCOMPARE(loaded.remoteUrl, remote.remoteUrl);
        QVERIFY(!ServerSettings::parseRemoteUrl(QStringLiteral("http://user:pw@bank.example")));
        QVERIFY(!ServerSettings::parseRemoteUrl(QStringLiteral("http://bank.example/?q=1")));
        QVERIFY(ServerSettings::parseRemoteUrl(QStringLiteral(" http://127.0.0.1:8080 ")));
        settings.clear();
    }

    void integratedServerRemembersItsDemoUsers()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("bank.db"));
        BankBackend backend;
        QCOMPARE(backend.startIntegrated(db, 0), QString());
        QVERIFY(backend.endpoint().integrated);
        QVERIFY(backend.endpoint().demoUsers);
        QCOMPARE(backend.endpoint().url.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(backend.endpoint().url.port() > 0);
        QVERIFY(backend.integratedServer()->seededDemoData());

        // Second start on the same file: nothing is seeded now, but the users are still there.
        QCOMPARE(backend.startIntegrated(db, 0), QString());
        QVERIFY(!backend.integratedServer()->seededDemoData());
        QVERIFY(backend.endpoint().demoUsers);
        ApiClient api;
        api.setBaseUrl(backend.endpoint().url);
        const auto session = awaitResult<SessionInfo>([&](auto done) { api.login(QStringLiteral("bob"), QStringLiteral("builder"), this, done); });
        QVERIFY(session && session->ok());

        backend.useRemote(QUrl(QStringLiteral("http://127.0.0.1:1")));
        QVERIFY(!backend.integratedServer());
        QVERIFY(!backend.endpoint().integrated);
        QVERIFY(!backend.endpoint().demoUsers);
    }

    void aTakenPortDoesNotLoseTheDemoUsers()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost));
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("bank.db"));
        BankBackend backend;
        // The first start seeds the new database, then cannot listen.
        QVERIFY(!backend.startIntegrated(db, squatter.serverPort()).isEmpty());
        QVERIFY(!backend.integratedServer());
        QCOMPARE(backend.startIntegrated(db, 0), QString());
        QVERIFY(!backend.integratedServer()->seededDemoData());
        QVERIFY(backend.endpoint().demoUsers);
    }

    void desktopSwitchesBetweenIntegratedAndRemote()
    {
        QTemporaryDir dir;
        AppOptions options;
        options.databasePath = dir.filePath(QStringLiteral("bank.db"));
        DesktopApp desktop(options);
        QCOMPARE(desktop.start(), QString());
        QVERIFY(desktop.window().endpoint().integrated);
        auto *tabs = desktop.window().findChild<QTabWidget *>(QStringLiteral("tabs"));
        QVERIFY(tabs->isTabEnabled(2));

        // Another integrated server stands in for a remote one.
        AppTestServer remote;
        QCOMPARE(remote.start(), QString());
        ServerSettings settings;
        settings.mode = ServerSettings::Mode::Remote;
        settings.remoteUrl = remote.url();
        QCOMPARE(desktop.connectTo(settings), QString());
        QVERIFY(!desktop.window().endpoint().integrated);
        QVERIFY(!desktop.backend().integratedServer());
        QCOMPARE(desktop.api().baseUrl(), remote.url());
        QVERIFY(!tabs->isTabEnabled(2));
        desktop.session().signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
        QTRY_VERIFY(desktop.session().isSignedIn());
        QTRY_COMPARE(remote.requests(QStringLiteral("POST /v1/sessions")), 1);

        QCOMPARE(desktop.connectTo({}), QString());
        QVERIFY(!desktop.session().isSignedIn());
        QVERIFY(desktop.window().endpoint().integrated);
        QVERIFY(tabs->isTabEnabled(2));
    }

    void aSecondAppOnTheSameDataFolderIsRefusedWhileTheFirstRuns()
    {
        QTemporaryDir dir;
        auto first = std::make_unique<DesktopApp>(onDatabaseIn(dir));
        QCOMPARE(first->start(), QString());
        {
            DesktopApp second(onDatabaseIn(dir));
            const QString refusal = second.start();
            QVERIFY2(refusal.startsWith(QStringLiteral("Exactly-Once Bank is already open on the data folder %1 (process %2).")
                                            .arg(dir.path())
                                            .arg(QCoreApplication::applicationPid())),
                     qPrintable(refusal));
            QCOMPARE(second.refusal(), refusal);
            QVERIFY(!second.backend().integratedServer());
            QVERIFY(!second.journal());
        }
        QTemporaryDir elsewhere;
        QCOMPARE(DesktopApp(onDatabaseIn(elsewhere)).start(), QString());
        first.reset();
        DesktopApp afterwards(onDatabaseIn(dir));
        QCOMPARE(afterwards.start(), QString());
    }

    void theBankAppBinaryIsRefusedOnATakenDataFolderAndTakesOverACrashedOnesLock()
    {
        const QString binary = qEnvironmentVariable("BANK_APP_BINARY");
        QVERIFY2(!binary.isEmpty(), "BANK_APP_BINARY is not set");
        QTemporaryDir home; // the processes' own settings and default data folder
        QTemporaryDir data;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        environment.insert(QStringLiteral("XDG_CONFIG_HOME"), home.filePath(QStringLiteral("config")));
        environment.insert(QStringLiteral("XDG_DATA_HOME"), home.filePath(QStringLiteral("data")));
        const QStringList arguments{QStringLiteral("--db"), data.filePath(QStringLiteral("bank.db"))};
        // Quits once its window is interactive: a refused one that was not refused exits too.
        const QStringList untilInteractive = arguments + QStringList{QStringLiteral("--measure-startup")};
        const auto run = [&](QProcess &process, const QStringList &withArguments) {
            process.setProcessEnvironment(environment);
            process.start(binary, withArguments);
            return process.waitForStarted();
        };
        const QString lockPath = data.filePath(QStringLiteral("bank-app.lock"));

        QProcess first;
        QVERIFY(run(first, arguments));
        QTRY_COMPARE_WITH_TIMEOUT(lockHolder(lockPath), first.processId(), 30'000);

        QProcess second;
        QVERIFY(run(second, untilInteractive));
        QVERIFY(second.waitForFinished(30'000));
        QCOMPARE(second.exitStatus(), QProcess::NormalExit);
        QCOMPARE(second.exitCode(), 3);
        const QString refusal = QString::fromLocal8Bit(second.readAllStandardError());
        QVERIFY2(refusal.contains(QStringLiteral("bank-app: Exactly-Once Bank is already open on the data folder %1 (process %2).")
                                      .arg(data.path())
                                      .arg(first.processId())),
                 qPrintable(refusal));
        QCOMPARE(first.state(), QProcess::Running);

        // The first one crashes: its lock file stays behind, naming a process that is gone.
        first.kill();
        QVERIFY(first.waitForFinished(30'000));
        QVERIFY(QFile::exists(lockPath));
        QProcess third;
        QVERIFY(run(third, untilInteractive));
        QVERIFY(third.waitForFinished(60'000));
        QCOMPARE(third.exitStatus(), QProcess::NormalExit);
        QVERIFY2(third.exitCode() == 0, third.readAllStandardError().constData());
        QVERIFY(third.readAllStandardOutput().startsWith("startup: interactive"));
    }

    void aListOfPendingTransfersThatCannotBeReadIsKeptAndShown()
    {
        QTemporaryDir dir;
        const QString journalPath = dir.filePath(QStringLiteral("pending-transfers.json"));
        const QByteArray newer = R"({"version":99,"pending":[]})";
        writeFile(journalPath, newer);
        DesktopApp desktop(onDatabaseIn(dir));
        QCOMPARE(desktop.start(), QString());

        const QStringList kept = QDir(dir.path()).entryList({QStringLiteral("pending-transfers.unreadable-*.json")}, QDir::Files);
        QCOMPARE(kept.size(), 1);
        QCOMPARE(readFile(dir.filePath(kept.constFirst())), newer);
        auto *notice = desktop.window().findChild<InlineMessage *>(QStringLiteral("unreadableJournalMessage"));
        QVERIFY(notice);
        QVERIFY(!notice->isHidden());
        QCOMPARE(notice->kind(), InlineMessage::Kind::Error);
        QCOMPARE(notice->accessibleName(), QStringLiteral("Unreadable list of unfinished transfers"));
        QVERIFY2(notice->text().startsWith(QStringLiteral("A list of unfinished transfers could not be read; it was kept as %1.")
                                               .arg(dir.filePath(kept.constFirst()))),
                 qPrintable(notice->text()));

        // Another one, found when a transfer is saved: both are named.
        const QByteArray damaged = R"({"version":1,"pending":[{"key":)";
        writeFile(journalPath, damaged);
        PendingIntentJournal::Entry entry{QStringLiteral("idk_1"), QStringLiteral("alice"), desktop.backend().identity(), {}, {}};
        entry.request.fromAccount = QStringLiteral("a");
        entry.request.toAccount = QStringLiteral("b");
        entry.request.amount = 1;
        entry.request.currency = QStringLiteral("USD");
        QVERIFY(desktop.journal()->save(entry));
        QCOMPARE(desktop.journal()->setAside().size(), 2);
        QCOMPARE(readFile(desktop.journal()->setAside().at(1)), damaged);
        const QString text = notice->text();
        QVERIFY2(text.startsWith(QStringLiteral("Lists of unfinished transfers could not be read; they were kept as ")), qPrintable(text));
        QVERIFY(text.contains(desktop.journal()->setAside().at(0)) && text.contains(desktop.journal()->setAside().at(1)));
    }
};

QTEST_MAIN(TestAppRuntime)
#include "tst_appruntime.moc"
