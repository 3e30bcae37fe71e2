// SessionCache: an entry answers until the session expires or kMaxAgeMs pass, whichever is first,
// and the cache stays bounded.
#include "server/auth/SessionCache.h"

#include <QTest>

class TestSessionCache : public QObject
{
    Q_OBJECT
private slots:
    void unknownTokensAreNotFound()
    {
        SessionCache cache;
        QVERIFY(!cache.find("nope", 1'000));
    }

    void anEntryAnswersUntilItsMaxAge()
    {
        SessionCache cache;
        const qint64 now = 1'000'000;
        cache.remember("alice-hash", {7, QStringLiteral("alice")}, now + 3'600'000, now);
        const auto found = cache.find("alice-hash", now + SessionCache::kMaxAgeMs - 1);
        QVERIFY(found);
        QCOMPARE(found->id, 7);
        QCOMPARE(found->username, QStringLiteral("alice"));
        // After that the database is asked again, so a deleted session stops working.
        QVERIFY(!cache.find("alice-hash", now + SessionCache::kMaxAgeMs));
        QVERIFY(!cache.find("bob-hash", now));
    }

    void anEntryNeverOutlivesItsSession()
    {
        SessionCache cache;
        const qint64 now = 1'000'000;
        cache.remember("short", {1, QStringLiteral("alice")}, now + 10, now);
        QVERIFY(cache.find("short", now + 9));
        QVERIFY(!cache.find("short", now + 10));
    }

    void aRevokedSessionIsNotFoundNorRememberedAgain()
    {
        SessionCache cache;
        const qint64 now = 1'000'000;
        cache.remember("alice-hash", {7, QStringLiteral("alice")}, now + 3'600'000, now);
        cache.revoke("alice-hash", now + 1);
        QVERIFY(!cache.find("alice-hash", now + 1));
        // A reader that found the row just before it was deleted does not bring it back.
        cache.remember("alice-hash", {7, QStringLiteral("alice")}, now + 3'600'000, now + 2);
        QVERIFY(!cache.find("alice-hash", now + 2));
        // After kMaxAgeMs no lookup can predate the delete: the entry is an ordinary one again.
        cache.remember("alice-hash", {7, QStringLiteral("alice")}, now + 3'600'000, now + 1 + SessionCache::kMaxAgeMs);
        QVERIFY(cache.find("alice-hash", now + 1 + SessionCache::kMaxAgeMs));
    }

    void itStaysBounded()
    {
        SessionCache cache;
        const qint64 now = 1'000'000;
        for (qsizetype i = 0; i < SessionCache::kCapacity; ++i)
            cache.remember(QByteArray::number(i), {i, QStringLiteral("u")}, now + 1'000, now);
        QCOMPARE(cache.size(), SessionCache::kCapacity);
        // Later, every entry has aged out: they make room for the new one.
        cache.remember("late", {1, QStringLiteral("u")}, now + 100'000, now + SessionCache::kMaxAgeMs);
        QCOMPARE(cache.size(), 1);
        QVERIFY(cache.find("late", now + SessionCache::kMaxAgeMs));
        // Full of live entries: it starts over and never grows past its capacity.
        for (qsizetype i = 0; i < SessionCache::kCapacity + 10; ++i)
            cache.remember(QByteArray::number(i), {i, QStringLiteral("u")}, now + 100'000,
                           now + SessionCache::kMaxAgeMs);
        QVERIFY(cache.size() <= SessionCache::kCapacity);
        QVERIFY(cache.find(QByteArray::number(SessionCache::kCapacity + 9), now + SessionCache::kMaxAgeMs));
    }
};

QTEST_APPLESS_MAIN(TestSessionCache)
#include "tst_sessioncache.moc"
