// PendingIntentJournal on its own: entries survive a new instance on the same file, are kept per
// user and bank, replaced by key, written atomically; two processes writing at once keep all of
// each other's entries; a file it cannot read is set aside intact and reported, never overwritten.
// Run as `tst_pendingintentjournal --write-entries FILE PREFIX COUNT`, it is one of those processes.
#include "app/client/transfer/PendingIntentJournal.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

namespace {

PendingIntentJournal::Entry entry(const QString &key, const QString &user = QStringLiteral("alice"),
                                  const QString &server = QStringLiteral("integrated:/tmp/bank.db"),
                                  qint64 amount = 300)
{
    TransferRequest request;
    request.fromAccount = QStringLiteral("acc_alice_checking");
    request.toAccount = QStringLiteral("acc_bob_checking");
    request.amount = amount;
    request.currency = QStringLiteral("USD");
    request.memo = QStringLiteral("rent — März");
    return {key, user, server, request, QDateTime::fromMSecsSinceEpoch(1'700'000'000'123).toUTC()};
}

// The other process of writersAtOnceKeepEveryEntry: waits for a line on stdin (so both start
// together), then saves PREFIX_0 … PREFIX_{COUNT-1} one by one. Exits 1 if a save failed.
int writeEntries(const QString &file, const QString &prefix, int count)
{
    PendingIntentJournal journal(file);
    std::getchar();
    for (int i = 0; i < count; ++i) {
        if (!journal.save(entry(QStringLiteral("%1_%2").arg(prefix).arg(i)))) {
            std::fprintf(stderr, "save %d: %s\n", i, qPrintable(journal.error()));
            return 1;
        }
    }
    return 0;
}

const QByteArray kReadableJournal
    = R"({"version":1,"pending":[{"key":"idk_old","user":"alice","server":"s","request":{"from_account":"a","to_account":"b","amount":5,"currency":"USD"}}]})";

// The files in `dir` whose names match `pattern`.
QStringList filesLike(const QDir &dir, const QString &pattern) { return dir.entryList({pattern}, QDir::Files); }

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
        QVERIFY(journal.save(
            entry(QStringLiteral("idk_1"), QStringLiteral("alice"), QStringLiteral("integrated:/tmp/bank.db"), 999)));
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

