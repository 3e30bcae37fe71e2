// bank-app's command line, its saved server choice, and BankBackend: the integrated server on
// demand (its demo users with random passwords per database or --demo-password's, its secret,
// integrated.json for the owner's tools) or a remote one. One app per data folder (in process, and
// the bank-app binary itself), and a list of pending transfers it cannot read shown in the window.
#include "app/client/connection/ServerSettings.h"
#include "app/startup/AppOptions.h"
#include "app/startup/DesktopApp.h"
#include "app/startup/IntegratedRuntimeFile.h"
#include "app/ui/InlineMessage.h"
#include "app/ui/LoginDialog.h"
#include "app/ui/MainWindow.h"
#include "server/runtime/ServerThread.h"
#include "testkit/AwaitResult.h"
#include "tests/app/AppTestServer.h"
#include "tests/support/TestServer.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLockFile>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

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
    // The permission bits of a file or folder; 0 if it does not exist.
    static uint modeOf(const QString &path)
    {
        struct stat status = {};
        return ::stat(QFile::encodeName(path).constData(), &status) == 0 ? uint(status.st_mode & 07777) : 0u;
    }
    // Whether the integrated server lets `username` sign in with `password` (with its secret).
    static bool signsIn(const BankBackend &backend, const QString &username, const QString &password)
    {
        TestHttpClient http(quint16(backend.endpoint().url.port()));
        http.setIntegratedSecret(backend.integratedSecret());
        return http.postJson("/v1/sessions",
                             {{QStringLiteral("username"), username}, {QStringLiteral("password"), password}})
                   .status
            == 201;
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
        const auto options = parse({QStringLiteral("--server"), QStringLiteral("https://bank.example:8443"),
                                    QStringLiteral("--db"), QStringLiteral("/tmp/x.db"), QStringLiteral("--port"),
                                    QStringLiteral("9000"), QStringLiteral("--measure-startup")});
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
        QTest::newRow("server without scheme")
            << QStringList{QStringLiteral("--server"), QStringLiteral("bank.example")};
        QTest::newRow("port too big") << QStringList{QStringLiteral("--port"), QStringLiteral("70000")};
        QTest::newRow("port not a number") << QStringList{QStringLiteral("--port"), QStringLiteral("http")};
        QTest::newRow("unknown option") << QStringList{QStringLiteral("--frobnicate")};
        QTest::newRow("stray argument") << QStringList{QStringLiteral("extra")};
        QTest::newRow("cleartext to another computer")
            << QStringList{QStringLiteral("--server"), QStringLiteral("http://bank.example:8080")};
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
            QVERIFY2(options.problem().detail.contains(QStringLiteral("unencrypted")),
                     qPrintable(options.problem().detail));
            QVERIFY2(options.problem().detail.contains(host), qPrintable(options.problem().detail));
            QVERIFY2(options.problem().detail.contains(QStringLiteral("--allow-insecure-http")),
                     qPrintable(options.problem().detail));
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
        QVERIFY2(refusal.contains(QStringLiteral("bank.example")) && refusal.contains(QStringLiteral("unencrypted")),
                 qPrintable(refusal));
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
        const DemoSeed::Passwords passwords = backend.endpoint().demoPasswords;
        QCOMPARE(passwords.keys(), (QStringList{QStringLiteral("alice"), QStringLiteral("bob")}));
        QCOMPARE(backend.endpoint().url.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(backend.endpoint().url.port() > 0);
        QVERIFY(backend.integratedServer()->seededDemoData());

        // Second start on the same file: nothing is seeded now, but the users are still there,
        // with the same passwords.
        QCOMPARE(backend.startIntegrated(db, 0), QString());
        QVERIFY(!backend.integratedServer()->seededDemoData());
        QCOMPARE(backend.endpoint().demoPasswords, passwords);
        QVERIFY(signsIn(backend, QStringLiteral("bob"), passwords.value(QStringLiteral("bob"))));

        backend.useRemote(QUrl(QStringLiteral("http://127.0.0.1:1")));
        QVERIFY(!backend.integratedServer());
        QVERIFY(!backend.endpoint().integrated);
        QVERIFY(backend.endpoint().demoPasswords.isEmpty());
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
        QVERIFY(
            signsIn(backend, QStringLiteral("alice"), backend.endpoint().demoPasswords.value(QStringLiteral("alice"))));
    }

    // Issue 20: every new database gets passwords of its own, never the documented ones, kept
    // next to it (readable by the owner alone) so that later launches show them again.
    void newDatabasesGetRandomDemoPasswords()
    {
        QTemporaryDir one;
        QTemporaryDir two;
        BankBackend first;
        BankBackend second;
        QCOMPARE(first.startIntegrated(one.filePath(QStringLiteral("bank.db")), 0), QString());
        QCOMPARE(second.startIntegrated(two.filePath(QStringLiteral("bank.db")), 0), QString());
        const DemoSeed::Passwords a = first.endpoint().demoPasswords;
        const DemoSeed::Passwords b = second.endpoint().demoPasswords;
        const QRegularExpression readable(QStringLiteral("^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$"));
        for (const QString &password : a.values() + b.values())
            QVERIFY2(readable.match(password).hasMatch(), qPrintable(password));
        QVERIFY(a.value(QStringLiteral("alice")) != b.value(QStringLiteral("alice")));
        QVERIFY(a.value(QStringLiteral("bob")) != b.value(QStringLiteral("bob")));
        QVERIFY(a.value(QStringLiteral("alice")) != a.value(QStringLiteral("bob")));
        QVERIFY(!signsIn(first, QStringLiteral("alice"), QStringLiteral("wonderland")));
        QVERIFY(!signsIn(first, QStringLiteral("alice"), b.value(QStringLiteral("alice"))));
        QVERIFY(signsIn(first, QStringLiteral("alice"), a.value(QStringLiteral("alice"))));
        QCOMPARE(modeOf(one.filePath(QStringLiteral("bank.db.demo-users.json"))), 0600u);

        // A database made again from nothing gets new ones, whatever an old file next to it says.
        first.stop();
        QVERIFY(QFile::remove(one.filePath(QStringLiteral("bank.db"))));
        QCOMPARE(first.startIntegrated(one.filePath(QStringLiteral("bank.db")), 0), QString());
        QVERIFY(first.endpoint().demoPasswords.value(QStringLiteral("alice")) != a.value(QStringLiteral("alice")));
    }

    void theDemoPasswordOptionSetsThem()
    {
        const auto options = parse({QStringLiteral("--demo-password"), QStringLiteral("class of 2026")});
        QVERIFY(options.ok());
        QCOMPARE(options->demoPassword, QStringLiteral("class of 2026"));
        QVERIFY(!parse({QStringLiteral("--demo-password"), QString()}).ok());

        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("bank.db"));
        // A new database...
        BankBackend classroom;
        classroom.setDemoPassword(QStringLiteral("class of 2026"));
        QCOMPARE(classroom.startIntegrated(db, 0), QString());
        QCOMPARE(classroom.endpoint().demoPasswords.value(QStringLiteral("alice")), QStringLiteral("class of 2026"));
        QCOMPARE(classroom.endpoint().demoPasswords.value(QStringLiteral("bob")), QStringLiteral("class of 2026"));
        QVERIFY(signsIn(classroom, QStringLiteral("bob"), QStringLiteral("class of 2026")));
        classroom.stop();

        // ... and an existing one, whose random passwords stop working.
        QTemporaryDir other;
        const QString otherDb = other.filePath(QStringLiteral("bank.db"));
        BankBackend backend;
        QCOMPARE(backend.startIntegrated(otherDb, 0), QString());
        const QString random = backend.endpoint().demoPasswords.value(QStringLiteral("alice"));
        backend.setDemoPassword(QStringLiteral("next class"));
        QCOMPARE(backend.startIntegrated(otherDb, 0), QString());
        QVERIFY(signsIn(backend, QStringLiteral("alice"), QStringLiteral("next class")));
        QVERIFY(!signsIn(backend, QStringLiteral("alice"), random));
        // Later launches without the option keep what the class had.
        BankBackend later;
        backend.stop();
        QCOMPARE(later.startIntegrated(otherDb, 0), QString());
        QCOMPARE(later.endpoint().demoPasswords.value(QStringLiteral("alice")), QStringLiteral("next class"));
    }

    void aDatabaseAnOlderAppSeededGetsRandomPasswords()
    {
        QTemporaryDir dir;
        const QString db = dir.filePath(QStringLiteral("bank.db"));
        {
            ServerConfig config;
            config.port = 0;
            config.databasePath = db;
            config.seedDemo = true; // the documented passwords, as the app seeded them before
            ServerThread older(config);
            QCOMPARE(older.start(), QString());
        }
        QSettings().setValue(QStringLiteral("integrated/demoSeededDatabases"),
                             QStringList{QFileInfo(db).absoluteFilePath()});
        BankBackend backend;
        QCOMPARE(backend.startIntegrated(db, 0), QString());
        const QString alice = backend.endpoint().demoPasswords.value(QStringLiteral("alice"));
        QVERIFY(!alice.isEmpty() && alice != QStringLiteral("wonderland"));
        QVERIFY(!signsIn(backend, QStringLiteral("alice"), QStringLiteral("wonderland")));
        QVERIFY(signsIn(backend, QStringLiteral("alice"), alice));
        QSettings().remove(QStringLiteral("integrated/demoSeededDatabases"));
    }

    // Issue 20: the owner's tools find the integrated server in a file only the owner can read:
    // what it says signs in; without the secret nothing does; it goes when the app does.
    void theRuntimeFileTellsTheOwnerAloneHowToReachTheBank()
    {
        const QString runtimeFile = IntegratedRuntimeFile::path();
        QCOMPARE(runtimeFile,
                 QDir(qEnvironmentVariable("XDG_RUNTIME_DIR"))
                     .filePath(QStringLiteral("exactly-once-bank/integrated.json")));
        const QString folder = QFileInfo(runtimeFile).absolutePath();
        // A folder left wider than it should be is narrowed.
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(QFile::setPermissions(folder,
                                      QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup
                                          | QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther));
        const mode_t previousMask = ::umask(022);
        QTemporaryDir dir;
        auto desktop = std::make_unique<DesktopApp>(onDatabaseIn(dir));
        QCOMPARE(desktop->start(), QString());
        ::umask(previousMask);
        QCOMPARE(modeOf(folder), 0700u);
        QCOMPARE(modeOf(runtimeFile), 0600u);

        const QJsonObject published = QJsonDocument::fromJson(readFile(runtimeFile)).object();
        QCOMPARE(published.keys(),
                 (QStringList{QStringLiteral("demo_users"), QStringLiteral("secret"), QStringLiteral("url")}));
        const QUrl url(published.value(QLatin1String("url")).toString());
        QCOMPARE(url, desktop->backend().endpoint().url);
        QCOMPARE(url.host(), QStringLiteral("127.0.0.1"));
        const QByteArray secret = published.value(QLatin1String("secret")).toString().toLatin1();
        QCOMPARE(secret.size(), 43);
        QString alicePassword;
        const QJsonArray users = published.value(QLatin1String("demo_users")).toArray();
        QCOMPARE(users.size(), 2);
        for (const QJsonValue &user : users) {
            if (user[QLatin1String("username")].toString() == QLatin1String("alice"))
                alicePassword = user[QLatin1String("password")].toString();
        }
        QCOMPARE(alicePassword, desktop->backend().endpoint().demoPasswords.value(QStringLiteral("alice")));
        // The sign-in dialog shows the same passwords, to the owner.
        const QString hint = desktop->window().loginDialog()->findChild<QLabel *>(QStringLiteral("demoHint"))->text();
        QVERIFY2(hint.contains(QStringLiteral("alice / ") + alicePassword), qPrintable(hint));

        TestHttpClient tool(quint16(url.port()));
        const QJsonObject signIn{{QStringLiteral("username"), QStringLiteral("alice")},
                                 {QStringLiteral("password"), alicePassword}};
        QCOMPARE(tool.postJson("/v1/sessions", signIn).code(), QStringLiteral("integrated_secret_required"));
        tool.setIntegratedSecret(secret);
        QCOMPARE(tool.postJson("/v1/sessions", signIn).status, 201);

        // The app sends it too, and only to its own server.
        QCOMPARE(desktop->api().integratedSecret(), secret);
        TestServer remote;
        QCOMPARE(remote.start(), QString());
        ServerSettings settings;
        settings.mode = ServerSettings::Mode::Remote;
        settings.remoteUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(remote.port()));
        QCOMPARE(desktop->connectTo(settings), QString());
        QVERIFY(desktop->api().integratedSecret().isEmpty());
        QVERIFY(!QFile::exists(runtimeFile)); // no integrated server, nothing to reach
        QCOMPARE(desktop->connectTo({}), QString());
        QVERIFY(QFile::exists(runtimeFile));

        desktop.reset();
        QVERIFY(!QFile::exists(runtimeFile));
    }

    // Each launch signs in anew: a session left live at the bank after quitting would count
    // against the user's live sessions (--max-sessions) for the rest of its 12 hours.
    void quittingEndsTheSessionAtTheBank()
    {
        QTemporaryDir dir;
        DesktopApp desktop(onDatabaseIn(dir));
        QCOMPARE(desktop.start(), QString());
        desktop.session().signIn(QStringLiteral("alice"),
                                 desktop.backend().endpoint().demoPasswords.value(QStringLiteral("alice")));
        QTRY_VERIFY(desktop.session().isSignedIn());
        const QByteArray token = desktop.api().token().toLatin1();
        TestHttpClient tool(quint16(desktop.backend().endpoint().url.port()));
        tool.setIntegratedSecret(desktop.backend().integratedSecret());
        tool.setToken(token);
        QCOMPARE(tool.get("/v1/accounts").status, 200);

        QSignalSpy answered(&desktop.session(), &BankSession::signOutAnswered);
        desktop.signOutBeforeQuit();
        QCOMPARE(answered.count(), 1); // returned because the bank answered, not after the wait
        QVERIFY(!desktop.session().isSignedIn());
        QCOMPARE(tool.get("/v1/accounts").status, 401);
        desktop.signOutBeforeQuit(); // signed out already: nothing to send, no wait
        QCOMPARE(answered.count(), 1);
    }

    // The Server log (and a test counting requests) never lags the answers: once a client holds a
    // response, its line has been handed to this thread. The line used to follow the bytes out,
    // and a client could read the answer before it was logged.
    void aRequestIsLoggedBeforeItsClientHasTheAnswer()
    {
        AppTestServer server;
        QCOMPARE(server.start(), QString());
        TestHttpClient client(server.port());
        client.setIntegratedSecret(server.secret());
        const int before = server.totalRequests();
        for (int i = 1; i <= 500; ++i) {
            QCOMPARE(client.get("/healthz").status, 200);
            QCOMPARE(server.totalRequests(), before + i);
        }
    }

    void aRetrySeedRepeatsTheRandomChoices()
    {
        QCOMPARE(parse({QStringLiteral("--retry-seed"), QStringLiteral("4294967295")})->randomSeed,
                 std::optional<quint32>(4294967295u));
        QVERIFY(!parse({})->randomSeed);
        for (const QString &bad : {QStringLiteral("-1"), QStringLiteral("4294967296"), QStringLiteral("x")})
            QVERIFY2(!parse({QStringLiteral("--retry-seed"), bad}).ok(), qPrintable(bad));

        // Each run: the waits before the automatic retries of a transfer whose answers are lost,
        // then which of 20 attempts the simulated network's random share fails.
        const auto run = [](std::optional<quint32> seed) {
            QTemporaryDir dir;
            AppOptions options = onDatabaseIn(dir);
            options.randomSeed = seed;
            DesktopApp desktop(options);
            QStringList choices;
            if (!desktop.start().isEmpty())
                return choices;
            const RetryPolicy &policy = desktop.session().transferFlow().retryPolicy();
            for (int attempts = 1; attempts < policy.settings().maxAttempts; ++attempts)
                choices << QString::number(policy.delayBeforeRetry(attempts, ApiFailure{}).value_or(-1));
            NetworkSimulation randomShare;
            randomShare.enabled = true;
            randomShare.when = NetworkSimulation::When::RandomShare;
            randomShare.percent = 50;
            if (!desktop.applySimulation(randomShare).isEmpty())
                return choices;
            FaultSchedule schedule = desktop.network().schedule();
            for (int attempt = 0; attempt < 20; ++attempt)
                choices << QString::number(int(schedule.next()));
            return choices;
        };
        const QStringList first = run(42);
        QCOMPARE(first.size(), 5 + 20);
        QCOMPARE(run(42), first);
        QVERIFY(run(43) != first);
        QVERIFY(run(std::nullopt) != first);
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

        TestServer remote;
        QCOMPARE(remote.start(), QString());
        QStringList remoteLog;
        connect(remote.serverThread(), &ServerThread::requestLogged, this,
                [&remoteLog](const QString &line) { remoteLog.append(line); });
        ServerSettings settings;
        settings.mode = ServerSettings::Mode::Remote;
        settings.remoteUrl = QUrl(QStringLiteral("http://127.0.0.1:%1").arg(remote.port()));
        QCOMPARE(desktop.connectTo(settings), QString());
        QVERIFY(!desktop.window().endpoint().integrated);
        QVERIFY(!desktop.backend().integratedServer());
        QCOMPARE(desktop.api().baseUrl(), settings.remoteUrl);
        QVERIFY(!tabs->isTabEnabled(2));
        desktop.session().signIn(QStringLiteral("alice"), QStringLiteral("wonderland"));
        QTRY_VERIFY(desktop.session().isSignedIn());
        QTRY_COMPARE(remoteLog.filter(QRegularExpression(QStringLiteral("^POST /v1/sessions "))).size(), 1);

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
            QVERIFY2(refusal.startsWith(
                         QStringLiteral("Exactly-Once Bank is already open on the data folder %1 (process %2).")
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

    void theBankAppBinaryPrintsItsVersion()
    {
        QProcess process;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        process.setProcessEnvironment(environment);
        process.start(qEnvironmentVariable("BANK_APP_BINARY"), {QStringLiteral("--version")});
        QVERIFY(process.waitForFinished(10'000));
        QCOMPARE(process.exitCode(), 0);
        QCOMPARE(process.readAllStandardOutput(), QByteArray("bank-app " PROJECT_VERSION "\n"));
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
        const QString runtimeFile = IntegratedRuntimeFile::path(); // the processes have our XDG_RUNTIME_DIR
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(runtimeFile), 30'000);

        QProcess second;
        QVERIFY(run(second, untilInteractive));
        QVERIFY(second.waitForFinished(30'000));
        QCOMPARE(second.exitStatus(), QProcess::NormalExit);
        QCOMPARE(second.exitCode(), 3);
        const QString refusal = QString::fromLocal8Bit(second.readAllStandardError());
        QVERIFY2(refusal.contains(
                     QStringLiteral("bank-app: Exactly-Once Bank is already open on the data folder %1 (process %2).")
                         .arg(data.path())
                         .arg(first.processId())),
                 qPrintable(refusal));
        QCOMPARE(first.state(), QProcess::Running);

        // The first one crashes: its lock file stays behind, naming a process that is gone.
        first.kill();
        QVERIFY(first.waitForFinished(30'000));
        QVERIFY(QFile::exists(lockPath));
        QVERIFY(QFile::exists(runtimeFile)); // a crash leaves it behind
        QProcess third;
        QVERIFY(run(third, untilInteractive));
        QVERIFY(third.waitForFinished(60'000));
        QCOMPARE(third.exitStatus(), QProcess::NormalExit);
        QVERIFY2(third.exitCode() == 0, third.readAllStandardError().constData());
        QVERIFY(third.readAllStandardOutput().startsWith("startup: interactive"));
        // The third replaced the stale file with its own and removed it when it quit.
        QVERIFY(!QFile::exists(runtimeFile));
    }

    void aListOfPendingTransfersThatCannotBeReadIsKeptAndShown()
    {
        QTemporaryDir dir;
        const QString journalPath = dir.filePath(QStringLiteral("pending-transfers.json"));
        const QByteArray newer = R"({"version":99,"pending":[]})";
        writeFile(journalPath, newer);
        DesktopApp desktop(onDatabaseIn(dir));
        QCOMPARE(desktop.start(), QString());

        const QStringList kept
            = QDir(dir.path()).entryList({QStringLiteral("pending-transfers.unreadable-*.json")}, QDir::Files);
        QCOMPARE(kept.size(), 1);
        QCOMPARE(readFile(dir.filePath(kept.constFirst())), newer);
        auto *notice = desktop.window().findChild<InlineMessage *>(QStringLiteral("unreadableJournalMessage"));
        QVERIFY(notice);
        QVERIFY(!notice->isHidden());
        QCOMPARE(notice->kind(), InlineMessage::Kind::Error);
        QCOMPARE(notice->accessibleName(), QStringLiteral("Unreadable list of unfinished transfers"));
        QVERIFY2(notice->text().startsWith(
                     QStringLiteral("A list of unfinished transfers could not be read; it was kept as %1.")
                         .arg(dir.filePath(kept.constFirst()))),
                 qPrintable(notice->text()));

        // Another one, found when a transfer is saved: both are named.
        const QByteArray damaged = R"({"version":1,"pending":[{"key":)";
        writeFile(journalPath, damaged);
        PendingIntentJournal::Entry entry{
            QStringLiteral("idk_1"), QStringLiteral("alice"), desktop.backend().identity(), {}, {}};
        entry.request.fromAccount = QStringLiteral("a");
        entry.request.toAccount = QStringLiteral("b");
        entry.request.amount = 1;
        entry.request.currency = QStringLiteral("USD");
        QVERIFY(desktop.journal()->save(entry));
        QCOMPARE(desktop.journal()->setAside().size(), 2);
        QCOMPARE(readFile(desktop.journal()->setAside().at(1)), damaged);
        const QString text = notice->text();
        QVERIFY2(text.startsWith(QStringLiteral("Lists of unfinished transfers could not be read; they were kept as ")),
                 qPrintable(text));
        QVERIFY(text.contains(desktop.journal()->setAside().at(0))
                && text.contains(desktop.journal()->setAside().at(1)));
    }
};

QTEST_MAIN(TestAppRuntime)
#include "tst_appruntime.moc"
