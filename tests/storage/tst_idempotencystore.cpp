// IdempotencyStore on its own, on a real database: issued keys have the issued form, keys are a
// namespace per user, a key is registered once, completed once with its response kept byte for
// byte, settled as expired only once it has lapsed unused, and purged only while it has no
// outcome.
#include "server/idempotency/IdempotencyStore.h"
#include "server/storage/RowId.h"
#include "shared/core/Timestamp.h"
#include "shared/wire/IdempotencyKeyFormat.h"
#include "tests/support/DemoDatabase.h"

#include <QSqlQuery>
#include <QTest>

#include <optional>

namespace {

constexpr qint64 kNow = 1'700'000'000'000;
constexpr qint64 kTtl = 60'000;

} // namespace

class TestIdempotencyStore : public QObject
{
    Q_OBJECT
private:
    DemoDatabase m_database;

    static StoredKey insertKey(QSqlDatabase &db, qint64 userId, qint64 createdAt = kNow, qint64 ttl = kTtl)
    {
        const auto inserted = IdempotencyStore::insert(db, IdempotencyStore::newKey(), userId, ApiOperations::kTransfer,
                                                       createdAt, ttl);
        if (!inserted)
            qWarning("insert: %s", qPrintable(inserted.problem().detail));
        return inserted ? inserted.value() : StoredKey();
    }

    std::optional<StoredKey> findKey(QSqlDatabase &db, const StoredKey &key) const
    {
        const auto found = IdempotencyStore::find(db, m_database.dialect(), key.userId, key.key, false);
        return found ? found.value() : std::optional<StoredKey>();
    }

private slots:
    void initTestCase() { QCOMPARE(m_database.create(), QString()); }

    void newKeysHaveTheIssuedFormAndDiffer()
    {
        const QString first = IdempotencyStore::newKey();
        const QString second = IdempotencyStore::newKey();
        QVERIFY(IdempotencyKeyFormat::isIssuedForm(first));
        QVERIFY(IdempotencyKeyFormat::isIssuedForm(second));
        QVERIFY(first != second);
    }

    // So that a commit of many new keys writes the last leaf of the primary key (RowId::timeOrdered).
    void aNewKeyBeginsWithItsTime()
    {
        const qint64 before = Timestamp::nowMs();
        const QString key = IdempotencyStore::newKey();
        const qint64 after = Timestamp::nowMs();
        const qint64 ms
            = key.mid(IdempotencyKeyFormat::kIssuedPrefix.size(), RowId::kTimeHexDigits).toLongLong(nullptr, 16);
        QVERIFY2(ms >= before && ms <= after, qPrintable(key));
    }

    void anInsertedKeyIsFoundUnused()
    {
        QCOMPARE(m_database.withConnection([&](QSqlDatabase &db) {
            const QString key = IdempotencyStore::newKey();
            const auto inserted
                = IdempotencyStore::insert(db, key, m_database.alice(), ApiOperations::kTransfer, kNow, kTtl);
            QVERIFY(inserted.ok());
            QCOMPARE(inserted->key, key);
            QCOMPARE(inserted->expiresAt, kNow + kTtl);
            for (const bool forUpdate : {false, true}) {
                db.transaction();
                const auto found = IdempotencyStore::find(db, m_database.dialect(), m_database.alice(), key, forUpdate);
                db.rollback();
                QVERIFY(found.ok());
                QVERIFY(found->has_value());
                const StoredKey &stored = **found;
                QCOMPARE(stored.key, key);
                QCOMPARE(stored.userId, m_database.alice());
                QCOMPARE(stored.operation, ApiOperations::kTransfer);
                QCOMPARE(stored.createdAt, kNow);
                QCOMPARE(stored.expiresAt, kNow + kTtl);
                QVERIFY(!stored.isCompleted());
                QVERIFY(!stored.expiredAt.has_value());
                QVERIFY(stored.transferId.isEmpty());
                QCOMPARE(KeyState::status(stored, kNow), KeyState::Status::Unused);
            }
        }),
                 QString());
    }

