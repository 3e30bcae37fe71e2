// LoginThrottle on its own: free failures per (username, address) and per address, then delays
// that double up to a cap, never a lock-out of the owner elsewhere; windows that forget, memory
// that stays bounded, and counting that holds under parallel attempts.
#include "server/auth/LoginThrottle.h"

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
    policy.freeFailuresPerUsername = 3;
    policy.freeFailuresPerAddress = 5;
    policy.windowMs = 10'000;
    policy.firstDelayMs = 1'000;
    policy.maxDelayMs = 4'000;
    policy.maxEntries = 100;
    return policy;
}

// One failed attempt, started at `now` and answered `checkMs` later; false if it was refused.
bool fail(LoginThrottle &throttle, const QString &user, const QHostAddress &address, qint64 now, qint64 checkMs = 0)
{
    if (throttle.tryBegin(user, address, now))
        return false;
    throttle.finish(user, address, LoginThrottle::Outcome::WrongCredentials, now + checkMs);
    return true;
}

} // namespace

class TestLoginThrottle : public QObject
{
    Q_OBJECT
private slots:
    void guessesFromOneAddressDoNotDelayTheOwnerElsewhere()
    {
        LoginThrottle throttle(smallPolicy());
        for (int i = 0; i < 3; ++i)
            QVERIFY(fail(throttle, QStringLiteral("alice"), kAway, 100));
        // The guesser waits ...
        QCOMPARE(throttle.tryBegin(QStringLiteral("alice"), kAway, 200), std::optional<qint64>(900));
        // ... alice at home does not, again and again.
        for (int i = 0; i < 3; ++i) {
            QVERIFY(!throttle.tryBegin(QStringLiteral("alice"), kHome, 300));
            throttle.finish(QStringLiteral("alice"), kHome, LoginThrottle::Outcome::LoggedIn, 300);
        }
        // Another name from the guesser's address is not delayed either (3 of its 5 used).
        QVERIFY(fail(throttle, QStringLiteral("bob"), kAway, 300));
        // After the delay, one more try.
        QVERIFY(!throttle.tryBegin(QStringLiteral("alice"), kAway, 1'100));
    }

    void delaysDoubleUpToTheCap()
    {
        LoginThrottle throttle(smallPolicy());
        qint64 now = 0;
        for (int i = 0; i < 3; ++i)
            QVERIFY(fail(throttle, QStringLiteral("alice"), kAway, now));
        QList<qint64> delays;
        for (int round = 0; round < 5; ++round) {
            const auto wait = throttle.tryBegin(QStringLiteral("alice"), kAway, now);
            QVERIFY(wait.has_value());
            delays.append(*wait);
            now += *wait;
            QVERIFY(fail(throttle, QStringLiteral("alice"), kAway, now));
        }
        QCOMPARE(delays, (QList<qint64>{1'000, 2'000, 4'000, 4'000, 4'000}));
    }

    void theDelayRunsFromTheAnswerNotTheStart()
    {
        LoginThrottle throttle(smallPolicy());
        // Each password check takes 2.5 s (a slow machine): the third failure is answered at 7 500.
        for (qint64 start : {0, 2'500, 5'000})
            QVERIFY(fail(throttle, QStringLiteral("alice"), kAway, start, 2'500));
        QCOMPARE(throttle.tryBegin(QStringLiteral("alice"), kAway, 7'600), std::optional<qint64>(900));
        QVERIFY(!throttle.tryBegin(QStringLiteral("alice"), kAway, 8'500));
    }

    void addressIsDelayedAcrossUsernames()
    {
        LoginThrottle throttle(smallPolicy());
        for (int i = 0; i < 5; ++i)
            QVERIFY(fail(throttle, QStringLiteral("user%1").arg(i), kAway, 0));
        QCOMPARE(throttle.tryBegin(QStringLiteral("fresh"), kAway, 10), std::optional<qint64>(990));
        QVERIFY(!throttle.tryBegin(QStringLiteral("fresh"), kHome, 10));
    }

    void ipv4MappedAddressCountsAsItsIpv4()
    {
        LoginThrottle throttle(smallPolicy());
        const QHostAddress mapped(QStringLiteral("::ffff:192.0.2.1"));
        for (int i = 0; i < 5; ++i)
            QVERIFY(fail(throttle, QStringLiteral("user%1").arg(i), i % 2 ? mapped : kHome, 0));
        QVERIFY(throttle.tryBegin(QStringLiteral("fresh"), kHome, 1).has_value());
    }

    void ipv6AddressesCountByTheirSlash64()
    {
        LoginThrottle throttle(smallPolicy());
        for (int i = 0; i < 3; ++i)
            QVERIFY(fail(throttle, QStringLiteral("alice"), QHostAddress(QStringLiteral("2001:db8:1:2::%1").arg(i + 1)),
                         0));
        QVERIFY(throttle.tryBegin(QStringLiteral("alice"), QHostAddress(QStringLiteral("2001:db8:1:2:ffff::9")), 1)
                    .has_value());
        QVERIFY(!throttle.tryBegin(QStringLiteral("alice"), QHostAddress(QStringLiteral("2001:db8:1:3::1")), 1));
    }

    void successForgetsThePairButNotTheAddress()
    {
        LoginThrottle throttle(smallPolicy());
        QVERIFY(fail(throttle, QStringLiteral("alice"), kHome, 0));
        QVERIFY(fail(throttle, QStringLiteral("alice"), kHome, 0));
        QVERIFY(!throttle.tryBegin(QStringLiteral("alice"), kHome, 0));
        throttle.finish(QStringLiteral("alice"), kHome, LoginThrottle::Outcome::LoggedIn, 0);
        // alice has her three attempts from kHome again ...
        QVERIFY(fail(throttle, QStringLiteral("alice"), kHome, 0));
        QVERIFY(fail(throttle, QStringLiteral("alice"), kHome, 0));
        QVERIFY(fail(throttle, QStringLiteral("alice"), kHome, 0));
        // ... while kHome kept its two earlier failures: with these three it has used its five.
        QVERIFY(throttle.tryBegin(QStringLiteral("w"), kHome, 0).has_value());
    }

    void undecidedAttemptsAreNotCounted()
    {
        LoginThrottle throttle(smallPolicy());
        for (int i = 0; i < 10; ++i) {
            QVERIFY(!throttle.tryBegin(QStringLiteral("alice"), kHome, 0));
            throttle.finish(QStringLiteral("alice"), kHome, LoginThrottle::Outcome::Undecided, 0);
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

    void memoryStaysBoundedAndAFloodFreesNoDelayedPair()
    {
        LoginThrottle throttle(smallPolicy());
        for (int i = 0; i < 3; ++i)
            QVERIFY(fail(throttle, QStringLiteral("alice"), kAway, 0));
        QVERIFY(throttle.tryBegin(QStringLiteral("alice"), kAway, 1).has_value()); // delayed now
        // A flood of other names from many addresses, all inside the delay.
        for (int i = 0; i < 5'000; ++i)
            fail(throttle, QStringLiteral("flood%1").arg(i), QHostAddress(quint32(0x0A000000 + i)), 2);
        QVERIFY2(throttle.trackedEntries() <= 2 * smallPolicy().maxEntries,
                 qPrintable(QString::number(throttle.trackedEntries())));
        QVERIFY(throttle.tryBegin(QStringLiteral("alice"), kAway, 3).has_value());
    }

    void parallelAttemptsCannotSlipThroughTogether()
    {
        LoginThrottle::Policy policy = smallPolicy();
        policy.freeFailuresPerAddress = 1'000'000;
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
        QCOMPARE(admitted.load(), policy.freeFailuresPerUsername);
    }
};

QTEST_GUILESS_MAIN(TestLoginThrottle)
#include "tst_loginthrottle.moc"
