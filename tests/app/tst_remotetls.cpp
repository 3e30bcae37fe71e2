// The desktop client on a remote bank over https, driven like a user (offscreen): a TLS-terminating
// proxy (QSslServer) in front of a real bank server, with certificates from certificate
// authorities made for this run by the openssl tool. One is trusted by the client, the other not.
#include "app/startup/DesktopApp.h"
#include "app/ui/InlineMessage.h"
#include "app/ui/LoginDialog.h"
#include "app/ui/MainWindow.h"
#include "testkit/DesktopDriver.h"
#include "tests/app/TestCertificateAuthority.h"
#include "tests/app/TlsTerminatingProxy.h"
#include "tests/support/TestServer.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTest>

class TestRemoteTls : public QObject
{
    Q_OBJECT
private:
    TestCertificateAuthority m_trustedCa{QStringLiteral("Exactly-Once Bank test CA (trusted)")};
    TestCertificateAuthority m_strangerCa{QStringLiteral("Somebody else's CA (not trusted)")};
    QSslConfiguration m_trustedServer;
    QSslConfiguration m_strangerServer;
    TestServer m_bank;
    std::unique_ptr<TlsTerminatingProxy> m_proxy;
    std::unique_ptr<DesktopApp> m_app;
    std::unique_ptr<DesktopDriver> m_driver;

