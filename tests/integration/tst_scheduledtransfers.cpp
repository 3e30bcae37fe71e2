// The idempotency layer's second operation over real loopback HTTP: the same key contract, one
// test table run for "transfer" and for "scheduled_transfer" (OperationRegistry), and the
// scheduled transfers themselves — created once, listed, cancelled, and each due occurrence run
// once by the server's scheduler, as a transfer under a key derived from the schedule. On SQLite,
// and on PostgreSQL as tst_scheduledtransfers_postgres.
#include "shared/core/Timestamp.h"
#include "tests/support/DemoAccounts.h"
#include "tests/support/ScheduleRequests.h"
#include "tests/support/TestServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

class TestScheduledTransfers : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;
    std::unique_ptr<TestHttpClient> m_alice;
    std::unique_ptr<TestHttpClient> m_bob;
    DemoAccounts m_accounts;

    // One keyed operation as the contract table sees it: where its requests go and a valid body
    // (`amount` tells two bodies apart).
    struct Operation
    {
        QString name;
        QByteArray path;
        QJsonObject (TestScheduledTransfers::*body)(qint64 amount) const;
        QByteArray otherOperation;
    };
    static QList<Operation> operations()
    {
        return {{QStringLiteral("transfer"), "/v1/transfers", &TestScheduledTransfers::transferBodyOf,
                 "scheduled_transfer"},
                {QStringLiteral("scheduled_transfer"), "/v1/scheduled-transfers",
                 &TestScheduledTransfers::scheduleBodyOf, "transfer"}};
    }
    QJsonObject transferBodyOf(qint64 amount) const
    {
        return transferBody(m_accounts.aliceChecking(), m_accounts.bobChecking(), amount);
    }
    // A schedule far in the future, so that the contract's schedules never run.
    QJsonObject scheduleBodyOf(qint64 amount) const
    {
        QJsonObject body = transferBodyOf(amount);
        body.insert(QStringLiteral("first_run_at"), QStringLiteral("2099-01-31T09:00:00Z"));
        body.insert(QStringLiteral("repeat"),
                    QJsonObject{{QStringLiteral("every"), QStringLiteral("month")}, {QStringLiteral("count"), 3}});
        return body;
    }
    QJsonObject scheduleAt(qint64 runAtMs, qint64 amount, const QJsonObject &repeat = {}) const
    {
        return ScheduleRequests::body(m_accounts.aliceChecking(), m_accounts.bobChecking(), amount, runAtMs, repeat);
    }
    static TestResponse post(TestHttpClient &client, const QByteArray &path, const QString &key,
                             const QJsonObject &body)
    {
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!key.isNull())
            headers.append({"Idempotency-Key", key.toLatin1()});
        return client.post(path, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
    }
    QJsonObject createSchedule(const QJsonObject &body) { return ScheduleRequests::create(*m_alice, body); }
    QJsonObject schedule(const QString &id) { return ScheduleRequests::get(*m_alice, id); }
    static QString statusOf(const QJsonObject &object) { return object.value(QLatin1String("status")).toString(); }
    static QJsonObject occurrence(const QJsonObject &schedule, int number)
    {
        return schedule.value(QLatin1String("occurrences")).toArray().at(number - 1).toObject();
    }
    // How many of the bank's transfers carry `key`, as alice's history shows them.
    int transfersWithKey(const QString &key)
    {
        int count = 0;
        for (const QJsonValue t :
             m_alice->get("/v1/transfers?limit=100").json().value(QLatin1String("transfers")).toArray())
            count += t.toObject().value(QLatin1String("idempotency_key")).toString() == key ? 1 : 0;
        return count;
    }
    int scheduleCount()
    {
        return int(m_alice->get("/v1/scheduled-transfers?limit=100")
                       .json()
                       .value(QLatin1String("scheduled_transfers"))
                       .toArray()
                       .size());
    }
    qint64 aliceChecking() { return TestServer::balances(*m_alice).value(QStringLiteral("Alice Checking")); }

