// Group commit under concurrent load keeps every contract guarantee: each key moves money at
// most once, every retry gets the first answer byte for byte, a failing job rolls back only its
// own changes, no job is answered before its batch has committed, an acknowledged transfer
// survives the server being killed, and a busy writer's log starts over below its size limit.
#include "server/idempotency/IdempotencyStore.h"
#include "server/idempotency/ReplayCounter.h"
#include "server/runtime/DemoSeed.h"
#include "server/storage/ConnectionFactory.h"
#include "server/storage/Storage.h"
#include "server/storage/WalCheckpointer.h"
#include "shared/core/Timestamp.h"
#include "shared/wire/ApiTypes.h"
#include "tests/support/Concurrently.h"
#include "tests/support/DemoAccounts.h"
#include "tests/support/HeldWriter.h"
#include "tests/support/TestServer.h"

#include <QFileInfo>
#include <QJsonDocument>
#include <QMutex>
#include <QProcess>
#include <QSemaphore>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <csignal>
#include <future>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace {

struct Answer
{
    QString key;
    TestResponse response;
};

bool isReplay(const TestResponse &response) { return response.header("idempotent-replayed") == "true"; }

// A storage with the bank schema and demo users on a temporary SQLite file.
struct ScratchStorage
{
    QTemporaryDir dir;
    std::unique_ptr<Storage> storage;
    qint64 userId = 0;

    QString open()
    {
        storage = std::make_unique<Storage>(DatabaseConfig::sqlite(dir.filePath(QStringLiteral("scratch.db"))));
        if (const QString failure = storage->open(); !failure.isEmpty())
            return failure;
        std::promise<Result<bool>> seeded;
        storage->write<bool>([](QSqlDatabase &db) { return DemoSeed::seedIfEmpty(db); },
                             [&seeded](Result<bool> result) { seeded.set_value(std::move(result)); });
        if (const Result<bool> result = seeded.get_future().get(); !result)
            return result.problem().detail;
        // Any user will do as the owner of the keys these tests insert.
        std::promise<qint64> user;
        storage->read(
            [&user](QSqlDatabase &db) {
                QSqlQuery query(db);
                user.set_value(query.exec(QStringLiteral("SELECT MIN(id) FROM users")) && query.next()
                                   ? query.value(0).toLongLong()
                                   : 0);
            },
            [&user](const Problem &) { user.set_value(0); });
        userId = user.get_future().get();
        return userId > 0 ? QString() : QStringLiteral("no user");
    }
};

} // namespace

