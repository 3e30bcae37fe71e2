// The two-step flow without widgets, against the real integrated server: a key first, then the
// transfer with it; the same intent again is a replay with the same key; an edit is a new intent.
#include "app/client/session/AccountDirectory.h"
#include "app/client/transfer/TransferFlow.h"
#include "server/http/HttpLogEntry.h"
#include "testkit/AwaitResult.h"
#include "tests/app/AppTestServer.h"

#include <QSignalSpy>
#include <QTest>

#include <algorithm>

class TestTransferFlow : public QObject
{
    Q_OBJECT
private:
    AppTestServer m_server;
    ApiClient m_api;
    AccountDirectory m_directory;
    QMap<QString, QString> m_ids;

    QString statusAtTheBank(const QString &key)
    {
        return m_server.client("alice", AppTestServer::kDemoPassword)
            ->get("/v1/idempotency-keys/" + key.toLatin1())
            .json()
            .value(QLatin1String("status"))
            .toString();
    }

    TransferDraft draft(const QString &amount, const QString &memo = {})
    {
        TransferDraft d;
        d.fromAccount = m_ids.value(QStringLiteral("Alice Checking"));
        d.toAccount = m_ids.value(QStringLiteral("Bob Checking"));
        d.amountText = amount;
        d.memo = memo;
        d.fromCurrency = QStringLiteral("USD");
        d.toCurrency = QStringLiteral("USD");
        return d;
    }

private slots:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QStringLiteral("en_US")));
        isolateSettings(QStringLiteral("tst_transferflow"));
        QCOMPARE(m_server.start(), QString());
        m_api.setIntegratedSecret(m_server.secret());
        const auto alice = signIn(m_api, m_server.url(), QStringLiteral("alice"), QStringLiteral("wonderland"), this);
        QVERIFY(alice);
        m_directory.setAccounts(alice->accounts);
        m_directory.setPayees(alice->payees);
        for (const Account &a : alice->accounts)
            m_ids.insert(a.name, a.id);
        for (const Payee &p : alice->payees)
            m_ids.insert(p.name, p.id);
    }

    void anInvalidDraftSendsNothing()
    {
        TransferFlow flow(m_api, m_directory);
        flow.setDraft(draft(QStringLiteral("0")));
        const int before = m_server.totalRequests();
        QVERIFY(!flow.send());
        QVERIFY(!flow.isBusy());
        QCOMPARE(m_api.requestsInFlight(), 0);
        QCOMPARE(flow.messageKind(), TransferFlow::MessageKind::Error);
        QVERIFY(!flow.validation().amountError.isEmpty());
        QTest::qWait(200);
        QCOMPARE(m_server.totalRequests(), before);
    }

    void keyThenTransferThenReplayThenNewIntent()
    {
        TransferFlow flow(m_api, m_directory);
        QSignalSpy keys(&flow, &TransferFlow::keyIssued);
        QSignalSpy attempts(&flow, &TransferFlow::attemptFinished);
        flow.setDraft(draft(QStringLiteral("12.50"), QStringLiteral("books")));
        QVERIFY(flow.send());
        QVERIFY(flow.isBusy());
        QVERIFY(!flow.send()); // one request at a time
        QTRY_VERIFY(!flow.isBusy());
        QCOMPARE(keys.size(), 1);
        QCOMPARE(attempts.size(), 1);
        QCOMPARE(flow.intent().keyState(), TransferIntent::KeyState::Completed);
        QCOMPARE(flow.messageKind(), TransferFlow::MessageKind::Success);
        QCOMPARE(flow.message(), QStringLiteral("Sent $12.50 from Alice Checking to Bob Checking (Bob the Builder)."));
        const QString key = flow.intent().key();

        // Same intent, typed differently: a replay with the same key.
        flow.setDraft(draft(QStringLiteral("12.5"), QStringLiteral("books")));
        QCOMPARE(flow.intent().key(), key);
        QVERIFY(flow.send());
        QTRY_VERIFY(!flow.isBusy());
        QCOMPARE(keys.size(), 1);
        QCOMPARE(flow.intent().lastAttempt()->outcome(), TransferAttempt::Outcome::Replayed);
        QCOMPARE(flow.intent().key(), key);
        QVERIFY(flow.message().startsWith(QStringLiteral("Already done")));

        // A different memo: a new intent with a new key.
        flow.setDraft(draft(QStringLiteral("12.50"), QStringLiteral("more books")));
        QVERIFY(flow.intent().key().isEmpty());
        QVERIFY(flow.send());
        QTRY_VERIFY(!flow.isBusy());
        QCOMPARE(keys.size(), 2);
        QVERIFY(flow.intent().key() != key);
        QCOMPARE(flow.intent().lastAttempt()->outcome(), TransferAttempt::Outcome::Created);
    }

    void newKeyReplacesAnUnusedKey()
    {
        TransferFlow flow(m_api, m_directory);
        QSignalSpy states(&flow, &TransferFlow::keyStateChanged);
        flow.setDraft(draft(QStringLiteral("1.00")));
        QVERIFY(flow.requestNewKey());
        QTRY_VERIFY(!flow.isBusy());
        const QString first = flow.intent().key();
        QCOMPARE(flow.intent().keyState(), TransferIntent::KeyState::Unused);
        QVERIFY(flow.requestNewKey());
        QTRY_VERIFY(!flow.isBusy());
        QVERIFY(!flow.intent().key().isEmpty());
        QVERIFY(flow.intent().key() != first);
        // The replaced key is given up at the bank: nothing can ever be sent with it.
        QTRY_COMPARE(statusAtTheBank(first), QStringLiteral("abandoned"));
        QTRY_VERIFY(std::any_of(states.cbegin(), states.cend(), [&](const QList<QVariant> &change) {
            return change.at(0).toString() == first
                && change.at(1).value<TransferIntent::KeyState>() == TransferIntent::KeyState::Abandoned;
        }));
        QCOMPARE(statusAtTheBank(flow.intent().key()), QStringLiteral("unused"));
    }

    // A new transfer abandons the draft's key only while nothing was sent with it; a used key
    // is left as the bank has it.
    void aNewTransferAbandonsAnUnusedKeyOnly()
    {
        TransferFlow flow(m_api, m_directory);
        flow.setDraft(draft(QStringLiteral("1.50")));
        QVERIFY(flow.requestNewKey());
        QTRY_VERIFY(!flow.isBusy());
        const QString unused = flow.intent().key();
        flow.startNew();
        QCOMPARE(flow.intent().keyState(), TransferIntent::KeyState::None);
        QTRY_COMPARE(statusAtTheBank(unused), QStringLiteral("abandoned"));

        flow.setDraft(draft(QStringLiteral("1.75")));
        QVERIFY(flow.send());
        QTRY_VERIFY(!flow.isBusy());
        const QString used = flow.intent().key();
        QCOMPARE(flow.intent().keyState(), TransferIntent::KeyState::Completed);
        // The request log names a key by its tag only.
        const QString abandonUsed = QStringLiteral("DELETE /v1/idempotency-keys/") + HttpLogEntry::keyTag(used);
        const QString abandonUnused = QStringLiteral("DELETE /v1/idempotency-keys/") + HttpLogEntry::keyTag(unused);
        QCOMPARE(m_server.requests(abandonUnused), 1);
        flow.startNew();
        QTRY_VERIFY(!m_api.isBusy());
        QCOMPARE(m_server.requests(abandonUsed), 0);
        QCOMPARE(statusAtTheBank(used), QStringLiteral("completed"));
    }

    void aResetIgnoresAnswersStillOnTheirWay()
    {
        TransferFlow flow(m_api, m_directory);
        QSignalSpy attempts(&flow, &TransferFlow::attemptFinished);
        flow.setDraft(draft(QStringLiteral("2.00")));
        QVERIFY(flow.send());
        flow.reset();
        QVERIFY(!flow.isBusy());
        QTRY_VERIFY(!m_api.isBusy());
        QTest::qWait(100);
        QVERIFY(attempts.isEmpty());
        QCOMPARE(flow.intent().keyState(), TransferIntent::KeyState::None);
        QVERIFY(flow.message().isEmpty());
    }

    void cleanupTestCase() { m_server.stop(); }
};

QTEST_GUILESS_MAIN(TestTransferFlow)
#include "tst_transferflow.moc"