private slots:
    void initTestCase()
    {
        QCOMPARE(m_server.start(), QString());
        m_alice = m_server.client("alice", "wonderland");
        m_bob = m_server.client("bob", "builder");
        m_accounts = DemoAccounts(*m_alice);
    }
    void cleanup() { QCOMPARE(m_server.invariants().violations(625000), QStringList()); }
    void cleanupTestCase() { m_server.stop(); }

    void keysAreIssuedForEveryRegisteredOperationOnly()
    {
        for (const Operation &operation : operations())
            QVERIFY(!TestServer::issueKey(*m_alice, operation.name).isEmpty());
        const TestResponse refused
            = m_alice->postJson("/v1/idempotency-keys", {{QStringLiteral("operation"), QStringLiteral("payment")}});
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.code(), QStringLiteral("validation_failed"));
        QVERIFY(refused.json().value(QLatin1String("detail")).toString().contains(QLatin1String("scheduled_transfer")));
    }

    // The contract, row by row, for each operation: what a request with this key gets.
    void theSameKeyContractHoldsForEveryOperation_data()
    {
        QTest::addColumn<int>("operation");
        for (int i = 0; i < operations().size(); ++i)
            QTest::newRow(qPrintable(operations().at(i).name)) << i;
    }
    void theSameKeyContractHoldsForEveryOperation()
    {
        QFETCH(int, operation);
        const Operation op = operations().at(operation);
        const auto body = [&](qint64 amount) { return (this->*op.body)(amount); };
        const qint64 before = aliceChecking();
        const int schedulesBefore = scheduleCount();

        // First use: done once; every retry with the same body: the stored answer, byte for byte.
        const QString key = TestServer::issueKey(*m_alice, op.name);
        const TestResponse first = post(*m_alice, op.path, key, body(101));
        QCOMPARE(first.status, 201);
        for (int retry = 0; retry < 3; ++retry) {
            const TestResponse again = post(*m_alice, op.path, key, body(101));
            QCOMPARE(again.status, 201);
            QCOMPARE(again.body, first.body);
            QCOMPARE(again.header("Idempotent-Replayed"), QByteArray("true"));
            QCOMPARE(again.header("Location"), first.header("Location"));
        }
        QVERIFY(first.header("Location").startsWith(op.path + '/'));
        const bool isTransfer = op.name == QLatin1String("transfer");
        QCOMPARE(aliceChecking(), before - (isTransfer ? 101 : 0));
        QCOMPARE(scheduleCount(), schedulesBefore + (isTransfer ? 0 : 1));

        struct Row
        {
            const char *what;
            QString key;
            qint64 amount;
            TestHttpClient *client;
            int status;
            const char *code;
        };
        const QString otherOperationsKey = TestServer::issueKey(*m_alice, QString::fromLatin1(op.otherOperation));
        const QString bobsKey = TestServer::issueKey(*m_bob, op.name);
        const QString abandoned = TestServer::issueKey(*m_alice, op.name);
        QCOMPARE(m_alice->request("DELETE", "/v1/idempotency-keys/" + abandoned.toLatin1(), {}, {}, false).status, 204);
        const QList<Row> rows{
            {"another body", key, 102, m_alice.get(), 422, "idempotency_key_reused"},
            {"no key", QString(), 101, m_alice.get(), 400, "idempotency_key_missing"},
            {"malformed key", QStringLiteral("has space"), 101, m_alice.get(), 400, "idempotency_key_malformed"},
            {"never issued", QStringLiteral("idk_00000000000000000000000000000000"), 101, m_alice.get(), 422,
             "idempotency_key_unknown"},
            {"another operation's key", otherOperationsKey, 101, m_alice.get(), 422,
             "idempotency_key_operation_mismatch"},
            {"another user's key", bobsKey, 101, m_alice.get(), 422, "idempotency_key_unknown"},
            {"abandoned key", abandoned, 101, m_alice.get(), 422, "idempotency_key_abandoned"},
        };
        for (const Row &row : rows) {
            const TestResponse refused = post(*row.client, op.path, row.key, body(row.amount));
            QVERIFY2(refused.status == row.status && refused.code() == QLatin1String(row.code),
                     qPrintable(QStringLiteral("%1: %2 %3")
                                    .arg(QLatin1String(row.what))
                                    .arg(refused.status)
                                    .arg(QString::fromUtf8(refused.body))));
            QCOMPARE(refused.header("Content-Type"), QByteArray("application/problem+json"));
        }
        // None of the refusals did anything.
        QCOMPARE(aliceChecking(), before - (isTransfer ? 101 : 0));
        QCOMPARE(scheduleCount(), schedulesBefore + (isTransfer ? 0 : 1));
    }

    void aScheduleIsValidated()
    {
        const QString key = TestServer::issueKey(*m_alice, QStringLiteral("scheduled_transfer"));
        const qint64 now = Timestamp::nowMs();
        const auto refusedWith = [&](const QJsonObject &body, const char *detail) {
            const TestResponse refused = post(*m_alice, "/v1/scheduled-transfers", key, body);
            QCOMPARE(refused.status, 400);
            QCOMPARE(refused.code(), QStringLiteral("validation_failed"));
            QVERIFY2(refused.json().value(QLatin1String("detail")).toString().contains(QLatin1String(detail)),
                     refused.body.constData());
        };
        refusedWith(scheduleAt(now - 5 * 60'000, 10), "first_run_at: lies in the past");
        QJsonObject noTime = transferBodyOf(10);
        refusedWith(noTime, "first_run_at: required");
        noTime.insert(QStringLiteral("first_run_at"), QStringLiteral("2099-01-31T09:00:00"));
        refusedWith(noTime, "first_run_at: must be an RFC 3339 UTC time");
        const QJsonObject weekly{{QStringLiteral("every"), QStringLiteral("week")}, {QStringLiteral("count"), 121}};
        refusedWith(scheduleAt(now + 60'000, 10, weekly), "repeat.count");
        refusedWith(scheduleAt(now + 60'000, 10,
                               {{QStringLiteral("every"), QStringLiteral("year")}, {QStringLiteral("count"), 2}}),
                    "repeat.every");
        QJsonObject extra = scheduleAt(now + 60'000, 10);
        extra.insert(QStringLiteral("when"), 1);
        refusedWith(extra, "unknown field \"when\"");
        // As for transfers: only from one's own accounts.
        const TestResponse forbidden = post(*m_alice, "/v1/scheduled-transfers", key, [&] {
            QJsonObject body = scheduleAt(now + 60'000, 10);
            body.insert(QStringLiteral("from_account"), m_accounts.bobChecking());
            body.insert(QStringLiteral("to_account"), m_accounts.aliceChecking());
            return body;
        }());
        QCOMPARE(forbidden.status, 403);
        // A time up to a minute in the past is a clock a little behind: accepted, run at once.
        const QString late = createSchedule(scheduleAt(now - 20'000, 10)).value(QLatin1String("id")).toString();
        QVERIFY(!late.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(occurrence(schedule(late), 1)), QStringLiteral("executed"), 10'000);
        // The key of the refused requests is still unused.
        QCOMPARE(m_alice->get("/v1/idempotency-keys/" + key.toLatin1()).json().value(QLatin1String("status")),
                 QJsonValue(QStringLiteral("unused")));
    }

    void occurrencesAreDueByTheCalendar()
    {
        const QJsonObject monthly = createSchedule([&] {
            QJsonObject body = transferBodyOf(10);
            body.insert(QStringLiteral("first_run_at"), QStringLiteral("2099-01-31T09:00:00Z"));
            body.insert(QStringLiteral("repeat"),
                        QJsonObject{{QStringLiteral("every"), QStringLiteral("month")}, {QStringLiteral("count"), 3}});
            return body;
        }());
        const QJsonArray runs = monthly.value(QLatin1String("occurrences")).toArray();
        QCOMPARE(runs.size(), 3);
        QCOMPARE(runs.at(1).toObject().value(QLatin1String("due_at")).toString(),
                 QStringLiteral("2099-02-28T09:00:00.000+00:00"));
        QCOMPARE(runs.at(2).toObject().value(QLatin1String("due_at")).toString(),
                 QStringLiteral("2099-03-31T09:00:00.000+00:00"));
        QCOMPARE(statusOf(monthly), QStringLiteral("active"));
        QCOMPARE(monthly.value(QLatin1String("next_run_at")).toString(),
                 QStringLiteral("2099-01-31T09:00:00.000+00:00"));
    }

    void aDueOccurrenceRunsOnceAsATransferUnderItsOwnKey()
    {
        const qint64 before = aliceChecking();
        const auto executedCount = [this] {
            return m_server.metrics().samples().value(QStringLiteral("bank_scheduled_occurrences_executed_total"));
        };
        const qint64 executedBefore = executedCount();
        const QJsonObject created = createSchedule(scheduleAt(Timestamp::nowMs() + 500, 250));
        const QString id = created.value(QLatin1String("id")).toString();
        QVERIFY(!id.isEmpty());
        QCOMPARE(statusOf(occurrence(created, 1)), QStringLiteral("pending"));

        QTRY_COMPARE_WITH_TIMEOUT(statusOf(occurrence(schedule(id), 1)), QStringLiteral("executed"), 10'000);
        const QJsonObject ran = schedule(id);
        QCOMPARE(statusOf(ran), QStringLiteral("completed"));
        QVERIFY(ran.value(QLatin1String("next_run_at")).isNull());
        const QString transferId = occurrence(ran, 1).value(QLatin1String("transfer_id")).toString();
        const QJsonObject transfer = m_alice->get("/v1/transfers/" + transferId.toLatin1()).json();
        QCOMPARE(transfer.value(QLatin1String("amount")).toInteger(), 250);
        const QString key = ScheduleRequests::occurrenceKey(id, 1);
        QCOMPARE(transfer.value(QLatin1String("idempotency_key")).toString(), key);
        // The key is alice's, completed with the transfer: a lookup by key answers like any other.
        const QJsonObject keyInfo = m_alice->get("/v1/idempotency-keys/" + key.toLatin1()).json();
        QCOMPARE(keyInfo.value(QLatin1String("status")).toString(), QStringLiteral("completed"));
        QCOMPARE(keyInfo.value(QLatin1String("transfer_id")).toString(), transferId);
        // Once: the scheduler keeps polling, and nothing more moves.
        QTest::qWait(1'000);
        QCOMPARE(transfersWithKey(key), 1);
        QCOMPARE(aliceChecking(), before - 250);
        QCOMPARE(executedCount(), executedBefore + 1);
    }

    void tooLittleMoneyFailsTheOccurrenceOnceAndForAll()
    {
        const qint64 before = aliceChecking();
        const QJsonObject created = createSchedule(scheduleAt(Timestamp::nowMs(), before + 1));
        const QString id = created.value(QLatin1String("id")).toString();
        QTRY_COMPARE_WITH_TIMEOUT(statusOf(occurrence(schedule(id), 1)), QStringLiteral("failed"), 10'000);
        const QJsonObject failed = occurrence(schedule(id), 1);
        QCOMPARE(failed.value(QLatin1String("problem_code")).toString(), QStringLiteral("insufficient_funds"));
        QVERIFY(failed.value(QLatin1String("transfer_id")).isNull());
        QTest::qWait(1'000);
        QCOMPARE(statusOf(occurrence(schedule(id), 1)), QStringLiteral("failed"));
        QCOMPARE(aliceChecking(), before);
    }

    void aCancelledScheduleNeverRuns()
    {
        const qint64 before = aliceChecking();
        const QJsonObject created = createSchedule(scheduleAt(Timestamp::nowMs() + 1'500, 30));
        const QByteArray path = "/v1/scheduled-transfers/" + created.value(QLatin1String("id")).toString().toLatin1();
        QCOMPARE(m_alice->request("DELETE", path, {}, {}, false).status, 204);
        QCOMPARE(m_alice->request("DELETE", path, {}, {}, false).status, 204); // idempotent
        QCOMPARE(m_bob->request("DELETE", path, {}, {}, false).status, 404);   // not his
        QCOMPARE(m_alice->request("DELETE", "/v1/scheduled-transfers/sch_none", {}, {}, false).status, 404);
        QTest::qWait(2'500);
        const QJsonObject cancelled = schedule(created.value(QLatin1String("id")).toString());
        QCOMPARE(statusOf(cancelled), QStringLiteral("cancelled"));
        QCOMPARE(statusOf(occurrence(cancelled, 1)), QStringLiteral("cancelled"));
        QCOMPARE(aliceChecking(), before);
    }

    // Cancels sent while the occurrences fall due: each schedule ends either executed (its one
    // transfer made) or cancelled (none), and every view of it agrees.
    void aCancelRacingTheRunEndsOneWayOrTheOther()
    {
        const qint64 before = aliceChecking();
        const qint64 dueAt = Timestamp::nowMs() + 1'000;
        QStringList ids;
        for (int i = 0; i < 20; ++i)
            ids << createSchedule(scheduleAt(dueAt, 3)).value(QLatin1String("id")).toString();
        QVERIFY(!ids.contains(QString()));
        while (Timestamp::nowMs() < dueAt - 50)
            QTest::qWait(10);
        for (const QString &id : ids)
            QCOMPARE(m_alice->request("DELETE", "/v1/scheduled-transfers/" + id.toLatin1(), {}, {}, false).status, 204);
        QTest::qWait(1'000);
        int executed = 0;
        for (const QString &id : ids) {
            const QJsonObject ended = schedule(id);
            const QString run = statusOf(occurrence(ended, 1));
            const int transfers = transfersWithKey(ScheduleRequests::occurrenceKey(id, 1));
            QVERIFY2((run == QLatin1String("executed") && transfers == 1)
                         || (run == QLatin1String("cancelled") && transfers == 0),
                     qPrintable(QStringLiteral("%1: %2 with %3 transfers").arg(id, run).arg(transfers)));
            QCOMPARE(statusOf(ended),
                     run == QLatin1String("executed") ? QStringLiteral("completed") : QStringLiteral("cancelled"));
            executed += transfers;
        }
        QCOMPARE(aliceChecking(), before - 3 * executed);
    }

    void schedulesAreListedNewestFirstAndOnlyToTheirOwner()
    {
        const QString newest = createSchedule(scheduleBodyOf(7)).value(QLatin1String("id")).toString();
        const QJsonObject page = m_alice->get("/v1/scheduled-transfers?limit=1").json();
        const QJsonArray items = page.value(QLatin1String("scheduled_transfers")).toArray();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.at(0).toObject().value(QLatin1String("id")).toString(), newest);
        QVERIFY(page.value(QLatin1String("has_more")).toBool());
        QVERIFY(!items.at(0).toObject().contains(QLatin1String("occurrences")));
        const QJsonObject next
            = m_alice->get("/v1/scheduled-transfers?limit=1&starting_after=" + newest.toLatin1()).json();
        QVERIFY(next.value(QLatin1String("scheduled_transfers")).toArray().at(0).toObject().value(QLatin1String("id"))
                != QJsonValue(newest));
        QCOMPARE(m_bob->get("/v1/scheduled-transfers/" + newest.toLatin1()).status, 404);
        QCOMPARE(m_bob->get("/v1/scheduled-transfers?starting_after=" + newest.toLatin1()).status, 400);
    }
};

QTEST_GUILESS_MAIN(TestScheduledTransfers)
#include "tst_scheduledtransfers.moc"
