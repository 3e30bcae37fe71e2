// ReplayCache: only completed keys, found by their user and key, never past their expiry, and
// within the byte budget, the least recently used going first.
#include "server/idempotency/ReplayCache.h"

#include <QTest>

namespace {

constexpr qint64 kNow = 1'000'000;

StoredKey completed(qint64 userId, const QString &key, qint64 expiresAt = kNow + 60'000)
{
    StoredKey stored;
    stored.key = key;
    stored.userId = userId;
    stored.operation = QStringLiteral("transfer");
    stored.expiresAt = expiresAt;
    stored.fingerprint = QByteArray(64, 'f');
    stored.responseStatus = 201;
    stored.responseBody = QByteArray(100, 'b');
    return stored;
}

} // namespace

class TestReplayCache : public QObject
{
    Q_OBJECT
private slots:
    void keepsOnlyCompletedKeys()
    {
        ReplayCache cache(1 << 20);
        StoredKey unused = completed(1, QStringLiteral("idk_unused"));
        unused.responseStatus.reset();
        cache.remember(unused);
        QVERIFY(!cache.find(1, QStringLiteral("idk_unused"), kNow));
        QCOMPARE(cache.size(), 0);
        cache.remember(completed(1, QStringLiteral("idk_done")));
        const auto found = cache.find(1, QStringLiteral("idk_done"), kNow);
        QVERIFY(found);
        QCOMPARE(found->responseBody, QByteArray(100, 'b'));
        QCOMPARE(found->responseStatus, 201);
    }

    void aKeyIsFoundOnlyForItsUser()
    {
        ReplayCache cache(1 << 20);
        cache.remember(completed(1, QStringLiteral("idk_same")));
        QVERIFY(cache.find(1, QStringLiteral("idk_same"), kNow));
        QVERIFY(!cache.find(2, QStringLiteral("idk_same"), kNow));
        QVERIFY(cache.contains(1, QStringLiteral("idk_same"), kNow));
        QVERIFY(!cache.contains(2, QStringLiteral("idk_same"), kNow));
    }

    void anEntryGoesAtItsKeysExpiry()
    {
        ReplayCache cache(1 << 20);
        cache.remember(completed(1, QStringLiteral("idk_short"), kNow + 10));
        QVERIFY(cache.contains(1, QStringLiteral("idk_short"), kNow + 9));
        QVERIFY(!cache.contains(1, QStringLiteral("idk_short"), kNow + 10));
        QVERIFY(cache.find(1, QStringLiteral("idk_short"), kNow + 9));
        QVERIFY(!cache.find(1, QStringLiteral("idk_short"), kNow + 10));
        QCOMPARE(cache.size(), 0);
        QCOMPARE(cache.bytes(), 0);
    }

    void theBudgetHoldsTheMostRecentlyUsed()
    {
        const qint64 cost = ReplayCache::costOf(completed(1, QStringLiteral("idk_0")));
        ReplayCache cache(3 * cost);
        for (int i = 0; i < 3; ++i)
            cache.remember(completed(1, QStringLiteral("idk_%1").arg(i)));
        QCOMPARE(cache.size(), 3);
        QCOMPARE(cache.bytes(), 3 * cost);
        QVERIFY(cache.find(1, QStringLiteral("idk_0"), kNow)); // now the most recently used
        cache.remember(completed(1, QStringLiteral("idk_3")));
        QCOMPARE(cache.size(), 3);
        QVERIFY(cache.bytes() <= 3 * cost);
        QVERIFY(!cache.find(1, QStringLiteral("idk_1"), kNow));
        for (const char *kept : {"idk_0", "idk_2", "idk_3"})
            QVERIFY2(cache.find(1, QString::fromLatin1(kept), kNow), kept);
    }

    void aBudgetOfNothingKeepsNothing()
    {
        ReplayCache cache(0);
        cache.remember(completed(1, QStringLiteral("idk_x")));
        QVERIFY(!cache.find(1, QStringLiteral("idk_x"), kNow));
        QCOMPARE(cache.bytes(), 0);
    }

