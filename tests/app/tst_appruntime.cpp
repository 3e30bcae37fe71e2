// bank-app's command line, its saved server choice, and BankBackend: the integrated server on
// demand (remembering that its database holds the demo users) or a remote one.
#include "AppOptions.h"
#include "AppTestServer.h"
#include "AwaitResult.h"
#include "DesktopApp.h"
#include "MainWindow.h"
#include "ServerSettings.h"
#include "runtime/ServerThread.h"

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
        const auto options = parse({QStringLiteral("--server"), QStringLiteral("http://bank.example:8080"), QStringLiteral("--db"),
                                    QStringLiteral("/tmp/x.db"), QStringLiteral("--port"), QStringLiteral("9000"),
                                    QStringLiteral("--measure-startup")});
        QVERIFY(options.ok());
        QCOMPARE(options->serverUrl->toString(), QStringLiteral("http://bank.example:8080"));
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
};

QTEST_MAIN(TestAppRuntime)
#include "tst_appruntime.moc"
