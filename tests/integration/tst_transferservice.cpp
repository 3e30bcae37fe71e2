// The transfer core without HTTP: TransferService on a real Storage (reader pool and group-commit
// writer) and its writer job, TransferCommit, run directly by the writer. What each state of a
// key makes it move, store and answer. On SQLite, and on PostgreSQL as tst_transferservice_postgres.
#include "tests/support/TestDatabase.h"

#include "server/idempotency/IdempotencyStore.h"
#include "server/ledger/Ledger.h"
#include "server/runtime/DemoSeed.h"
#include "server/storage/Storage.h"
#include "server/transfers/TransferCommit.h"
#include "server/transfers/TransferService.h"
#include "shared/core/Timestamp.h"
#include "shared/json/CanonicalJson.h"
#include "shared/wire/TransferAnswer.h"

#include <QSqlQuery>
#include <QTest>

#include <chrono>
#include <future>
#include <memory>

using Kind = TransferOutcome::Kind;

class TestTransferService : public QObject
{
    Q_OBJECT
private:
    TestDatabase m_database;
    std::unique_ptr<Storage> m_storage;
    qint64 m_alice = 0;
    qint64 m_bob = 0;
    QString m_aliceChecking;
    QString m_aliceSavings;
    QString m_bobChecking;

    // Runs `job` as a writer job and waits until its batch has committed.
    template <typename T>
    Result<T> written(std::function<Result<T>(QSqlDatabase &db)> job)
    {
        std::promise<Result<T>> done;
        m_storage->write<T>(std::move(job), [&done](Result<T> result) { done.set_value(std::move(result)); });
        return done.get_future().get();
    }

    // Runs `query` on a reader thread and waits for its answer.
    template <typename T>
    T read(std::function<T(QSqlDatabase &db)> query)
    {
        std::promise<T> done;
        m_storage->read([&done, &query](QSqlDatabase &db) { done.set_value(query(db)); },
                        [](const Problem &failure) { qFatal("no reader connection: %s", qPrintable(failure.detail)); });
        return done.get_future().get();
    }

    // Submits `order` from a reader thread, as POST /v1/transfers does.
    std::future<Result<TransferOutcome>> submit(TransferService &service, const TransferOrder &order)
    {
        auto done = std::make_shared<std::promise<Result<TransferOutcome>>>();
        m_storage->read(
            [&service, order, done](QSqlDatabase &db) {
                service.submit(db, order,
                               [done](Result<TransferOutcome> outcome) { done->set_value(std::move(outcome)); });
            },
            [done](const Problem &failure) { done->set_value(failure); });
        return done->get_future();
    }

    // The demonstration delay is timed on the thread that made the service, this one: its events
    // must flow while the test waits.
    static Result<TransferOutcome> await(std::future<Result<TransferOutcome>> outcome)
    {
        while (outcome.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready)
            QTest::qWait(5);
        return outcome.get();
    }

    Result<TransferOutcome> submitted(TransferService &service, const TransferOrder &order)
    {
        return await(submit(service, order));
    }

    Result<TransferOutcome> submittedUnsafe(TransferService &service, const TransferOrder &order)
    {
        auto done = std::make_shared<std::promise<Result<TransferOutcome>>>();
        m_storage->read(
            [&service, order, done](QSqlDatabase &db) {
                service.submitUnsafe(db, order.userId, order.fingerprint, order.transfer,
                                     [done](Result<TransferOutcome> outcome) { done->set_value(std::move(outcome)); });
            },
            [done](const Problem &failure) { done->set_value(failure); });
        return await(done->get_future());
    }

    static TransferOrder transferOrder(qint64 userId, const QString &key, const QString &from, const QString &to,
                                       qint64 amount)
    {
        TransferOrder order{userId, key, {}, {}, {from, to, amount, QStringLiteral("USD"), QStringLiteral("rent")}};
        order.fingerprint = CanonicalJson::fingerprint("POST", "/v1/transfers", order.transfer.toJson());
        return order;
    }
    TransferOrder aliceOrder(const QString &key, qint64 amount = 100) const
    {
        return transferOrder(m_alice, key, m_aliceChecking, m_bobChecking, amount);
    }

