// Each model under QAbstractItemModelTester, the history against the real server (pages fetched
// with starting_after on demand, newest first, sortable through a proxy).
#include "app/client/models/AccountsModel.h"
#include "app/client/models/KeysModel.h"
#include "app/client/models/ServerLogModel.h"
#include "app/client/models/TransferHistoryModel.h"
#include "app/client/session/AccountDirectory.h"
#include "shared/core/Timestamp.h"
#include "testkit/AwaitResult.h"
#include "tests/app/AppTestServer.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

namespace {

Account account(const QString &id, const QString &name, qint64 balance)
{
    return Account{id, name, QStringLiteral("alice"), QStringLiteral("USD"), balance};
}

} // namespace

class TestModels : public QObject
{
    Q_OBJECT
private:
    AppTestServer m_server;
    ApiClient m_api;
    QMap<QString, QString> m_ids;

    void sendTransfers(int count, qint64 firstAmount)
    {
        for (int i = 0; i < count; ++i) {
            const auto key = awaitResult<IdempotencyKeyInfo>(
                [&](auto done) { m_api.issueKey(ApiOperations::kTransfer, this, done); });
            QVERIFY(key && key->ok());
            TransferRequest request;
            request.fromAccount = m_ids.value(QStringLiteral("Alice Savings"));
            request.toAccount = m_ids.value(QStringLiteral("Alice Checking"));
            request.amount = firstAmount + i;
            request.currency = QStringLiteral("USD");
            request.memo = QStringLiteral("transfer %1").arg(i);
            const auto sent
                = awaitAttempt([&](auto done) { m_api.sendTransfer(request, key->value().key, this, done); });
            QVERIFY(sent && sent->result.ok());
        }
    }

private slots:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QStringLiteral("en_US")));
        isolateSettings(QStringLiteral("tst_models"));
        QCOMPARE(m_server.start(), QString());
        m_api.setIntegratedSecret(m_server.secret());
        const auto alice = signIn(m_api, m_server.url(), QStringLiteral("alice"), QStringLiteral("wonderland"), this);
        QVERIFY(alice);
        for (const Account &a : alice->accounts)
            m_ids.insert(a.name, a.id);
    }

    void accountsModel()
    {
        AccountsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);

        model.setAccounts({account(QStringLiteral("a1"), QStringLiteral("Checking"), 123456),
                           account(QStringLiteral("a2"), QStringLiteral("Savings"), 5)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), 2);
        QCOMPARE(resets.size(), 1);
        QCOMPARE(model.index(0, AccountsModel::NameColumn).data().toString(), QStringLiteral("Checking"));
        QCOMPARE(model.index(0, AccountsModel::BalanceColumn).data().toString(), QStringLiteral("$1,234.56"));
        QCOMPARE(model.index(1, AccountsModel::BalanceColumn).data().toString(), QStringLiteral("$0.05"));
        QCOMPARE(model.index(0, 0).data(AccountsModel::BalanceRole).toLongLong(), 123456);
        QCOMPARE(model.index(1, 0).data(AccountsModel::IdRole).toString(), QStringLiteral("a2"));

        // The same accounts with new balances update in place (the selection survives).
        model.setAccounts({account(QStringLiteral("a1"), QStringLiteral("Checking"), 100),
                           account(QStringLiteral("a2"), QStringLiteral("Savings"), 5)});
        QCOMPARE(resets.size(), 1);
        QCOMPARE(changes.size(), 1);
        QCOMPARE(model.index(0, AccountsModel::BalanceColumn).data().toString(), QStringLiteral("$1.00"));

        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void historyFetchesPagesOnlyOnDemand()
    {
        sendTransfers(7, 100);
        AccountDirectory directory;
        TransferHistoryModel model(m_api, directory);
        model.setPageSize(3);
        QVERIFY(!model.canFetchMore({}));
        model.reload();
        QVERIFY(model.isLoading());
        QVERIFY(!model.canFetchMore({}));
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(model.canFetchMore({}));
        // Newest first: the last one sent heads the list.
        QCOMPARE(model.transfers().constFirst().amount, 106);
        model.fetchMore({});
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 6);
        model.fetchMore({});
        QTRY_VERIFY(!model.isLoading());
        QCOMPARE(model.rowCount(), 7);
        QVERIFY(!model.canFetchMore({}));
    }

    void historyUnderTheModelTester()
    {
        AccountDirectory directory;
        TransferHistoryModel model(m_api, directory);
        model.setPageSize(3);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reload();
        // The tester itself asks for more after every page, as a scrolling view would.
        int pages = 0;
        while (model.canFetchMore({}) || model.isLoading()) {
            if (!model.isLoading())
                model.fetchMore({});
            QTRY_VERIFY(!model.isLoading());
            QVERIFY(++pages < 20);
        }
        QCOMPARE(model.rowCount(), 7);
        QVERIFY(!model.hasMore());
        QSet<QString> ids;
        for (const Transfer &transfer : model.transfers())
            ids.insert(transfer.id);
        QCOMPARE(ids.size(), 7);
        for (int row = 1; row < model.rowCount(); ++row) {
            QVERIFY(model.index(row - 1, 0).data(TransferHistoryModel::SortRole).toLongLong()
                    >= model.index(row, 0).data(TransferHistoryModel::SortRole).toLongLong());
        }
        QCOMPARE(model.index(0, TransferHistoryModel::AmountColumn).data().toString(), QStringLiteral("$1.06"));
        QCOMPARE(model.index(0, TransferHistoryModel::MemoColumn).data().toString(), QStringLiteral("transfer 6"));
        QVERIFY(!model.index(0, TransferHistoryModel::KeyColumn).data().toString().isEmpty());
        // Unknown replay counts stay blank; a known one shows.
        QVERIFY(model.index(0, TransferHistoryModel::ReplaysColumn).data().isNull());
        model.setReplayCount(model.transfers().constFirst().idempotencyKey, 2);
        QCOMPARE(model.index(0, TransferHistoryModel::ReplaysColumn).data().toString(), QStringLiteral("2"));

        // Names appear once the directory knows the accounts.
        QCOMPARE(model.index(0, TransferHistoryModel::FromColumn).data().toString(),
                 m_ids.value(QStringLiteral("Alice Savings")));
        directory.setAccounts(
            {account(m_ids.value(QStringLiteral("Alice Savings")), QStringLiteral("Alice Savings"), 0)});
        QCOMPARE(model.index(0, TransferHistoryModel::FromColumn).data().toString(), QStringLiteral("Alice Savings"));
    }

    void historySortsThroughAProxy()
    {
        AccountDirectory directory;
        TransferHistoryModel model(m_api, directory);
        QSortFilterProxyModel proxy;
        proxy.setSourceModel(&model);
        proxy.setSortRole(TransferHistoryModel::SortRole);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.reload();
        QTRY_VERIFY(!model.isLoading() && model.rowCount() >= 7);

        proxy.sort(TransferHistoryModel::AmountColumn, Qt::AscendingOrder);
        for (int row = 1; row < proxy.rowCount(); ++row) {
            QVERIFY(proxy.index(row - 1, TransferHistoryModel::AmountColumn)
                        .data(TransferHistoryModel::SortRole)
                        .toLongLong()
                    <= proxy.index(row, TransferHistoryModel::AmountColumn)
                           .data(TransferHistoryModel::SortRole)
                           .toLongLong());
        }
        proxy.sort(TransferHistoryModel::DateColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, TransferHistoryModel::AmountColumn).data().toString(), QStringLiteral("$1.06"));

        model.clear();
        QCOMPARE(proxy.rowCount(), 0);
        QVERIFY(!model.canFetchMore({}));
    }

    void historyReportsAFailedLoadPlainly()
    {
        ApiClient signedOut;
        signedOut.setBaseUrl(m_server.url());
        signedOut.setIntegratedSecret(m_server.secret());
        AccountDirectory directory;
        TransferHistoryModel model(signedOut, directory);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy failed(&model, &TransferHistoryModel::loadFailed);
        model.reload();
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("Your session has ended. Please sign in again."));
        QVERIFY(!model.canFetchMore({}));
    }

    void keysModel()
    {
        KeysModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        IdempotencyKeyInfo info;
        info.key = QStringLiteral("key-1");
        info.createdAt = Timestamp::toIso(Timestamp::nowMs());
        info.expiresAt = Timestamp::toIso(Timestamp::nowMs() + 3'600'000);
        model.addKey(info);
        model.addKey(info); // the same key once
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, KeysModel::KeyColumn).data().toString(), QStringLiteral("key-1"));
        QCOMPARE(model.index(0, KeysModel::StateColumn).data().toString(), QStringLiteral("unused"));
        const QString left = model.index(0, KeysModel::ExpiresColumn).data().toString();
        QVERIFY2(left.contains(QStringLiteral("min")), qPrintable(left));

        model.setSummary(QStringLiteral("key-1"), QStringLiteral("$1.00 from A to B"));
        model.setState(QStringLiteral("key-1"), TransferIntent::KeyState::Completed);
        QCOMPARE(model.index(0, KeysModel::StateColumn).data().toString(), QStringLiteral("completed"));
        QCOMPARE(model.index(0, KeysModel::TransferColumn).data().toString(), QStringLiteral("$1.00 from A to B"));
        QCOMPARE(model.countReplay(QStringLiteral("key-1")), 1);
        QCOMPARE(model.countReplay(QStringLiteral("key-1")), 2);
        QCOMPARE(model.index(0, KeysModel::ReplaysColumn).data().toString(), QStringLiteral("2"));

        // The clock ticks the time-left column.
        QSignalSpy ticks(&model, &QAbstractItemModel::dataChanged);
        QTRY_VERIFY(!ticks.isEmpty());

        IdempotencyKeyInfo old = info;
        old.key = QStringLiteral("key-2");
        old.expiresAt = Timestamp::toIso(Timestamp::nowMs() - 1000);
        model.addKey(old);
        QCOMPARE(model.index(1, KeysModel::StateColumn).data().toString(), QStringLiteral("expired"));
        QCOMPARE(model.index(1, KeysModel::ExpiresColumn).data().toString(), QStringLiteral("expired"));

        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void timeLeftReadsNaturally()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QCOMPARE(KeysModel::timeLeft(now, now.addSecs(86'400)), QStringLiteral("24 h 0 min"));
        QCOMPARE(KeysModel::timeLeft(now, now.addSecs(250)), QStringLiteral("4 min 10 s"));
        QCOMPARE(KeysModel::timeLeft(now, now.addSecs(9)), QStringLiteral("9 s"));
        QCOMPARE(KeysModel::timeLeft(now, now.addSecs(-1)), QStringLiteral("expired"));
    }

    void serverLogModelKeepsTheLatestLines()
    {
        ServerLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (int i = 0; i < ServerLogModel::kMaxLines + 5; ++i)
            model.append(QStringLiteral("line %1").arg(i));
        QCOMPARE(model.rowCount(), ServerLogModel::kMaxLines);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("line 5"));
        QCOMPARE(model.index(model.rowCount() - 1, 0).data().toString(),
                 QStringLiteral("line %1").arg(ServerLogModel::kMaxLines + 4));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void serverLogModelFollowsTheRealServer()
    {
        ServerLogModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        connect(&m_server.backend(), &BankBackend::requestLogged, &model, &ServerLogModel::append);
        const auto health = awaitResult<bool>([&](auto done) { m_api.checkHealth(this, done); });
        QVERIFY(health && health->ok());
        QTRY_VERIFY(!model.lines().filter(QStringLiteral("GET /healthz 200")).isEmpty());
    }

    void cleanupTestCase() { m_server.stop(); }
};

QTEST_GUILESS_MAIN(TestModels)
#include "tst_models.moc"
