// PendingIntentJournal on its own: entries survive a new instance on the same file, are kept per
// user and bank, replaced by key, written atomically; a damaged file is reported, not fatal.
#include "PendingIntentJournal.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace {

PendingIntentJournal::Entry entry(const QString &key, const QString &user = QStringLiteral("alice"),
                                  const QString &server = QStringLiteral("integrated:/tmp/bank.db"), qint64 amount = 300)
{
    TransferRequest request;
    request.fromAccount = QStringLiteral("acc_alice_checking");
    request.toAccount = QStringLiteral("acc_bob_checking");
    request.amount = amount;
    request.currency = QStringLiteral("USD");
    request.memo = QStringLiteral("rent — März");
    return {key, user, server, request, QDateTime::fromMSecsSinceEpoch(1'700'000'000'123).toUTC()};
}

} // namespace

class TestPendingIntentJournal : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString path(const char *name) const { return m_dir.filePath(QLatin1String(name)); }

private slots:
    void aMissingFileIsAnEmptyJournal()
    {
        const PendingIntentJournal journal(path("none/pending.json"));
        QVERIFY(journal.entries().isEmpty());
        QVERIFY(journal.error().isEmpty());
    }

    void entriesSurviveANewInstance()
    {
        const QString file = path("nested/dir/pending.json");
        {
            PendingIntentJournal journal(file);
            QVERIFY(journal.save(entry(QStringLiteral("idk_1"))));
            QVERIFY(journal.save(entry(QStringLiteral("idk_2"), QStringLiteral("bob"))));
            QVERIFY(QFile::exists(file)); // written before save() returned
        }
        const PendingIntentJournal reopened(file);
        QCOMPARE(reopened.entries().size(), 2);
        const PendingIntentJournal::Entry first = reopened.entries().at(0);
        const PendingIntentJournal::Entry saved = entry(QStringLiteral("idk_1"));
        QCOMPARE(first.key, saved.key);
        QCOMPARE(first.user, saved.user);
        QCOMPARE(first.server, saved.server);
        QCOMPARE(first.request.toJson(), saved.request.toJson());
        QCOMPARE(first.savedAt, saved.savedAt);
        QCOMPARE(reopened.entries().at(1).user, QStringLiteral("bob"));
        QCOMPARE(reopened.entry(QStringLiteral("idk_1"))->request.memo, QStringLiteral("rent — März"));
        QVERIFY(reopened.contains(QStringLiteral("idk_2")));
        QVERIFY(!reopened.contains(QStringLiteral("idk_3")));
    }

    void saveReplacesByKeyAndRemoveForgets()
    {
        const QString file = path("replace.json");
        PendingIntentJournal journal(file);
        QVERIFY(journal.save(entry(QStringLiteral("idk_1"))));
        QVERIFY(journal.save(entry(QStringLiteral("idk_1"), QStringLiteral("alice"), QStringLiteral("integrated:/tmp/bank.db"), 999)));
        QCOMPARE(journal.entries().size(), 1);
        QCOMPARE(journal.entries().constFirst().request.amount, 999);
        QVERIFY(journal.remove(QStringLiteral("idk_1")));
        QVERIFY(journal.remove(QStringLiteral("not there")));
        QVERIFY(PendingIntentJournal(file).entries().isEmpty());
    }

    void twoInstancesOnOneFileKeepEachOthersEntries()
    {
        const QString file = path("shared.json");
        PendingIntentJournal first(file);
        PendingIntentJournal second(file);
        QVERIFY(first.save(entry(QStringLiteral("from_first"))));
        QVERIFY(second.save(entry(QStringLiteral("from_second"))));
        QVERIFY(first.remove(QStringLiteral("from_first")));
        const PendingIntentJournal reopened(file);
        QCOMPARE(reopened.entries().size(), 1);
        QCOMPARE(reopened.entries().constFirst().key, QStringLiteral("from_second"));
        // remove() read the file first, so the first instance now knows the second's entry.
        QVERIFY(first.contains(QStringLiteral("from_second")));
        QVERIFY(second.save(entry(QStringLiteral("later"))));
        QVERIFY(!first.contains(QStringLiteral("later")));
        first.reload();
        QVERIFY(first.contains(QStringLiteral("later")));
    }

    void entriesAreKeptPerUserAndBank()
    {
        PendingIntentJournal journal(path("scoped.json"));
        journal.save(entry(QStringLiteral("a1")));
        journal.save(entry(QStringLiteral("a2"), QStringLiteral("alice"), QStringLiteral("http://bank.example")));
        journal.save(entry(QStringLiteral("b1"), QStringLiteral("bob")));
        const auto alice = journal.entriesFor(QStringLiteral("alice"), QStringLiteral("integrated:/tmp/bank.db"));
        QCOMPARE(alice.size(), 1);
        QCOMPARE(alice.constFirst().key, QStringLiteral("a1"));
        QCOMPARE(journal.entriesFor(QStringLiteral("alice"), QStringLiteral("http://bank.example")).size(), 1);
        QVERIFY(journal.entriesFor(QStringLiteral("carol"), QStringLiteral("integrated:/tmp/bank.db")).isEmpty());
    }

    void writesLeaveNoTemporaryFilesBehind()
    {
        QDir dir(path("atomic"));
        QVERIFY(dir.mkpath(QStringLiteral(".")));
        PendingIntentJournal journal(dir.filePath(QStringLiteral("pending.json")));
        for (int i = 0; i < 20; ++i)
            QVERIFY(journal.save(entry(QStringLiteral("idk_%1").arg(i))));
        QCOMPARE(dir.entryList(QDir::Files), QStringList{QStringLiteral("pending.json")});
        QCOMPARE(PendingIntentJournal(dir.filePath(QStringLiteral("pending.json"))).entries().size(), 20);
    }

    void aDamagedFileIsReportedAndReplacedOnTheNextSave()
    {
        const QString file = path("damaged.json");
        QFile damaged(file);
        QVERIFY(damaged.open(QIODevice::WriteOnly));
        damaged.write("{\"version\":1,\"pending\":[{\"key\":");
        damaged.close();
        PendingIntentJournal journal(file);
        QVERIFY(journal.entries().isEmpty());
        QVERIFY(!journal.error().isEmpty());
        QVERIFY(journal.save(entry(QStringLiteral("idk_1"))));
        QVERIFY(journal.error().isEmpty());
        QCOMPARE(PendingIntentJournal(file).entries().size(), 1);
    }

    void entriesThatCannotBeUsedAreSkipped()
    {
        const QString file = path("partial.json");
        QFile partial(file);
        QVERIFY(partial.open(QIODevice::WriteOnly));
        partial.write(R"({"version":1,"pending":[{"key":"idk_ok","user":"alice","server":"s","request":{"from_account":"a","to_account":"b","amount":5,"currency":"USD"}},)"
                      R"({"key":"idk_bad","user":"alice","server":"s","request":{"amount":-1}}]})");
        partial.close();
        const PendingIntentJournal journal(file);
        QCOMPARE(journal.entries().size(), 1);
        QCOMPARE(journal.entries().constFirst().key, QStringLiteral("idk_ok"));
    }

    void aFileThatCannotBeWrittenIsAnError()
    {
        // A directory where the file should be.
        QVERIFY(QDir().mkpath(path("blocked.json")));
        PendingIntentJournal journal(path("blocked.json"));
        QVERIFY(!journal.save(entry(QStringLiteral("idk_1"))));
        QVERIFY(!journal.error().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPendingIntentJournal)
#include "tst_pendingintentjournal.moc"