    void keysAreANamespacePerUser()
    {
        QCOMPARE(m_database.withConnection([&](QSqlDatabase &db) {
            const StoredKey alices = insertKey(db, m_database.alice());
            QVERIFY(!alices.key.isEmpty());
            const auto asBob = IdempotencyStore::find(db, m_database.dialect(), m_database.bob(), alices.key, false);
            QVERIFY(asBob.ok());
            QVERIFY(!asBob->has_value());
            QVERIFY(
                IdempotencyStore::insert(db, alices.key, m_database.bob(), ApiOperations::kTransfer, kNow, kTtl).ok());
            QCOMPARE(
                IdempotencyStore::find(db, m_database.dialect(), m_database.bob(), alices.key, false)->value().userId,
                m_database.bob());
            QCOMPARE(
                IdempotencyStore::find(db, m_database.dialect(), m_database.alice(), alices.key, false)->value().userId,
                m_database.alice());
        }),
                 QString());
    }

    void aKeyTakenAlreadyIsInUse()
    {
        QCOMPARE(m_database.withConnection([&](QSqlDatabase &db) {
            const StoredKey key = insertKey(db, m_database.alice());
            QVERIFY(!key.key.isEmpty());
            const auto again
                = IdempotencyStore::insert(db, key.key, m_database.alice(), ApiOperations::kTransfer, kNow + 1, kTtl);
            QVERIFY(!again.ok());
            QCOMPARE(again.problem().code, ProblemCode::IdempotencyKeyInUse);
        }),
                 QString());
    }

    void aKeyIsCompletedOnceWithItsResponseByteForByte()
    {
        QCOMPARE(m_database.withConnection([&](QSqlDatabase &db) {
            const StoredKey key = insertKey(db, m_database.alice());
            const QByteArray body
                = QStringLiteral("{\"id\":\"tr_1\",\"memo\":\"na\u00efve \u20ac \U0001F600\"}").toUtf8();
            const QString transferId = QStringLiteral("tr_") + key.key.right(24);
            QVERIFY(IdempotencyStore::complete(db, key, "fp-1", 201, body, transferId, kNow + 5).ok());
            const std::optional<StoredKey> stored = findKey(db, key);
            QVERIFY(stored.has_value());
            QCOMPARE(stored->fingerprint, QByteArray("fp-1"));
            QCOMPARE(stored->responseStatus, std::optional<int>(201));
            QCOMPARE(stored->responseBody, body);
            QCOMPARE(stored->transferId, transferId);
            QCOMPARE(KeyState::status(*stored, kNow + kTtl * 2), KeyState::Status::Completed);

            const auto again = IdempotencyStore::complete(db, *stored, "fp-2", 422, "{}", QString(), kNow + 6);
            QVERIFY(!again.ok());
            QCOMPARE(again.problem().code, ProblemCode::InternalError);
            QCOMPARE(findKey(db, key)->responseBody, body);
        }),
                 QString());
    }

    void refusalsAreStoredWithoutATransfer()
    {
        QCOMPARE(m_database.withConnection([&](QSqlDatabase &db) {
            // transfer_id is unique: two refusals must both store it as NULL, not as "".
            for (int i = 0; i < 2; ++i) {
                const StoredKey key = insertKey(db, m_database.alice());
                QVERIFY(
                    IdempotencyStore::complete(db, key, "fp", 422, "{\"code\":\"insufficient_funds\"}", QString(), kNow)
                        .ok());
                const std::optional<StoredKey> stored = findKey(db, key);
                QVERIFY(stored.has_value());
                QCOMPARE(stored->responseStatus, std::optional<int>(422));
                QVERIFY(stored->transferId.isEmpty());
            }
        }),
                 QString());
    }