    QString result() { return m_driver->result(); }
    TransferFlow &flow() { return m_app->session().transferFlow(); }

private slots:
    void initTestCase()
    {
        QVERIFY2(QSslSocket::supportsSsl(), "Qt has no TLS backend");
        DesktopDriver::prepareEnvironment(QStringLiteral("tst_remotetls"));
        QVERIFY2(m_trustedCa.error().isEmpty(), qPrintable(m_trustedCa.error()));
        QVERIFY2(m_strangerCa.error().isEmpty(), qPrintable(m_strangerCa.error()));
        QString error;
        m_trustedServer = m_trustedCa.serverConfiguration(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        m_strangerServer = m_strangerCa.serverConfiguration(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        // The client trusts the system's authorities and, in this process, the test CA.
        QSslConfiguration client = QSslConfiguration::defaultConfiguration();
        client.addCaCertificate(m_trustedCa.certificate());
        QSslConfiguration::setDefaultConfiguration(client);

        QCOMPARE(m_bank.start(), QString());
        m_proxy = std::make_unique<TlsTerminatingProxy>(m_bank.port());
        QCOMPARE(m_proxy->listen(m_trustedServer), QString());

        AppOptions options;
        options.serverUrl = m_proxy->url();
        m_app = std::make_unique<DesktopApp>(options);
        QCOMPARE(m_app->start(), QString());
        m_app->window().show();
        m_app->window().showLogin();
        QVERIFY(QTest::qWaitForWindowExposed(&m_app->window()));
        m_driver = std::make_unique<DesktopDriver>(*m_app);
        // https to a remote bank is not the cleartext case: no warning.
        QVERIFY(!m_driver->find<InlineMessage>("insecureConnectionBanner")->isVisible());
    }

    void aTrustedCertificateSignsInAndSendsOverHttps()
    {
        QVERIFY(m_driver->signIn(QStringLiteral("alice"), QStringLiteral("wonderland")));
        const qint64 bobBefore
            = TestServer::balances(*m_bank.client("bob", "builder")).value(QStringLiteral("Bob Checking"));
        QVERIFY(m_driver->fillForm(QStringLiteral("Alice Checking"), QStringLiteral("Bob Checking"),
                                   QStringLiteral("12.00")));
        QTest::mouseClick(m_driver->find<QPushButton>("sendButton"), Qt::LeftButton);
        QTRY_VERIFY2_WITH_TIMEOUT(result().startsWith(QStringLiteral("Sent $12.00")), qPrintable(result()),
                                  DesktopDriver::kTimeoutMs);
        QCOMPARE(TestServer::balances(*m_bank.client("bob", "builder")).value(QStringLiteral("Bob Checking")),
                 bobBefore + 1200);
        QVERIFY(m_proxy->handshakesCompleted() >= 1);
        QCOMPARE(m_driver->find<QLabel>("connectionLabel")->text(), QStringLiteral("Connected"));
    }

    void anUntrustedCertificateIsNamedAndTheTransferIsNotRetried()
    {
        // A key from the trusted bank, then the certificate changes under the app (a machine in
        // the middle, or a misconfigured bank).
        QVERIFY(m_driver->fillForm(QStringLiteral("Alice Checking"), QStringLiteral("Bob Checking"),
                                   QStringLiteral("7.00")));
        m_driver->find<QAction>("newKeyAction")->trigger();
        QTRY_VERIFY_WITH_TIMEOUT(!flow().isBusy() && flow().intent().keyState() == TransferIntent::KeyState::Unused,
                                 DesktopDriver::kTimeoutMs);
        const QString key = flow().intent().key();
        m_proxy->setSslConfiguration(m_strangerServer);
        const int handshakesBefore = m_proxy->handshakesStarted();
        const int completedBefore = m_proxy->handshakesCompleted();
        const qint64 bytesBefore = m_proxy->bytesReceived();
        const qint64 bobBefore
            = TestServer::balances(*m_bank.client("bob", "builder")).value(QStringLiteral("Bob Checking"));

        QSignalSpy finished(&flow(), &TransferFlow::attemptFinished);
        QSignalSpy retries(&flow(), &TransferFlow::retryScheduled);
        QTest::mouseClick(m_driver->find<QPushButton>("sendButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, DesktopDriver::kTimeoutMs);

        // Said as what it is, with the certificate's problem, and that nothing moved.
        QVERIFY2(result().contains(QStringLiteral("The bank's certificate is not trusted: ")), qPrintable(result()));
        QVERIFY2(result().contains(QStringLiteral("no money moved")), qPrintable(result()));
        QVERIFY2(!result().contains(QStringLiteral("could not be reached")), qPrintable(result()));
        QVERIFY2(!result().contains(QStringLiteral("may or may not")), qPrintable(result()));
        QCOMPARE(m_driver->find<QLabel>("connectionLabel")->text(), QStringLiteral("Certificate not trusted"));
        // Final for this attempt: no retry waits, the flow is idle, and the key is still usable.
        QVERIFY(!flow().isBusy());
        QCOMPARE(retries.size(), 0);
        QCOMPARE(flow().intent().key(), key);
        QCOMPARE(flow().intent().keyState(), TransferIntent::KeyState::Unused);
        // The TLS server saw one handshake, never completed, and not one byte of the request.
        QCOMPARE(m_proxy->handshakesStarted(), handshakesBefore + 1);
        QCOMPARE(m_proxy->handshakesCompleted(), completedBefore);
        QCOMPARE(m_proxy->bytesReceived(), bytesBefore);
        QCOMPARE(TestServer::balances(*m_bank.client("bob", "builder")).value(QStringLiteral("Bob Checking")),
                 bobBefore);
    }

    void signingInToAnUntrustedBankSaysWhy()
    {
        m_driver->find<QAction>("signOutAction")->trigger();
        auto *login = m_app->window().loginDialog();
        QTRY_VERIFY(login->isVisible());
        auto *error = login->findChild<InlineMessage *>(QStringLiteral("loginError"));
        const int handshakesBefore = m_proxy->handshakesStarted();
        auto *username = login->findChild<QLineEdit *>(QStringLiteral("username"));
        auto *password = login->findChild<QLineEdit *>(QStringLiteral("password"));
        username->clear();
        QTest::keyClicks(username, QStringLiteral("alice"));
        password->clear();
        QTest::keyClicks(password, QStringLiteral("wonderland"));
        QTest::mouseClick(login->findChild<QPushButton *>(QStringLiteral("signInButton")), Qt::LeftButton);
        QTRY_VERIFY2_WITH_TIMEOUT(error->text().startsWith(QStringLiteral("The bank's certificate is not trusted: ")),
                                  qPrintable(error->text()), DesktopDriver::kTimeoutMs);
        QVERIFY(!m_app->session().isSignedIn());
        QVERIFY(m_proxy->handshakesStarted() > handshakesBefore);
    }

    void cleanupTestCase()
    {
        m_driver.reset();
        m_app.reset();
        m_proxy.reset();
        m_bank.stop();
    }
};

QTEST_MAIN(TestRemoteTls)
#include "tst_remotetls.moc"