    // A key issued to `userId` at `issuedAtMs`, as POST /v1/idempotency-keys issues one.
    QString issueKey(qint64 userId, qint64 issuedAtMs = Timestamp::nowMs(), qint64 ttlMs = 60'000)
    {
        const auto key = written<StoredKey>([=](QSqlDatabase &db) {
            return IdempotencyStore::insert(db, IdempotencyStore::newKey(), userId, ApiOperations::kTransfer,
                                            issuedAtMs, ttlMs);
        });
        return key ? key->key : QString();
    }

    std::optional<StoredKey> storedKey(qint64 userId, const QString &key)
    {
        return read<std::optional<StoredKey>>([&](QSqlDatabase &db) {
            return IdempotencyStore::find(db, m_storage->dialect(), userId, key, false).value();
        });
    }

    qint64 balance(const QString &account)
    {
        return read<qint64>([&](QSqlDatabase &db) { return Ledger::account(db, account).value()->balance; });
    }

    int transfersWithKey(const QString &key)
    {
        return read<int>([&](QSqlDatabase &db) {
            QSqlQuery query(db);
            query.prepare(QStringLiteral("SELECT COUNT(*) FROM transfers WHERE idempotency_key = ?"));
            query.addBindValue(key);
            return query.exec() && query.next() ? query.value(0).toInt() : -1;
        });
    }

private slots:
    void initTestCase()
    {
        QCOMPARE(m_database.setupError(), QString());
        m_storage = std::make_unique<Storage>(m_database.config());
        QCOMPARE(m_storage->open(), QString());
        const auto seeded = written<bool>([](QSqlDatabase &db) { return DemoSeed::seedIfEmpty(db); });
        QVERIFY(seeded.ok() && seeded.value());
        const auto userId = [this](const QString &name) {
            return read<qint64>([&](QSqlDatabase &db) {
                QSqlQuery query(db);
                query.prepare(QStringLiteral("SELECT id FROM users WHERE username = ?"));
                query.addBindValue(name);
                return query.exec() && query.next() ? query.value(0).toLongLong() : 0;
            });
        };
        m_alice = userId(QStringLiteral("alice"));
        m_bob = userId(QStringLiteral("bob"));
        QVERIFY(m_alice > 0 && m_bob > 0);
        const auto accounts = read<QList<Account>>([this](QSqlDatabase &db) {
            return Ledger::accountsOf(db, m_alice).value() + Ledger::accountsOf(db, m_bob).value();
        });
        for (const Account &account : accounts) {
            if (account.name == QLatin1String("Alice Checking"))
                m_aliceChecking = account.id;
            else if (account.name == QLatin1String("Alice Savings"))
                m_aliceSavings = account.id;
            else if (account.name == QLatin1String("Bob Checking"))
                m_bobChecking = account.id;
        }
        QVERIFY(!m_aliceChecking.isEmpty() && !m_aliceSavings.isEmpty() && !m_bobChecking.isEmpty());
    }

    void cleanupTestCase() { m_storage.reset(); }

    void aTransferMovesTheMoneyOnceAndItsRetriesGetItsAnswer()
    {
        IdempotentExecutor serviceKeys(*m_storage, {});
        TransferService service(*m_storage, serviceKeys);
        const qint64 aliceBefore = balance(m_aliceChecking);
        const qint64 bobBefore = balance(m_bobChecking);
        const TransferOrder first = aliceOrder(issueKey(m_alice), 1234);

        const auto moved = submitted(service, first);
        QVERIFY(moved.ok());
        QCOMPARE(moved->kind, Kind::Moved);
        QCOMPARE(balance(m_aliceChecking), aliceBefore - 1234);
        QCOMPARE(balance(m_bobChecking), bobBefore + 1234);
        QCOMPARE(transfersWithKey(first.key), 1);
        // The answer is stored with the key in the same transaction: the transfer as it was recorded.
        const auto transfer = read<std::optional<Transfer>>(
            [&](QSqlDatabase &db) { return Ledger::transferVisibleTo(db, m_alice, moved->key.transferId).value(); });
        QVERIFY(transfer.has_value());
        const TransferAnswer created = TransferAnswer::created(*transfer);
        QCOMPARE(moved->key.responseStatus, std::optional<int>(201));
        QCOMPARE(moved->key.responseBody, created.body);
        QCOMPARE(storedKey(m_alice, first.key)->responseBody, created.body);

        const auto retried = submitted(service, first);
        QVERIFY(retried.ok());
        QCOMPARE(retried->kind, Kind::Replayed);
        QCOMPARE(retried->key.responseStatus, std::optional<int>(201));
        QCOMPARE(retried->key.responseBody, created.body);
        QCOMPARE(retried->key.transferId, moved->key.transferId);
        QCOMPARE(balance(m_aliceChecking), aliceBefore - 1234);
        QCOMPARE(transfersWithKey(first.key), 1);
        // The replay is counted, in the key's row once the counter's job has committed.
        QTRY_COMPARE(storedKey(m_alice, first.key)->replays, 1);
        // Taken off once the job's Done has run on the writer thread, just after a COMMIT that
        // other connections may already see (on PostgreSQL before the writer hears it returned).
        QTRY_COMPARE(serviceKeys.replays().uncommitted(m_alice, first.key), 0);
    }

    void tooLittleMoneyIsAnAnswerStoredLikeATransfer()
    {
        IdempotentExecutor serviceKeys(*m_storage, {});
        TransferService service(*m_storage, serviceKeys);
        const qint64 before = balance(m_aliceChecking);
        const TransferOrder order = aliceOrder(issueKey(m_alice), before + 1);

        const auto refused = submitted(service, order);
        QVERIFY(refused.ok());
        QCOMPARE(refused->kind, Kind::InsufficientFunds);
        QCOMPARE(refused->key.responseStatus, std::optional<int>(422));
        QCOMPARE(Problem::fromJson(refused->key.responseBody)->code, ProblemCode::InsufficientFunds);
        QVERIFY(refused->key.transferId.isEmpty());
        const std::optional<StoredKey> completed = storedKey(m_alice, order.key);
        QCOMPARE(completed->responseStatus, std::optional<int>(422));
        QCOMPARE(completed->responseBody, refused->key.responseBody);
        QVERIFY(completed->transferId.isEmpty());
        QCOMPARE(balance(m_aliceChecking), before);
        QCOMPARE(transfersWithKey(order.key), 0);

        // Money arriving later does not change the answer: the key holds it.
        const auto retried = submitted(service, order);
        QVERIFY(retried.ok());
        QCOMPARE(retried->kind, Kind::Replayed);
        QCOMPARE(retried->key.responseBody, refused->key.responseBody);
    }

    void anotherRequestUnderACompletedKeyIsRefused()
    {
        IdempotentExecutor serviceKeys(*m_storage, {});
        TransferService service(*m_storage, serviceKeys);
        const TransferOrder first = aliceOrder(issueKey(m_alice), 10);
        QCOMPARE(submitted(service, first)->kind, Kind::Moved);
        const qint64 before = balance(m_aliceChecking);

        TransferOrder other = aliceOrder(first.key, 11);
        const auto refused = submitted(service, other);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.problem().code, ProblemCode::IdempotencyKeyReused);
        QCOMPARE(balance(m_aliceChecking), before);
    }