class TestGroupCommitWriter : public QObject
{
    Q_OBJECT

private slots:
    void jobsQueuedBehindARunningJobShareItsCommit()
    {
        ScratchStorage scratch;
        QCOMPARE(scratch.open(), QString());
        GroupCommitWriter &writer = scratch.storage->writer();
        // A job that holds the writer while the others queue behind it.
        HeldWriter held(writer);
        const quint64 batchesBefore = writer.batchCount();

        constexpr int kJobs = 30;
        const qint64 userId = scratch.userId;
        const QString checkerPath = scratch.dir.filePath(QStringLiteral("scratch.db"));
        std::vector<std::promise<QString>> outcomes(kJobs);
        QStringList keys;
        for (int i = 0; i < kJobs; ++i)
            keys.append(IdempotencyStore::newKey());
        for (int i = 0; i < kJobs; ++i) {
            // Every third job fails on its second statement (a duplicate key): its first
            // insert must be rolled back with it, and nothing else.
            const bool fails = i % 3 == 2;
            const QString key = keys.at(i);
            const QString duplicate = keys.at(0);
            scratch.storage->write<bool>(
                [=](QSqlDatabase &db) -> Result<bool> {
                    const auto inserted = IdempotencyStore::insert(db, key, userId, ApiOperations::kTransfer,
                                                                   Timestamp::nowMs(), 60'000);
                    if (!inserted)
                        return inserted.problem();
                    if (fails) {
                        const auto again = IdempotencyStore::insert(db, duplicate, userId, ApiOperations::kTransfer,
                                                                    Timestamp::nowMs(), 60'000);
                        if (!again)
                            return again.problem();
                    }
                    return true;
                },
                [&outcomes, i, key, userId, checkerPath](Result<bool> result) {
                    // Runs once the batch is settled: a committed key is visible to any other
                    // connection at this point.
                    ConnectionFactory checker(DatabaseConfig::sqlite(checkerPath));
                    bool visible = false;
                    {
                        QSqlDatabase db = checker.connectionForCurrentThread();
                        const auto found = IdempotencyStore::find(db, SqlDialect::Sqlite, userId, key, false);
                        visible = found && found.value().has_value();
                    }
                    checker.closeAll();
                    outcomes[size_t(i)].set_value(QLatin1String(result.ok() ? "ok" : "failed") + QLatin1Char(' ')
                                                  + QLatin1String(visible ? "visible" : "absent"));
                });
        }
        held.release();
        for (int i = 0; i < kJobs; ++i) {
            const QString outcome = outcomes[size_t(i)].get_future().get();
            QCOMPARE(outcome, i % 3 == 2 ? QStringLiteral("failed absent") : QStringLiteral("ok visible"));
        }
        // The thirty joined the holding job's batch once it had run: one commit for all
        // (counted just after its answers).
        QTRY_COMPARE(writer.batchCount() - batchesBefore, quint64(1));
        QTest::qWait(50);
        QCOMPARE(writer.batchCount() - batchesBefore, quint64(1));
    }

    // A batch's later jobs run without savepoints. When one of them does not keep its changes, the
    // batch is rolled back and runs again from its start with one per job: the others are then
    // stored once and answered once, and work that counts outside the database (ReplayCounter)
    // counts once too.
    void aLaterJobThatFailsMakesItsBatchRunAgainInSavepoints()
    {
        ScratchStorage scratch;
        QCOMPARE(scratch.open(), QString());
        Storage &storage = *scratch.storage;
        GroupCommitWriter &writer = storage.writer();
        const qint64 userId = scratch.userId;
        const auto stored = [&](const QString &key) {
            std::promise<std::optional<StoredKey>> done;
            storage.read(
                [&](QSqlDatabase &db) {
                    const auto found = IdempotencyStore::find(db, SqlDialect::Sqlite, userId, key, false);
                    done.set_value(found ? found.value() : std::nullopt);
                },
                [&done](const Problem &) { done.set_value(std::nullopt); });
            return done.get_future().get();
        };
        // A key to count replays of, committed before.
        const QString replayed = IdempotencyStore::newKey();
        {
            std::promise<bool> done;
            storage.write<StoredKey>(
                [&](QSqlDatabase &db) {
                    return IdempotencyStore::insert(db, replayed, userId, ApiOperations::kTransfer, Timestamp::nowMs(),
                                                    60'000);
                },
                [&done](Result<StoredKey> key) { done.set_value(key.ok()); });
            QVERIFY(done.get_future().get());
        }

        // Jobs 0-3 insert a key each; in the second round job 2 then fails. One batch behind a held job.
        for (const bool oneFails : {false, true}) {
            const quint64 rerunsBefore = writer.rerunBatchCount();
            HeldWriter held(writer);
            ReplayCounter counter(storage);
            for (int i = 0; i < 3; ++i)
                counter.count(userId, replayed); // the first queues its job; the others join it
            constexpr int kJobs = 4;
            std::vector<std::atomic<int>> runs(kJobs);
            std::vector<std::promise<bool>> answers(kJobs);
            QStringList keys;
            for (int i = 0; i < kJobs; ++i) {
                keys << IdempotencyStore::newKey();
                storage.write<bool>(
                    [&, i, key = keys.last(), fails = oneFails && i == 2](QSqlDatabase &db) -> Result<bool> {
                        runs[size_t(i)].fetch_add(1);
                        const auto inserted = IdempotencyStore::insert(db, key, userId, ApiOperations::kTransfer,
                                                                       Timestamp::nowMs(), 60'000);
                        if (!inserted)
                            return inserted.problem();
                        if (fails)
                            return Problem(ProblemCode::ValidationFailed, QStringLiteral("refused"));
                        return true;
                    },
                    [&answers, i](Result<bool> result) { answers[size_t(i)].set_value(result.ok()); });
            }
            held.release();
            for (int i = 0; i < kJobs; ++i) {
                const bool failing = oneFails && i == 2;
                QCOMPARE(answers[size_t(i)].get_future().get(), !failing);
                QCOMPARE(stored(keys.at(i)).has_value(), !failing);
                // Before the failing job, once without a savepoint and once with; after it, once.
                QCOMPARE(runs[size_t(i)].load(), oneFails && i < 3 ? 2 : 1);
            }
            QCOMPARE(writer.rerunBatchCount() - rerunsBefore, quint64(oneFails ? 1 : 0));
            QCOMPARE(stored(replayed).value_or(StoredKey()).replays, oneFails ? 6 : 3);
            QCOMPARE(counter.uncommitted(userId, replayed), 0);
        }
    }

    // A busy server's log starts over while it is still below journal_size_limit: the writer never
    // idles between batches and readers always read, so the log starts over only when the writer
    // checkpoints it itself (WalCheckpointer). Left to grow to 64 MiB first, it was cut back at
    // each new start, and that commit took 20 ms.
    void theLogStartsOverBelowItsLimitWhileTheWriterIsBusy()
    {
        ScratchStorage scratch;
        QCOMPARE(scratch.open(), QString());
        const QString path = scratch.dir.filePath(QStringLiteral("scratch.db"));
        // A writer job that runs `sql`.
        const auto statement = [](const QString &sql) {
            return [sql](QSqlDatabase &db) -> Result<bool> {
                QSqlQuery query(db);
                if (!query.exec(sql))
                    return Problem(ProblemCode::InternalError, query.lastError().text());
                return true;
            };
        };
        std::promise<Result<bool>> created;
        scratch.storage->write<bool>(statement(QStringLiteral("CREATE TABLE ballast (b BLOB)")),
                                     [&created](Result<bool> result) { created.set_value(std::move(result)); });
        QVERIFY(created.get_future().get().ok());

        std::atomic<bool> stop{false};
        std::thread reader([&stop, path] {
            const QString name = QStringLiteral("wal-reader");
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
                db.setDatabaseName(path);
                QSqlQuery query(db);
                const bool open = db.open();
                while (open && !stop.load()) {
                    query.exec(QStringLiteral("SELECT COUNT(*) FROM users"));
                    query.finish();
                }
            }
            QSqlDatabase::removeDatabase(name);
        });

        // Three times what the limit holds, 64 KiB a job, eight jobs waiting at any time.
        constexpr int kJobBytes = 64 * 1024;
        constexpr int kJobs = int(3 * WalCheckpointer::kJournalSizeLimit / kJobBytes);
        constexpr int kWaiting = 8;
        QSemaphore free(kWaiting);
        std::atomic<int> failed{0};
        std::atomic<qint64> largest{0}; // written by the writer's thread alone
        for (int i = 0; i < kJobs; ++i) {
            free.acquire();
            scratch.storage->write<bool>(
                statement(QStringLiteral("INSERT INTO ballast VALUES (randomblob(%1))").arg(kJobBytes)),
                [&](Result<bool> result) {
                    if (!result)
                        failed.fetch_add(1);
                    largest.store(std::max(largest.load(), QFileInfo(path + QStringLiteral("-wal")).size()));
                    free.release();
                });
        }
        free.acquire(kWaiting);
        stop.store(true);
        reader.join();
        QCOMPARE(failed.load(), 0);
        QVERIFY2(largest.load() > kJobBytes && largest.load() <= WalCheckpointer::kJournalSizeLimit,
                 qPrintable(QStringLiteral("the log grew to %1 bytes").arg(largest.load())));
    }

    void concurrentTransfersAndDuplicatesKeepTheContract()
    {
        TestServer server;
        QCOMPARE(server.start(), QString());
        auto alice = server.client("alice", "wonderland");
        auto bob = server.client("bob", "builder");
        QVERIFY(!alice->token().isEmpty() && !bob->token().isEmpty());
        const DemoAccounts accounts(*alice);
        const LedgerInvariants before = server.invariants();

        // 40 keys; bob's big transfers run his account dry, so some answers are
        // insufficient_funds. Every key is sent by every thread, each starting at another key,
        // so copies of one request race each other on different connections.
        struct Item
        {
            QString key;
            QByteArray token;
            QByteArray body;
        };
        std::vector<Item> items;
        for (int i = 0; i < 40; ++i) {
            const bool fromBob = i % 4 == 3;
            TestHttpClient &owner = fromBob ? *bob : *alice;
            const QString from = fromBob ? accounts.bobChecking() : accounts.aliceChecking();
            const QString to = fromBob ? accounts.aliceSavings() : accounts.bobChecking();
            items.push_back(
                {TestServer::issueKey(owner), owner.token(),
                 QJsonDocument(transferBody(from, to, fromBob ? 6000 + i : 100 + i)).toJson(QJsonDocument::Compact)});
            QVERIFY(!items.back().key.isEmpty());
        }
        constexpr int kThreads = 16;
        QMutex mutex;
        std::vector<Answer> answers;
        runConcurrently(kThreads, [&](int thread) {
            TestHttpClient client(server.port());
            for (size_t n = 0; n < items.size(); ++n) {
                const Item &item = items[(n + size_t(thread) * 5) % items.size()];
                client.setToken(item.token);
                const TestResponse response = postTransfer(client, item.key, item.body);
                const QMutexLocker lock(&mutex);
                answers.push_back({item.key, response});
            }
        });
        QCOMPARE(answers.size(), items.size() * kThreads);

        QMap<QString, TestResponse> first; // the one answer per key that is not a replay
        int created = 0;
        int insufficient = 0;
        int inUse = 0;
        for (const Answer &answer : answers) {
            const TestResponse &r = answer.response;
            if (r.status == 409) {
                QCOMPARE(r.code(), QStringLiteral("idempotency_key_in_use"));
                ++inUse;
                continue;
            }
            QVERIFY2(r.status == 201 || (r.status == 422 && r.code() == QLatin1String("insufficient_funds")),
                     qPrintable(QStringLiteral("unexpected %1 %2").arg(r.status).arg(QString::fromUtf8(r.body))));
            if (isReplay(r))
                continue;
            QVERIFY2(!first.contains(answer.key), "two first answers for one key");
            first.insert(answer.key, r);
            (r.status == 201 ? created : insufficient) += 1;
        }
        QCOMPARE(first.size(), qsizetype(items.size()));
        QVERIFY(insufficient > 0);
        for (const Answer &answer : answers) {
            if (answer.response.status != 409 && isReplay(answer.response)) {
                QCOMPARE(answer.response.status, first.value(answer.key).status);
                QCOMPARE(answer.response.body, first.value(answer.key).body);
            }
        }
        qInfo("%d created, %d insufficient_funds, %d in use, %lld replays", created, insufficient, inUse,
              qint64(answers.size()) - created - insufficient - inUse);

        // Once more, one at a time: still the first answer, byte for byte.
        for (const Item &item : items) {
            TestHttpClient client(server.port());
            client.setToken(item.token);
            const TestResponse again = postTransfer(client, item.key, item.body);
            QVERIFY(isReplay(again));
            QCOMPARE(again.body, first.value(item.key).body);
        }
        const LedgerInvariants after = server.invariants();
        QCOMPARE(after.violations(before.totalBalance), QStringList());
        QCOMPARE(after.transfers, before.transfers + created);
    }

    void acknowledgedTransfersSurviveAKill()
    {
        TestServer server(TestServer::Mode::Process);
        QCOMPARE(server.start(), QString());
        auto alice = server.client("alice", "wonderland");
        const DemoAccounts accounts(*alice);
        const QByteArray token = alice->token();
        QStringList keys;
        for (int i = 0; i < 400; ++i)
            keys.append(TestServer::issueKey(*alice));
        QVERIFY(!keys.contains(QString()));
        const LedgerInvariants before = server.invariants();

        // Eight connections send transfers until the server is killed under them.
        QMutex mutex;
        QMap<QString, TestResponse> acknowledged;
        std::atomic<int> answered{0};
        std::atomic<qsizetype> next{0};
        const auto bodyFor = [&accounts](const QString &key) {
            return QJsonDocument(transferBody(accounts.aliceChecking(), accounts.aliceSavings(), 1, key.right(8)))
                .toJson(QJsonDocument::Compact);
        };
        const auto pid = pid_t(server.process()->processId());
        std::unique_ptr<QThread> killer(QThread::create([&] {
            while (answered.load() < 60)
                QThread::msleep(1);
            ::kill(pid, SIGKILL);
        }));
        killer->start();
        runConcurrently(8, [&](int) {
            TestHttpClient client(server.port());
            client.setToken(token);
            for (qsizetype i = next.fetch_add(1); i < keys.size(); i = next.fetch_add(1)) {
                const TestResponse response = postTransfer(client, keys.at(i), bodyFor(keys.at(i)));
                if (response.status == 0)
                    return; // the server is gone
                const QMutexLocker lock(&mutex);
                if (response.status == 201)
                    acknowledged.insert(keys.at(i), response);
                answered.fetch_add(1);
            }
        });
        killer->wait();
        server.kill(); // reaps it
        QVERIFY(acknowledged.size() >= 60);

        QCOMPARE(server.start(), QString());
        TestHttpClient client(server.port());
        client.setToken(token);
        for (auto it = acknowledged.begin(); it != acknowledged.end(); ++it) {
            const TestResponse again = postTransfer(client, it.key(), bodyFor(it.key()));
            QVERIFY2(
                isReplay(again),
                qPrintable(QStringLiteral("acknowledged transfer %1 was lost: %2").arg(it.key()).arg(again.status)));
            QCOMPARE(again.body, it.value().body);
        }
        const LedgerInvariants after = server.invariants();
        QCOMPARE(after.violations(before.totalBalance), QStringList());
        QVERIFY(after.transfers >= before.transfers + acknowledged.size());
    }
};

QTEST_GUILESS_MAIN(TestGroupCommitWriter)
#include "tst_groupcommitwriter.moc"