    void onlyALapsedUnusedKeyIsSettledAsExpired()
    {
        QCOMPARE(m_database.withConnection([&](QSqlDatabase &db) {
            const StoredKey key = insertKey(db, m_database.alice(), kNow, 1'000);
            QVERIFY(!IdempotencyStore::settleExpired(db, key, kNow + 999).ok());
            QVERIFY(!findKey(db, key)->expiredAt.has_value());
            QVERIFY(IdempotencyStore::settleExpired(db, key, kNow + 1'000).ok());
            const std::optional<StoredKey> expired = findKey(db, key);
            QCOMPARE(expired->expiredAt, std::optional<qint64>(kNow + 1'000));
            QCOMPARE(KeyState::status(*expired, kNow + 1'000), KeyState::Status::Expired);
            // Settled once, and never completed after that.
            QCOMPARE(IdempotencyStore::settleExpired(db, key, kNow + 2'000).problem().code, ProblemCode::InternalError);
            QCOMPARE(IdempotencyStore::complete(db, key, "fp", 201, "{}", QString(), kNow + 2'000).problem().code,
                     ProblemCode::InternalError);
            QVERIFY(!findKey(db, key)->isCompleted());

            // A completed key has its outcome: it does not expire.
            const StoredKey completed = insertKey(db, m_database.alice(), kNow, 1'000);
            QVERIFY(IdempotencyStore::complete(db, completed, "fp", 201, "{}", QString(), kNow + 10).ok());
            QVERIFY(!IdempotencyStore::settleExpired(db, completed, kNow + 5'000).ok());
            QVERIFY(!findKey(db, completed)->expiredAt.has_value());
        }),
                 QString());
    }

    void aKeyIsStillUnusedOnlyUntilItIsCompletedSettledOrReplaced()
    {
        QCOMPARE(m_database.withConnection([&](QSqlDatabase &db) {
            const auto stillUnused = [&](const StoredKey &key) {
                const auto unused = IdempotencyStore::isStillUnused(db, m_database.dialect(), key);
                return unused.ok() && unused.value();
            };
            const StoredKey unused = insertKey(db, m_database.alice(), kNow, 1'000);
            QVERIFY(stillUnused(unused));
            StoredKey registeredAnew = unused;
            registeredAnew.createdAt = kNow + 1; // the same name, purged and registered again since
            QVERIFY(!stillUnused(registeredAnew));
            StoredKey otherUser = unused;
            otherUser.userId = m_database.bob();
            QVERIFY(!stillUnused(otherUser));

            const StoredKey completed = insertKey(db, m_database.alice());
            QVERIFY(IdempotencyStore::complete(db, completed, "fp", 201, "{}", QString(), kNow).ok());
            QVERIFY(!stillUnused(completed));
            QVERIFY(IdempotencyStore::settleExpired(db, unused, kNow + 1'000).ok());
            QVERIFY(!stillUnused(unused));
            const StoredKey abandoned = insertKey(db, m_database.alice());
            QVERIFY(IdempotencyStore::abandon(db, abandoned, kNow).ok());
            QVERIFY(!stillUnused(abandoned));
        }),
                 QString());
    }

    // The writer asks this of every transfer, under its lock. PostgreSQL once answered it through
    // the partial index of unused keys, found by user alone: every write walked all the user's
    // unused keys (5–9 ms each with 20 000 of them). PostgreSQL counts the index entries each
    // index returned; the question must read the one key, not the user's unused ones.
    void stillUnusedReadsTheOneKeyNotTheUsersUnusedKeys()
    {
        if (m_database.dialect() != SqlDialect::Postgres)
            QSKIP("PostgreSQL's planner and its per-index counters");
        QCOMPARE(m_database.withConnection([&](QSqlDatabase &db) {
            constexpr int kUnusedKeys = 20'000;
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("INSERT INTO idempotency_keys (key, user_id, operation, created_at,"
                                              " expires_at) SELECT 'many-' || i, %1, 'transfer', %2, %3"
                                              " FROM generate_series(1, %4) AS i")
                                   .arg(m_database.alice())
                                   .arg(kNow)
                                   .arg(kNow + kTtl)
                                   .arg(kUnusedKeys)));
            const StoredKey key = insertKey(db, m_database.alice());
            // This session's counts reach the shared statistics when it next goes idle.
            const auto entriesRead = [&]() -> qint64 {
                QSqlQuery stats(db);
                if (!stats.exec(QStringLiteral("SELECT pg_stat_force_next_flush()")))
                    return -1;
                stats.finish();
                if (!stats.exec(QStringLiteral("SELECT pg_stat_clear_snapshot()")))
                    return -1;
                stats.finish();
                if (!stats.exec(QStringLiteral("SELECT COALESCE(SUM(idx_tup_read), 0) FROM pg_stat_user_indexes"
                                               " WHERE relname = 'idempotency_keys'"))
                    || !stats.next())
                    return -1;
                return stats.value(0).toLongLong();
            };
            const qint64 before = entriesRead();
            QVERIFY(before >= 0);
            constexpr int kQuestions = 20;
            for (int i = 0; i < kQuestions; ++i) {
                QVERIFY(db.transaction());
                const auto unused = IdempotencyStore::isStillUnused(db, m_database.dialect(), key);
                QVERIFY(db.rollback());
                QVERIFY(unused.ok());
                QVERIFY(unused.value());
            }
            const qint64 read = entriesRead() - before;
            QVERIFY2(read >= kQuestions && read <= 2 * kQuestions,
                     qPrintable(QStringLiteral("%1 index entries read for %2 questions").arg(read).arg(kQuestions)));
        }),
                 QString());
    }

    void purgeRemovesOnlyLapsedKeysWithoutAnOutcome()
    {
        QCOMPARE(m_database.withConnection([&](QSqlDatabase &db) {
            constexpr qint64 kLongAgo = 1'000;
            constexpr qint64 kCutoff = kLongAgo + 100;
            // What the other tests left behind goes first, so the counts below are this test's.
            for (auto purged = IdempotencyStore::purgeExpired(db, m_database.dialect(), kNow * 2, 1'000);
                 !purged || purged.value() > 0;
                 purged = IdempotencyStore::purgeExpired(db, m_database.dialect(), kNow * 2, 1'000))
                QVERIFY(purged.ok());
            const StoredKey unused = insertKey(db, m_database.alice(), kLongAgo, 10);
            const StoredKey alsoUnused = insertKey(db, m_database.bob(), kLongAgo, 10);
            const StoredKey settled = insertKey(db, m_database.alice(), kLongAgo, 10);
            QVERIFY(IdempotencyStore::settleExpired(db, settled, kLongAgo + 10).ok());
            const StoredKey completed = insertKey(db, m_database.alice(), kLongAgo, 10);
            QVERIFY(IdempotencyStore::complete(db, completed, "fp", 201, "{}", QString(), kLongAgo + 1).ok());
            const StoredKey notLapsedAtTheCutoff = insertKey(db, m_database.alice(), kLongAgo, 100);
            const StoredKey current = insertKey(db, m_database.alice());

            QCOMPARE(IdempotencyStore::purgeExpired(db, m_database.dialect(), kCutoff, 2).value(), 2);
            QCOMPARE(IdempotencyStore::purgeExpired(db, m_database.dialect(), kCutoff, 2).value(), 1);
            QCOMPARE(IdempotencyStore::purgeExpired(db, m_database.dialect(), kCutoff, 2).value(), 0);
            for (const StoredKey &gone : {unused, alsoUnused, settled})
                QVERIFY(!findKey(db, gone).has_value());
            for (const StoredKey &kept : {completed, notLapsedAtTheCutoff, current})
                QVERIFY(findKey(db, kept).has_value());
        }),
                 QString());
    }

    void infoShowsTheKeyAsTheApiDoes()
    {
        StoredKey key;
        key.key = QStringLiteral("idk_0123456789abcdef0123456789abcdef");
        key.userId = m_database.alice();
        key.operation = ApiOperations::kTransfer;
        key.createdAt = kNow;
        key.expiresAt = kNow + kTtl;

        IdempotencyKeyInfo info = IdempotencyStore::toInfo(key, kNow);
        QCOMPARE(info.key, key.key);
        QCOMPARE(info.operation, ApiOperations::kTransfer);
        QCOMPARE(info.status, QStringLiteral("unused"));
        QCOMPARE(info.createdAt, Timestamp::toIso(kNow));
        QCOMPARE(info.expiresAt, Timestamp::toIso(kNow + kTtl));
        QVERIFY(!info.responseStatus.has_value());
        // Lapsed but not settled: still shown as unused (it is settled before it is shown).
        QCOMPARE(IdempotencyStore::toInfo(key, kNow + kTtl).status, QStringLiteral("unused"));

        key.responseStatus = 201;
        key.transferId = QStringLiteral("tr_0123456789abcdef01234567");
        info = IdempotencyStore::toInfo(key, kNow);
        QCOMPARE(info.status, QStringLiteral("completed"));
        QCOMPARE(info.responseStatus, std::optional<int>(201));
        QCOMPARE(info.transferId, key.transferId);

        key.responseStatus.reset();
        key.transferId.clear();
        key.expiredAt = kNow + kTtl;
        QCOMPARE(IdempotencyStore::toInfo(key, kNow + kTtl).status, QStringLiteral("expired"));
    }
};

QTEST_GUILESS_MAIN(TestIdempotencyStore)
#include "tst_idempotencystore.moc"