    void anEntryLargerThanTheBudgetIsNotKept()
    {
        StoredKey large = completed(1, QStringLiteral("idk_large"));
        ReplayCache cache(ReplayCache::costOf(large) - 1);
        cache.remember(completed(1, QStringLiteral("idk_s")));
        cache.remember(large);
        QVERIFY(!cache.find(1, QStringLiteral("idk_large"), kNow));
    }

    // A request's body the key was replayed to finds the key again, those bytes only, for its
    // user only, until the key's expiry; its bytes count against the budget.
    void aRepeatedBodyFindsItsKey()
    {
        const QString key = QStringLiteral("idk_repeat");
        const QByteArray body = R"({"amount":5,"currency":"USD"})";
        const qint64 cost = ReplayCache::costOf(completed(1, key));
        ReplayCache cache(3 * cost);
        cache.rememberRepeat(1, key, body); // not here yet: nothing to note it on
        cache.remember(completed(1, key, kNow + 10));
        QVERIFY(!cache.findRepeat(1, key, body, kNow)); // not replayed to yet
        cache.rememberRepeat(1, key, body);
        QCOMPARE(cache.bytes(), cost + body.size());
        const auto found = cache.findRepeat(1, key, body, kNow);
        QVERIFY(found);
        QCOMPARE(found->fingerprint, QByteArray(64, 'f'));
        QVERIFY(
            !cache.findRepeat(1, key, R"({"currency":"USD","amount":5})", kNow)); // the same JSON, not the same bytes
        QVERIFY(!cache.findRepeat(1, key, body + ' ', kNow));
        QVERIFY(!cache.findRepeat(1, key, {}, kNow));
        QVERIFY(!cache.findRepeat(2, key, body, kNow));
        // The last body replayed to is the one kept.
        cache.rememberRepeat(1, key, body + ' ');
        QCOMPARE(cache.bytes(), cost + body.size() + 1);
        QVERIFY(!cache.findRepeat(1, key, body, kNow));
        QVERIFY(cache.findRepeat(1, key, body + ' ', kNow));
        QVERIFY(!cache.findRepeat(1, key, body + ' ', kNow + 10));
        QCOMPARE(cache.bytes(), 0);
    }

    void anEmptyBodyCanBeARepeat()
    {
        ReplayCache cache(1 << 20);
        cache.remember(completed(1, QStringLiteral("idk_empty")));
        cache.rememberRepeat(1, QStringLiteral("idk_empty"), QByteArray());
        QVERIFY(cache.findRepeat(1, QStringLiteral("idk_empty"), QByteArray(), kNow));
        QVERIFY(cache.findRepeat(1, QStringLiteral("idk_empty"), QByteArray(""), kNow));
    }

    // A noted body makes room for itself like a new entry, and one that would not fit is not noted.
    void aRepeatedBodyKeepsTheBudget()
    {
        const qint64 cost = ReplayCache::costOf(completed(1, QStringLiteral("idk_0")));
        ReplayCache cache(3 * cost);
        for (int i = 0; i < 3; ++i)
            cache.remember(completed(1, QStringLiteral("idk_%1").arg(i)));
        cache.rememberRepeat(1, QStringLiteral("idk_2"), QByteArray(int(cost / 2), 'x'));
        QVERIFY(cache.bytes() <= 3 * cost);
        QCOMPARE(cache.size(), 2);
        QVERIFY(!cache.find(1, QStringLiteral("idk_0"), kNow)); // the least recently used went
        QVERIFY(cache.findRepeat(1, QStringLiteral("idk_2"), QByteArray(int(cost / 2), 'x'), kNow));
        cache.rememberRepeat(1, QStringLiteral("idk_1"), QByteArray(int(3 * cost), 'y'));
        QVERIFY(!cache.findRepeat(1, QStringLiteral("idk_1"), QByteArray(int(3 * cost), 'y'), kNow));
        QVERIFY(cache.find(1, QStringLiteral("idk_1"), kNow));
        QVERIFY(cache.bytes() <= 3 * cost);
    }
};

QTEST_GUILESS_MAIN(TestReplayCache)
#include "tst_replaycache.moc"