    void theAccountsAreCheckedBeforeTheKeyIsUsed()
    {
        const auto euro = written<bool>([this](QSqlDatabase &db) {
            return Ledger::createAccount(db, QStringLiteral("acc_test_eur"), m_bob, QStringLiteral("Bob Euro"),
                                         QStringLiteral("EUR"), 0);
        });
        QVERIFY(euro.ok());
        IdempotentExecutor serviceKeys(*m_storage, {});
        TransferService service(*m_storage, serviceKeys);
        const struct
        {
            TransferOrder order;
            ProblemCode refusal;
        } cases[] = {
            {transferOrder(m_alice, issueKey(m_alice), m_bobChecking, m_aliceChecking, 1), ProblemCode::Forbidden},
            {transferOrder(m_alice, issueKey(m_alice), m_aliceChecking, QStringLiteral("acc_nonexistent"), 1),
             ProblemCode::ValidationFailed},
            {transferOrder(m_alice, issueKey(m_alice), m_aliceChecking, QStringLiteral("acc_test_eur"), 1),
             ProblemCode::ValidationFailed},
        };
        for (const auto &[order, refusal] : cases) {
            const auto refused = submitted(service, order);
            QVERIFY(!refused.ok());
            QCOMPARE(refused.problem().code, refusal);
            // Nothing was stored: the key may still be used for a transfer that passes.
            QVERIFY(!storedKey(m_alice, order.key)->isCompleted());
        }
    }

