// The Scheduled tab driven like a user: real widgets (offscreen) on a real BankSession, talking to
// the real integrated server through a FaultProxy that fails POST /v1/scheduled-transfers when told.
#include "app/client/models/ScheduleOccurrencesModel.h"
#include "app/client/models/ScheduledTransfersModel.h"
#include "app/client/schedule/ScheduleDraft.h"
#include "app/client/session/BankSession.h"
#include "app/client/transport/ApiClient.h"
#include "app/faultproxy/FaultProxy.h"
#include "app/ui/InlineMessage.h"
#include "app/ui/ScheduledView.h"
#include "tests/app/AppTestServer.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTableView>
#include <QTest>

class TestScheduledView : public QObject
{
    Q_OBJECT
private:
    AppTestServer m_server;
    FaultProxy m_proxy;
    ApiClient m_api;
    BankSession m_session{m_api};
    std::unique_ptr<ScheduledView> m_view;

    template <typename T>
    T *find(const char *name)
    {
        auto *widget = m_view->findChild<T *>(QLatin1String(name));
        if (!widget)
            qFatal("no widget %s", name);
        return widget;
    }
    QString accountId(const QString &name)
    {
        for (const Account &account : m_session.directory().accounts()) {
            if (account.name == name)
                return account.id;
        }
        for (const Payee &payee : m_session.directory().payees()) {
            if (payee.name == name)
                return payee.id;
        }
        return {};
    }
    void choose(const char *comboName, const QVariant &data)
    {
        auto *combo = find<QComboBox>(comboName);
        combo->setCurrentIndex(combo->findData(data));
    }
    // Fills the form and presses Create; `repeat` is the Repeat box's index (0: once).
    void create(const QString &amount, const QDateTime &firstRun, int repeat = 0, int count = 1)
    {
        choose("scheduleFromAccount", accountId(QStringLiteral("Alice Checking")));
        choose("scheduleToAccount", accountId(QStringLiteral("Bob Checking")));
        find<QLineEdit>("scheduleAmount")->setText(amount);
        find<QLineEdit>("scheduleMemo")->setText(QStringLiteral("rent"));
        find<QDateTimeEdit>("scheduleFirstRun")->setDateTime(firstRun);
        find<QComboBox>("scheduleRepeat")->setCurrentIndex(repeat);
        find<QSpinBox>("scheduleCount")->setValue(count);
        QTest::mouseClick(find<QPushButton>("createScheduleButton"), Qt::LeftButton);
    }
    InlineMessage *message() { return find<InlineMessage>("scheduleMessage"); }
    QString keyShown() { return find<QLabel>("scheduleKey")->text(); }
    // The schedules the bank has for alice, newest first.
    QJsonArray schedulesAtTheBank()
    {
        return m_server.client("alice", AppTestServer::kDemoPassword)
            ->get("/v1/scheduled-transfers?limit=100")
            .json()
            .value(QLatin1String("scheduled_transfers"))
            .toArray();
    }
    QString shown(QTableView *table, int row, int column)
    {
        return table->model()->index(row, column).data().toString();
    }
    bool createdAndDone()
    {
        return QTest::qWaitFor([this] { return !m_session.scheduleCreation().isBusy(); }, 20'000)
            && message()->kind() == InlineMessage::Kind::Success;
    }

private slots:
    void initTestCase()
    {
        QLocale::setDefault(QLocale(QStringLiteral("en_US")));
        isolateSettings(QStringLiteral("tst_scheduledview"));
        QCOMPARE(m_server.start(), QString());
        m_proxy.setUpstream(QHostAddress(QHostAddress::LocalHost), m_server.port());
        QVERIFY(m_proxy.listen());
        m_proxy.setTargets({"POST /v1/scheduled-transfers "});
        m_api.setBaseUrl(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_proxy.port())));
        m_api.setIntegratedSecret(m_server.secret());
        // Short waits between retries: the test is about how many there are, not how long they take.
        m_session.scheduleCreation().setRetryPolicy(RetryPolicy({50, 200, 6, 30'000}));
        m_view = std::make_unique<ScheduledView>(m_session);
        m_view->resize(900, 800);
        m_view->show();
        m_session.signIn(QStringLiteral("alice"), QString::fromLatin1(AppTestServer::kDemoPassword));
        QTRY_VERIFY(m_session.isSignedIn());
        QTRY_VERIFY(!m_session.directory().payees().isEmpty());
        QTRY_VERIFY(!m_session.schedules().isLoading());
    }

    void everyControlIsNamed()
    {
        for (QWidget *widget : m_view->findChildren<QWidget *>()) {
            if (widget->focusPolicy() == Qt::NoFocus || qobject_cast<QLabel *>(widget)
                || !widget->isVisibleTo(m_view.get()) || widget->objectName().startsWith(QLatin1String("qt_"))
                || !widget->parentWidget() || qobject_cast<QAbstractItemView *>(widget->parentWidget())
                || widget->inherits("QCalendarWidget"))
                continue;
            QVERIFY2(!widget->objectName().isEmpty(), widget->metaObject()->className());
            QVERIFY2(!widget->accessibleName().isEmpty(), qPrintable(widget->objectName()));
        }
    }

    void createsOneScheduleShowingItsKey()
    {
        const qsizetype before = schedulesAtTheBank().size();
        const int posts = m_server.requests(QStringLiteral("POST /v1/scheduled-transfers"));
        create(QStringLiteral("25.00"), QDateTime::currentDateTime().addDays(1), 3, 3);
        QVERIFY2(createdAndDone(), qPrintable(message()->text()));
        const QJsonArray schedules = schedulesAtTheBank();
        QCOMPARE(schedules.size(), before + 1);
        QCOMPARE(m_server.requests(QStringLiteral("POST /v1/scheduled-transfers")), posts + 1);
        const QJsonObject made = schedules.first().toObject();
        // The key shown is the one the bank made the schedule with.
        QCOMPARE(keyShown(), made.value(QLatin1String("idempotency_key")).toString());
        QCOMPARE(made.value(QLatin1String("amount")).toInteger(), 2500);
        QCOMPARE(made.value(QLatin1String("repeat")).toObject().value(QLatin1String("every")).toString(),
                 QStringLiteral("month"));
        auto *list = find<QTableView>("schedulesView");
        QCOMPARE(list->model()->rowCount(), int(before + 1));
        QCOMPARE(shown(list, 0, ScheduledTransfersModel::AmountColumn), QStringLiteral("$25.00"));
        QCOMPARE(shown(list, 0, ScheduledTransfersModel::RepeatColumn), QStringLiteral("monthly, 3 times"));
        QCOMPARE(shown(list, 0, ScheduledTransfersModel::StatusColumn), QStringLiteral("active"));
        // Selected, with its three runs pending.
        auto *runs = find<QTableView>("occurrencesView");
        QTRY_COMPARE(runs->model()->rowCount(), 3);
        QCOMPARE(shown(runs, 2, ScheduleOccurrencesModel::StatusColumn), QStringLiteral("pending"));
    }

    void anOccurrenceDueSoonRunsAndIsShown()
    {
        create(QStringLiteral("1.00"), QDateTime::currentDateTime().addSecs(2));
        QVERIFY2(createdAndDone(), qPrintable(message()->text()));
        auto *runs = find<QTableView>("occurrencesView");
        QTRY_COMPARE(runs->model()->rowCount(), 1);
        // Watched while pending: the tab shows the run without a Refresh.
        QTRY_COMPARE_WITH_TIMEOUT(shown(runs, 0, ScheduleOccurrencesModel::StatusColumn), QStringLiteral("executed"),
                                  15'000);
        const QString transferId = shown(runs, 0, ScheduleOccurrencesModel::TransferColumn);
        QVERIFY2(transferId.startsWith(QLatin1String("tr_")), qPrintable(transferId));
        const QJsonObject transfer = m_server.client("alice", AppTestServer::kDemoPassword)
                                         ->get("/v1/transfers/" + transferId.toLatin1())
                                         .json();
        QCOMPARE(transfer.value(QLatin1String("amount")).toInteger(), 100);
        QTRY_COMPARE(shown(find<QTableView>("schedulesView"), 0, ScheduledTransfersModel::StatusColumn),
                     QStringLiteral("completed"));
        QVERIFY(!m_session.occurrences().isPolling()); // nothing left to watch
    }

    void cancelAfterConfirmation()
    {
        create(QStringLiteral("2.00"), QDateTime::currentDateTime().addDays(2), 1, 4);
        QVERIFY2(createdAndDone(), qPrintable(message()->text()));
        const QString id = schedulesAtTheBank().first().toObject().value(QLatin1String("id")).toString();
        QTRY_COMPARE(m_session.occurrences().schedule().id, id);
        QTest::mouseClick(find<QPushButton>("cancelScheduleButton"), Qt::LeftButton);
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = m_view->findChild<QMessageBox *>(QStringLiteral("cancelScheduleConfirmation"))));
        QVERIFY(box->isVisible());
        QCOMPARE(m_server.requests(QStringLiteral("DELETE /v1/scheduled-transfers/") + id), 0);
        box->button(QMessageBox::Yes)->click();
        auto *runs = find<QTableView>("occurrencesView");
        QTRY_COMPARE(shown(find<QTableView>("schedulesView"), 0, ScheduledTransfersModel::StatusColumn),
                     QStringLiteral("cancelled"));
        QCOMPARE(runs->model()->rowCount(), 4);
        for (int row = 0; row < 4; ++row)
            QCOMPARE(shown(runs, row, ScheduleOccurrencesModel::StatusColumn), QStringLiteral("cancelled"));
        QCOMPARE(schedulesAtTheBank().first().toObject().value(QLatin1String("status")).toString(),
                 QStringLiteral("cancelled"));
        QCOMPARE(m_server.requests(QStringLiteral("DELETE /v1/scheduled-transfers/") + id), 1);
        QVERIFY(!m_session.occurrences().isPolling());
    }

    void aPastFirstRunSendsNothing()
    {
        const QString keyBefore = keyShown();
        // What earlier tests asked for (balances after a run) has been answered.
        QTRY_VERIFY(!m_api.isBusy());
        const int before = m_server.totalRequests();
        create(QStringLiteral("3.00"), QDateTime::currentDateTime().addSecs(-600));
        QCOMPARE(message()->kind(), InlineMessage::Kind::Error);
        QCOMPARE(message()->text(),
                 QStringLiteral("Nothing was sent. The first run lies in the past. Choose a later time."));
        QVERIFY(!m_session.scheduleCreation().isBusy());
        QTest::qWait(300);
        QCOMPARE(m_server.totalRequests(), before);
        QCOMPARE(keyShown(), keyBefore);
        // A count of 0 cannot even be entered.
        QCOMPARE(find<QSpinBox>("scheduleCount")->minimum(), 1);
    }

    // What the form's spin box cannot even enter, the draft still refuses by the server's rules.
    void aDraftOutsideTheRulesIsRefused()
    {
        ScheduleDraft draft;
        draft.transfer.fromAccount = accountId(QStringLiteral("Alice Checking"));
        draft.transfer.toAccount = accountId(QStringLiteral("Bob Checking"));
        draft.transfer.amountText = QStringLiteral("5.00");
        draft.transfer.fromCurrency = draft.transfer.toCurrency = QStringLiteral("USD");
        draft.firstRun = QDateTime::currentDateTime().addDays(1);
        draft.repeat = ScheduleDraft::Repeat::Weekly;
        const QLocale english(QStringLiteral("en_US"));
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        for (const int count : {0, 121}) {
            draft.count = count;
            QCOMPARE(draft.validate(english, now).error, QStringLiteral("A schedule runs from 1 to 120 times."));
        }
        draft.count = 120;
        const ScheduleDraft::Validation valid = draft.validate(english, now);
        QVERIFY2(valid.ok(), qPrintable(valid.error));
        QCOMPARE(valid.request->count, 120);
        QCOMPARE(valid.request->every, ScheduledTransferRequest::Every::Week);
        // Once: one run, whatever the count says; sent without a repeat.
        draft.repeat = ScheduleDraft::Repeat::Once;
        draft.count = 0;
        QVERIFY(draft.validate(english, now).ok());
        QVERIFY(!draft.validate(english, now).request->toJson().contains(QLatin1String("repeat")));
        // A minute late is the server's tolerance too; more is the past.
        draft.firstRun = QDateTime::currentDateTime().addSecs(-30);
        QVERIFY(draft.validate(english, now).ok());
        draft.firstRun = QDateTime::currentDateTime().addSecs(-120);
        QCOMPARE(draft.validate(english, now).error,
                 QStringLiteral("The first run lies in the past. Choose a later time."));
        draft.firstRun = {};
        QCOMPARE(draft.validate(english, now).error, QStringLiteral("Choose when the transfer first runs."));
    }

    void aRetryAfterEachFailureMakesOneSchedule_data()
    {
        QTest::addColumn<FaultCase>("failure");
        QTest::newRow("request dropped") << FaultCase::DropRequest;
        QTest::newRow("cut during processing") << FaultCase::CutDuringProcessing;
        QTest::newRow("response dropped") << FaultCase::DropResponse;
    }

    void aRetryAfterEachFailureMakesOneSchedule()
    {
        QFETCH(FaultCase, failure);
        const qsizetype before = schedulesAtTheBank().size();
        const int posts = m_server.requests(QStringLiteral("POST /v1/scheduled-transfers"));
        const QRegularExpression replay(QStringLiteral("^POST /v1/scheduled-transfers 201 .*replayed=true"));
        const qsizetype replaysBefore = m_server.logLines().filter(replay).size();
        m_proxy.resetCounts();
        m_proxy.setSchedule(FaultSchedule::nextOnly(failure));
        create(QStringLiteral("4.00"), QDateTime::currentDateTime().addDays(1));
        QVERIFY2(createdAndDone(), qPrintable(message()->text()));
        const QString key = keyShown();
        // Retries with the same key left the client (a third when the second found the first still
        // being processed: 409); the bank made one schedule, with that key.
        const int attempts = m_session.scheduleCreation().attempts();
        QVERIFY(attempts == 2 || (attempts > 2 && failure == FaultCase::CutDuringProcessing));
        const FaultProxy::Counts network = m_proxy.counts();
        QCOMPARE(network.droppedRequests + network.cutDuringProcessing + network.droppedResponses, 1);
        const QJsonArray schedules = schedulesAtTheBank();
        QCOMPARE(schedules.size(), before + 1);
        QCOMPARE(schedules.first().toObject().value(QLatin1String("idempotency_key")).toString(), key);
        const int reached = m_server.requests(QStringLiteral("POST /v1/scheduled-transfers")) - posts;
        QCOMPARE(reached, failure == FaultCase::DropRequest ? attempts - 1 : attempts);
        QCOMPARE(find<QTableView>("schedulesView")->model()->rowCount(), int(before + 1));
        QVERIFY2(message()->text().contains(QLatin1String("no answer")), qPrintable(message()->text()));
        // Cases 2 and 3: the retry got the stored answer, as the server log says.
        QCOMPARE(m_server.logLines().filter(replay).size() - replaysBefore, failure == FaultCase::DropRequest ? 0 : 1);
    }
};

QTEST_MAIN(TestScheduledView)
#include "tst_scheduledview.moc"