    void writersAtOnceKeepEveryEntry()
    {
        constexpr int kEach = 200;
        const QString file = path("contended/pending.json");
        QProcess writers[2];
        const QString prefixes[2] = {QStringLiteral("first"), QStringLiteral("second")};
        for (int i = 0; i < 2; ++i) {
            writers[i].setProcessChannelMode(QProcess::ForwardedErrorChannel);
            writers[i].start(QCoreApplication::applicationFilePath(),
                             {QStringLiteral("--write-entries"), file, prefixes[i], QString::number(kEach)});
            QVERIFY(writers[i].waitForStarted());
        }
        for (QProcess &writer : writers) {
            writer.write("go\n");
            QVERIFY(writer.waitForBytesWritten()); // else the second hears it only once the first is done
        }
        for (QProcess &writer : writers) {
            QVERIFY(writer.waitForFinished(120'000));
            QCOMPARE(writer.exitStatus(), QProcess::NormalExit);
            QCOMPARE(writer.exitCode(), 0);
        }
        const PendingIntentJournal journal(file);
        QVERIFY(journal.error().isEmpty());
        QCOMPARE(journal.entries().size(), 2 * kEach);
        for (const QString &prefix : prefixes) {
            for (int i = 0; i < kEach; ++i)
                QVERIFY2(journal.contains(QStringLiteral("%1_%2").arg(prefix).arg(i)),
                         qPrintable(QStringLiteral("%1_%2").arg(prefix).arg(i)));
        }
    }

    void anUnreadableFileIsSetAsideNotOverwritten_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QByteArray strayByte = kReadableJournal;
        strayByte.insert(strayByte.indexOf("\"pending\""), 'x');
        QTest::newRow("a stray byte") << strayByte;
        QTest::newRow("cut short") << QByteArray(R"({"version":1,"pending":[{"key":)");
        QTest::newRow("a newer version") << QByteArray(
            R"({"version":99,"pending":[{"key":"idk_new","format":"unknown"}]})");
        QTest::newRow("not a journal") << QByteArray(R"(["idk_1"])");
        QTest::newRow("not JSON") << QByteArray("\x89PNG\r\n\x1a\n\0\0\0");
    }

    void anUnreadableFileIsSetAsideNotOverwritten()
    {
        QFETCH(QByteArray, bytes);
        const QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("pending.json"));
        PendingIntentJournal journal(file);
        QSignalSpy setAside(&journal, &PendingIntentJournal::unreadableSetAside);
        // Written by something this journal cannot read, after it opened the file.
        QFile unreadable(file);
        QVERIFY(unreadable.open(QIODevice::WriteOnly));
        unreadable.write(bytes);
        unreadable.close();

        QVERIFY(journal.save(entry(QStringLiteral("idk_1"))));

        const QStringList kept = filesLike(QDir(dir.path()), QStringLiteral("pending.unreadable-*.json"));
        QCOMPARE(kept.size(), 1);
        QVERIFY(QRegularExpression(QStringLiteral(R"(^pending\.unreadable-\d{8}-\d{6}-\d{3}\.json$)"))
                    .match(kept.constFirst())
                    .hasMatch());
        QFile keptFile(dir.filePath(kept.constFirst()));
        QVERIFY(keptFile.open(QIODevice::ReadOnly));
        QCOMPARE(keptFile.readAll(), bytes);
        // Reported, once, by where it went.
        QCOMPARE(setAside.size(), 1);
        QCOMPARE(setAside.constFirst().constFirst().toString(), keptFile.fileName());
        QCOMPARE(journal.setAside(), QStringList{keptFile.fileName()});
        // The journal goes on afresh with the new entry.
        const PendingIntentJournal reopened(file);
        QCOMPARE(reopened.entries().size(), 1);
        QCOMPARE(reopened.entries().constFirst().key, QStringLiteral("idk_1"));
        QVERIFY(reopened.setAside().isEmpty());
    }

    void anUnreadableFileFoundOnOpeningIsSetAsideAndReported()
    {
        const QString file = path("damaged.json");
        QFile damaged(file);
        QVERIFY(damaged.open(QIODevice::WriteOnly));
        damaged.write("{\"version\":1,\"pending\":[{\"key\":");
        damaged.close();
        PendingIntentJournal journal(file);
        QVERIFY(journal.entries().isEmpty());
        QCOMPARE(journal.setAside().size(), 1);
        QVERIFY(journal.error().contains(journal.setAside().constFirst()));
        QVERIFY(!QFile::exists(file));
        QVERIFY(journal.save(entry(QStringLiteral("idk_1"))));
        QVERIFY(journal.error().isEmpty());
        QCOMPARE(PendingIntentJournal(file).entries().size(), 1);
        QVERIFY(QFile::exists(journal.setAside().constFirst()));
    }

    void entriesThatCannotBeUsedAreSkipped()
    {
        const QString file = path("partial.json");
        QFile partial(file);
        QVERIFY(partial.open(QIODevice::WriteOnly));
        partial.write(
            R"({"version":1,"pending":[{"key":"idk_ok","user":"alice","server":"s","request":{"from_account":"a","to_account":"b","amount":5,"currency":"USD"}},)"
            R"({"key":"idk_bad","user":"alice","server":"s","request":{"amount":-1}}]})");
        partial.close();
        PendingIntentJournal journal(file);
        QCOMPARE(journal.entries().size(), 1);
        QCOMPARE(journal.entries().constFirst().key, QStringLiteral("idk_ok"));
        // Kept as they were: a later version may know what to do with them.
        QVERIFY(journal.save(entry(QStringLiteral("idk_new"))));
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QVERIFY(written.readAll().contains(R"("key": "idk_bad")"));
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

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc == 5 && qstrcmp(argv[1], "--write-entries") == 0)
        return writeEntries(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]),
                            QByteArray(argv[4]).toInt());
    TestPendingIntentJournal test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}
#include "tst_pendingintentjournal.moc"