    void aSecondRequestWhileTheFirstIsInFlightIsRefused()
    {
        IdempotencyOptions options;
        options.processingDelayMs = 1'000;
        IdempotentExecutor serviceKeys(*m_storage, options);
        TransferService service(*m_storage, serviceKeys);
        const TransferOrder order = aliceOrder(issueKey(m_alice), 5);
        const qint64 before = balance(m_aliceChecking);

        auto first = submit(service, order);
        auto second = submit(service, order);
        const auto one = await(std::move(first));
        const auto other = await(std::move(second));
        // Whichever reader took the key moved the money; the other was refused, not queued.
        QVERIFY(one.ok() != other.ok());
        QCOMPARE((one.ok() ? one : other)->kind, Kind::Moved);
        QCOMPARE((one.ok() ? other : one).problem().code, ProblemCode::IdempotencyKeyInUse);
        QCOMPARE(balance(m_aliceChecking), before - 5);
        // Released once the first has committed: the next retry gets its answer.
        QCOMPARE(submitted(service, order)->kind, Kind::Replayed);
    }

    void aLapsedKeyIsSettledAsExpiredAndRefused()
    {
        IdempotentExecutor serviceKeys(*m_storage, {});
        TransferService service(*m_storage, serviceKeys);
        const qint64 ttlMs = 1'000;
        const TransferOrder order = aliceOrder(issueKey(m_alice, Timestamp::nowMs() - 2 * ttlMs, ttlMs));
        const qint64 before = balance(m_aliceChecking);

        const auto refused = submitted(service, order);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.problem().code, ProblemCode::IdempotencyKeyExpired);
        QVERIFY(storedKey(m_alice, order.key)->expiredAt.has_value());
        QCOMPARE(balance(m_aliceChecking), before);
        QCOMPARE(transfersWithKey(order.key), 0);
    }

    void clientKeysAreRegisteredOnlyWhenTheServerAcceptsThem()
    {
        const TransferOrder chosen = aliceOrder(QStringLiteral("client-chosen-1"), 7);
        IdempotentExecutor issuedOnlyKeys(*m_storage, {});
        TransferService issuedOnly(*m_storage, issuedOnlyKeys);
        const auto refused = submitted(issuedOnly, chosen);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.problem().code, ProblemCode::IdempotencyKeyUnknown);
        QVERIFY(!storedKey(m_alice, chosen.key).has_value());

        IdempotencyOptions options;
        options.acceptClientKeys = true;
        IdempotentExecutor acceptingKeys(*m_storage, options);
        TransferService accepting(*m_storage, acceptingKeys);
        QCOMPARE(submitted(accepting, chosen)->kind, Kind::Moved);
        QVERIFY(storedKey(m_alice, chosen.key)->isCompleted());
        // Keys are a namespace per user: bob's key of the same name is his own.
        const TransferOrder bobs = transferOrder(m_bob, chosen.key, m_bobChecking, m_aliceChecking, 7);
        QCOMPARE(submitted(accepting, bobs)->kind, Kind::Moved);
    }

    void anUnsafeTransferMovesTheMoneyEveryTime()
    {
        IdempotentExecutor serviceKeys(*m_storage, {});
        TransferService service(*m_storage, serviceKeys);
        const qint64 before = balance(m_aliceChecking);
        const TransferOrder unkeyed = aliceOrder({}, 3);
        const auto first = submittedUnsafe(service, unkeyed);
        const auto second = submittedUnsafe(service, unkeyed);
        QVERIFY(first.ok() && second.ok());
        QCOMPARE(first->kind, Kind::Moved);
        QCOMPARE(second->kind, Kind::Moved);
        QCOMPARE(balance(m_aliceChecking), before - 6);
        // Each under a fresh key of its own operation, completed with the transfer.
        QVERIFY(first->key.key != second->key.key);
        QCOMPARE(first->key.operation, QString::fromLatin1(TransferCommit::kUnsafeOperation));
        QCOMPARE(storedKey(m_alice, second->key.key)->transferId, second->key.transferId);
        QCOMPARE(transfersWithKey(first->key.key), 1);

        const auto refused = submittedUnsafe(service, transferOrder(m_alice, {}, m_bobChecking, m_aliceChecking, 1));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.problem().code, ProblemCode::Forbidden);
    }

    void theWriterJobDecidesAgainUnderTheLock()
    {
        const KeyedCommit keys(m_storage->dialect(), {});
        const TransferCommit commit(keys);
        const TransferOrder order = aliceOrder(issueKey(m_alice), 2);
        const auto job = [&](const TransferOrder &o, qint64 notBeforeMs) {
            return written<TransferOutcome>([&](QSqlDatabase &db) { return commit.execute(db, o, notBeforeMs); });
        };

        const auto moved = job(order, 0);
        QVERIFY(moved.ok());
        QCOMPARE(moved->kind, Kind::Moved);
        // Completed since a reader looked: the job replays, or refuses another body.
        QCOMPARE(job(order, 0)->kind, Kind::Replayed);
        QCOMPARE(job(aliceOrder(order.key, 3), 0).problem().code, ProblemCode::IdempotencyKeyReused);

        // The reader's clock is a floor for the writer's: a key the reader saw lapse is settled as
        // expired, whatever the writer's clock says.
        const auto fresh = storedKey(m_alice, issueKey(m_alice));
        QVERIFY(fresh.has_value());
        const auto expired = job(aliceOrder(fresh->key), fresh->expiresAt);
        QVERIFY(expired.ok());
        QCOMPARE(expired->kind, Kind::Expired);
        QCOMPARE(expired->refusal.code, ProblemCode::IdempotencyKeyExpired);
        QVERIFY(storedKey(m_alice, fresh->key)->expiredAt.has_value());
    }

    // A job that cannot finish (its destination account is gone) leaves nothing behind: not the
    // debit, not a record, and the key still unused; whether the reader saw the key unused or not.
    void aJobThatCannotFinishLeavesNothingBehind()
    {
        const KeyedCommit keys(m_storage->dialect(), {});
        const TransferCommit commit(keys);
        for (const bool seenUnused : {false, true}) {
            const TransferOrder order
                = transferOrder(m_alice, issueKey(m_alice), m_aliceChecking, QStringLiteral("acc_0000000000000000"), 2);
            const std::optional<StoredKey> seen = seenUnused ? storedKey(m_alice, order.key) : std::nullopt;
            const qint64 before = balance(m_aliceChecking);
            const auto failed
                = written<TransferOutcome>([&](QSqlDatabase &db) { return commit.execute(db, order, 0, seen); });
            QVERIFY(!failed.ok());
            QCOMPARE(failed.problem().code, ProblemCode::InternalError);
            QCOMPARE(balance(m_aliceChecking), before);
            QCOMPARE(transfersWithKey(order.key), 0);
            QCOMPARE(storedKey(m_alice, order.key)->isCompleted(), false);
        }
    }

    // The writer is given the key as the reader found it unused, and only checks that it still
    // is: whatever changed since, the job answers as if it had read the key whole.
    void theWriterJobTrustsWhatTheReaderSawOnlyWhileItHolds()
    {
        const KeyedCommit keys(m_storage->dialect(), {});
        const TransferCommit commit(keys);
        const auto job = [&](const TransferOrder &o, const std::optional<StoredKey> &seen) {
            return written<TransferOutcome>([&](QSqlDatabase &db) { return commit.execute(db, o, 0, seen); });
        };

        TransferOrder order = aliceOrder(issueKey(m_alice), 2);
        order.digest = "the request's digest"; // stored with the answer
        const std::optional<StoredKey> seen = storedKey(m_alice, order.key);
        QVERIFY(seen.has_value());
        const qint64 before = balance(m_aliceChecking);
        const auto moved = job(order, seen);
        QVERIFY(moved.ok());
        QCOMPARE(moved->kind, Kind::Moved);
        QCOMPARE(balance(m_aliceChecking), before - 2);
        // Completed with what it answered (on PostgreSQL in the same statement as the move).
        const std::optional<StoredKey> completed = storedKey(m_alice, order.key);
        QCOMPARE(completed->responseStatus, 201);
        QCOMPARE(completed->responseBody, moved->key.responseBody);
        QCOMPARE(completed->transferId, moved->key.transferId);
        QCOMPARE(completed->fingerprint, order.fingerprint);
        QCOMPARE(completed->requestDigest, order.digest);
        QVERIFY(!completed->transferId.isEmpty());
        QCOMPARE(transfersWithKey(order.key), 1);
        // Completed since that reader looked: replayed, or another body refused, not run again.
        const auto replayed = job(order, seen);
        QVERIFY(replayed.ok());
        QCOMPARE(replayed->kind, Kind::Replayed);
        QCOMPARE(job(aliceOrder(order.key, 3), seen).problem().code, ProblemCode::IdempotencyKeyReused);
        QCOMPARE(transfersWithKey(order.key), 1);

        // Abandoned since: refused as when the key is read whole.
        const TransferOrder dropped = aliceOrder(issueKey(m_alice), 2);
        const std::optional<StoredKey> seenUnused = storedKey(m_alice, dropped.key);
        QVERIFY(written<bool>([&](QSqlDatabase &db) {
                    return IdempotencyStore::abandon(db, *seenUnused, Timestamp::nowMs());
                }).ok());
        const auto refused = job(dropped, seenUnused);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.problem().code, job(dropped, std::nullopt).problem().code);
        QCOMPARE(transfersWithKey(dropped.key), 0);

        // A record of another key under the same name (purged, then registered anew, so another
        // created_at): the row is read again, not taken for the one the reader saw. Taken for it,
        // this record's lapse would be settled on the new, valid row.
        const TransferOrder renamed = aliceOrder(issueKey(m_alice), 2);
        std::optional<StoredKey> older = storedKey(m_alice, renamed.key);
        older->createdAt -= 120'000;
        older->expiresAt = older->createdAt + 60'000;
        const auto renamedMoved = job(renamed, older);
        QVERIFY2(renamedMoved.ok(), qPrintable(renamedMoved.ok() ? QString() : renamedMoved.problem().detail));
        QCOMPARE(renamedMoved->kind, Kind::Moved);
        QCOMPARE(transfersWithKey(renamed.key), 1);
    }
};

QTEST_GUILESS_MAIN(TestTransferService)
#include "tst_transferservice.moc"
