// LoginThrottle on its own: limits per username and per address, lockouts that double, windows
// that forget, memory that stays bounded, and counting that holds under parallel attempts.
#include "auth/LoginThrottle.h"

#include <QTest>

#include <atomic>
#include <thread>
#include <vector>

namespace {

const QHostAddress kHome(QStringLiteral("192.0.2.1"));
const QHostAddress kAway(QStringLiteral("198.51.100.7"));

LoginThrottle::Policy smallPolicy()
{
    LoginThrottle::Policy policy;
    policy.maxFailuresPerUsername = 3;
    policy.maxFailuresPerAddress = 5;
    policy.windowMs = 10'000;
    policy.lockoutMs = 1'000;
    policy.maxLockoutMs = 4'000;
    policy.maxEntries = 100;
    return policy;
}

// One failed attempt; false if it was refused.
bool fail(LoginThrottle &throttle, const QString &user, const QHostAddress &address, qint64 now)
{
    if (throttle.tryBegin(user, address, now))
        return false;
    throttle.finish(user, address, LoginThrottle::Outcome::WrongCredentials);
    return true;
}

} // namespace

class TestLoginThrottle : public QObject
{
    Q_OBJECT
private slots:
    void usernameIsLockedOutAfterItsFailures()
    {
        LoginThrottle throttle(smallPolicy());
        for (int i = 0; i < 3; ++i)
            QVERIFY(fail(throttle, QStringLiteral("alice"), kHome, 100));
        // From anywhere: the limit is on the name.
        QCOMPARE(throttle.tryBegin(QStringLiteral("alice"), kAway, 200), std::optional<qint64>(1'000));
        QCOMPARE(throttle.tryBegin(QStringLiteral("alice"), kHome, 700), std::optional<qint64>(500));
        // Another name from the same address is not affected (3 of the address's 5 used).
        QVERIFY(fail(throttle, QStringLiteral("bob"), kHome, 700));
        // After the lockout, one more try.
        QVERIFY(!throttle.tryBegin(QStringLiteral("alice"), kHome, 1'200));
    }

    void addressIsLockedOutAcrossUsernames()
    {
        LoginThrottle throttle(smallPolicy());
        for (int i = 0; i < 5; ++i)
            QVERIFY(fail(throttle, QStringLiteral("user%1").arg(i), kHome, 0));
        const auto wait = throttle.tryBegin(QStringLiteral("fresh"), kHome, 10);
        QVERIFY(wait.has_value());
        QCOMPARE(*wait, 1'000);
        QVERIFY(!throttle.tryBegin(QStringLiteral("fresh"), kAway, 10));
    }

    void ipv4MappedAddressCountsAsItsIpv4()
    {
        LoginThrottle throttle(smallPolicy());
        const QHostAddress mapped(QStringLiteral("::ffff:192.0.2.1"));
        for (int i = 0; i < 5; ++i)
            QVERIFY(fail(throttle, QStringLiteral("user%1").arg(i), i % 2 ? mapped : kHome, 0));
        QVERIFY(throttle.tryBegin(QStringLiteral("fresh"), kHome, 1).has_value());
    }

    void lockoutsDoubleUpToTheCap()
    {
        LoginThrottle throttle(smallPolicy());
        qint64 now = 0;
        QList<qint64> lockouts;
        for (int round = 0; round < 4; ++round) {
            for (int i = 0; i < 3; ++i)
                QVERIFY(fail(throttle, QStringLiteral("alice"), QHostAddress(QStringLiteral("10.0.%1.%2").arg(round).arg(i)), now));
            const auto wait = throttle.tryBegin(QStringLiteral("alice"), kAway, now);
            QVERIFY(wait.has_value());
            lockouts.append(*wait);
            now += *wait;
        }
        QCOMPARE(lockouts, (QList<qint64>{1'000, 2'000, 4'000, 4'000}));
    }

    void successForgetsTheUsernameButNotTheAddress()
    {
        LoginThrottle throttle(smallPolicy());
        QVERIFY(fail(throttle, QStringLiteral("alice"), kHome, 0));
        QVERIFY(fail(throttle, QStringLiteral("alice"), kHome, 0));
        QVERIFY(!throttle.tryBegin(QStringLiteral("alice"), kHome, 0));
        throttle.finish(QStringLiteral("alice"), kHome, LoginThrottle::Outcome::LoggedIn);
        // alice has her three attempts again ...
        QVERIFY(fail(throttle, QStringLiteral("alice"), kAway, 0));
        QVERIFY(fail(throttle, QStringLiteral("alice"), kAway, 0));
        // ... while kHome still holds its two failures: three more and it is out.
        QVERIFY(fail(throttle, QStringLiteral("x"), kHome, 0));
        QVERIFY(fail(throttle, QStringLiteral("y"), kHome, 0));
        QVERIFY(fail(throttle, QStringLiteral("z"), kHome, 0));
        QVERIFY(throttle.tryBegin(QStringLiteral("w"), kHome, 0).has_value());
    }

    void undecidedAttemptsAreNotCounted()
    {
        LoginThrottle throttle(smallPolicy());
        for (int i = 0; i < 10; ++i) {
            QVERIFY(!throttle.tryBegin(QStringLiteral("alice"), kHome, 0));
            throttle.finish(QStringLiteral("alice"), kHome, LoginThrottle::Outcome::Undecided);
        }
        QVERIFY(fail(throttle, QStringLiteral("alice"), kHome, 0));
    }

    void failuresAreForgottenAfterTheWindow()
    {
        LoginThrottle throttle(smallPolicy());
        QVERIFY(fail(throttle, QStringLiteral("alice"), kHome, 0));
        QVERIFY(fail(throttle, QStringLiteral("alice"), kHome, 0));
        QVERIFY(fail(throttle, QStringLiteral("alice"), kHome, 10'000));
        QVERIFY(fail(throttle, QStringLiteral("alice"), kHome, 10'001));
        QVERIFY(fail(throttle, QStringLiteral("alice"), kHome, 10'002));
        QVERIFY(throttle.tryBegin(QStringLiteral("alice"), kHome, 10'003).has_value());
    }

    void memoryStaysBoundedAndAFloodFreesNoLockedName()
    {
        LoginThrottle throttle(smallPolicy());
        for (int i = 0; i < 3; ++i)
            QVERIFY(fail(throttle, QStringLiteral("alice"), kHome, 0));
        QVERIFY(throttle.tryBegin(QStringLiteral("alice"), kHome, 1).has_value()); // locked out now
        // A flood of other names from many addresses, all inside alice's lockout.
        for (int i = 0; i < 5'000; ++i)
            fail(throttle, QStringLiteral("flood%1").arg(i), QHostAddress(quint32(0x0A000000 + i)), 2);
        QVERIFY2(throttle.trackedEntries() <= 2 * smallPolicy().maxEntries, qPrintable(QString::number(throttle.trackedEntries())));
        QVERIFY(throttle.tryBegin(QStringLiteral("alice"), kAway, 3).has_value());
    }

    void parallelAttemptsCannotSlipThroughTogether()
    {
        LoginThrottle::Policy policy = smallPolicy();
        policy.maxFailuresPerAddress = 1'000'000;
        LoginThrottle throttle(policy);
        std::atomic<int> admitted{0};
        std::vector<std::thread> threads;
        for (int t = 0; t < 8; ++t) {
            threads.emplace_back([&] {
                for (int i = 0; i < 500; ++i) {
                    if (!throttle.tryBegin(QStringLiteral("alice"), kHome, 0))
                        admitted.fetch_add(1);
                }
            });
        }
        for (std::thread &thread : threads)
            thread.join();
        QCOMPARE(admitted.load(), policy.maxFailuresPerUsername);
    }
};

QTEST_GUILESS_MAIN(TestLoginThrottle)
#include "tst_loginthrottle.moc"
