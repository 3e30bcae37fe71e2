// Issue 20 item 5: what the app writes is its owner's alone, under the usual umask 022. Its data
// and config folders are 0700; the single-instance lock, the settings, the database, the journal
// of pending transfers and timeline exports are 0600; files and folders left wider by an earlier
// version are narrowed at start, with a log line.
#include "app/client/transfer/PendingIntentJournal.h"
#include "app/startup/DesktopApp.h"
#include "app/ui/AttemptTimelineView.h"
#include "app/ui/MainWindow.h"
#include "shared/files/PrivateFiles.h"
#include "tests/app/AppTestServer.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

namespace {

// The permission bits as stat(2) sees them, e.g. 0600.
int modeOf(const QString &path)
{
    struct stat info = {};
    if (::stat(QFile::encodeName(path).constData(), &info) != 0)
        return -1;
    return int(info.st_mode & 07777);
}

QString octal(int mode) { return QStringLiteral("0%1").arg(mode, 3, 8, QLatin1Char('0')); }

void writeWithMode(const QString &path, const QByteArray &bytes, int mode)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(bytes), bytes.size());
    file.close();
    QCOMPARE(::chmod(QFile::encodeName(path).constData(), mode_t(mode)), 0);
}

PendingIntentJournal::Entry pendingEntry()
{
    PendingIntentJournal::Entry entry;
    entry.key = QStringLiteral("k_private_files_test");
    entry.user = QStringLiteral("alice");
    entry.server = QStringLiteral("integrated:test");
    entry.request = {QStringLiteral("acc_alice_checking"), QStringLiteral("acc_bob_checking"), 4200,
                     QStringLiteral("EUR"), QStringLiteral("rent")};
    entry.savedAt = QDateTime::currentDateTimeUtc();
    return entry;
}

} // namespace

#define QCOMPARE_MODE(path, expected) QCOMPARE(octal(modeOf(path)), octal(expected))

class TestPrivateFiles : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_home;

    static QString dataFolder() { return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation); }
    static QString settingsFile() { return QSettings().fileName(); }

    // Removes what an earlier test function made, so each starts from nothing.
    void freshHome()
    {
        QDir(dataFolder()).removeRecursively();
        QDir(QFileInfo(settingsFile()).absolutePath()).removeRecursively();
    }

private slots:
    void initTestCase()
    {
        // The usual umask, which gives new files 0644 and new folders 0755 unless a mode is asked for.
        ::umask(022);
        QVERIFY(m_home.isValid());
        // Test mode puts the app's folders under $HOME/.qttest: here, a home made for this test,
        // set before the first QSettings, which remembers where it looked.
        qputenv("HOME", QFile::encodeName(m_home.path()));
        isolateSettings(QStringLiteral("tst_privatefiles"));
        QVERIFY(dataFolder().startsWith(m_home.path()));
        QVERIFY(settingsFile().startsWith(m_home.path()));
    }

    void init() { freshHome(); }

    void everythingTheAppWritesIsItsOwnersAlone()
    {
        QVERIFY(!QFileInfo::exists(dataFolder()));
        DesktopApp app{AppOptions()};
        QCOMPARE(app.refusal(), QString());
        QCOMPARE(app.start(), QString()); // the integrated server, on bank.db in the data folder
        const QDir data(dataFolder());
        QCOMPARE_MODE(data.path(), 0700);
        QCOMPARE_MODE(data.filePath(QStringLiteral("bank-app.lock")), 0600);
        QCOMPARE_MODE(data.filePath(QStringLiteral("bank.db")), 0600);
        for (const char *suffix : {"-wal", "-shm"}) {
            if (const QString companion = data.filePath(QStringLiteral("bank.db") + QLatin1String(suffix));
                QFileInfo::exists(companion))
                QCOMPARE_MODE(companion, 0600);
        }

        // Settings the app itself writes: the window's geometry when it closes.
        app.window().close();
        QSettings().sync();
        QVERIFY(QSettings().contains(QStringLiteral("mainWindow/geometry")));
        QCOMPARE_MODE(QFileInfo(settingsFile()).absolutePath(), 0700);
        QCOMPARE_MODE(settingsFile(), 0600);
        // And stays so when it is rewritten (QSettings saves through a new file renamed over it).
        QSettings().setValue(QStringLiteral("mainWindow/tab"), 1);
        QSettings().sync();
        QCOMPARE_MODE(settingsFile(), 0600);

        QVERIFY(app.journal());
        QVERIFY(app.journal()->save(pendingEntry()));
        QCOMPARE_MODE(PendingIntentJournal::pathIn(data.path()), 0600);
        QVERIFY(app.journal()->remove(pendingEntry().key));
        QCOMPARE_MODE(PendingIntentJournal::pathIn(data.path()), 0600);
    }

    void timelineExportsAreOwnersAloneWhereverTheyGo()
    {
        DesktopApp app{AppOptions()};
        auto *view = app.window().findChild<AttemptTimelineView *>();
        QVERIFY(view);
        const QTemporaryDir out;
        QVERIFY(out.isValid());
        const QString png = out.filePath(QStringLiteral("timeline.png"));
        const QString text = out.filePath(QStringLiteral("timeline.txt"));
        const QString svg = out.filePath(QStringLiteral("timeline.svg"));
        QVERIFY(view->exportPng(png, QStringLiteral("Case 3")));
        QVERIFY(view->exportSvg(svg, QStringLiteral("Case 3")));
        QVERIFY(view->exportText(text));
        QCOMPARE_MODE(png, 0600);
        QCOMPARE_MODE(svg, 0600);
        QCOMPARE_MODE(text, 0600);
        QVERIFY(QImage(png).width() > 0);

        // Saved over a file others could read: it becomes private too.
        writeWithMode(text, "old", 0644);
        QVERIFY(view->exportText(text));
        QCOMPARE_MODE(text, 0600);
    }

    void filesLeftOpenByAnEarlierVersionAreNarrowedAtStart()
    {
        // What an earlier version left under umask 022, database included.
        {
            DesktopApp earlier{AppOptions()};
            QCOMPARE(earlier.start(), QString());
            QVERIFY(earlier.journal()->save(pendingEntry()));
        }
        const QDir data(dataFolder());
        const QString database = data.filePath(QStringLiteral("bank.db"));
        const QString journal = PendingIntentJournal::pathIn(data.path());
        QCOMPARE(::chmod(QFile::encodeName(data.path()).constData(), 0755), 0);
        QCOMPARE(::chmod(QFile::encodeName(QFileInfo(settingsFile()).absolutePath()).constData(), 0755), 0);
        for (const QString &file : {database, journal, settingsFile()})
            QCOMPARE(::chmod(QFile::encodeName(file).constData(), 0644), 0);
        const QString wal = database + QStringLiteral("-wal");
        if (!QFileInfo::exists(wal))
            writeWithMode(wal, {}, 0644);
        else
            QCOMPARE(::chmod(QFile::encodeName(wal).constData(), 0644), 0);

        for (const QString &path :
             {data.path(), QFileInfo(settingsFile()).absolutePath(), database, wal, journal, settingsFile()})
            QTest::ignoreMessage(
                QtInfoMsg,
                QRegularExpression(QStringLiteral("^%1 was open to other users; it is now private to its owner")
                                       .arg(QRegularExpression::escape(path))));
        DesktopApp app{AppOptions()};
        QCOMPARE(app.start(), QString());
        QCOMPARE_MODE(data.path(), 0700);
        QCOMPARE_MODE(QFileInfo(settingsFile()).absolutePath(), 0700);
        for (const QString &file : {database, wal, journal, settingsFile()})
            QCOMPARE_MODE(file, 0600);
        QCOMPARE(app.journal()->entries().size(), 1);
    }

    void aDatabaseFolderTheUserChoseKeepsItsModeButNotItsFiles()
    {
        const QTemporaryDir chosen;
        QVERIFY(chosen.isValid());
        QCOMPARE(::chmod(QFile::encodeName(chosen.path()).constData(), 0755), 0);
        AppOptions options;
        options.databasePath = chosen.filePath(QStringLiteral("bank.db"));
        DesktopApp app(options);
        QCOMPARE(app.start(), QString());
        QVERIFY(app.journal()->save(pendingEntry()));
        // It may be shared (--db in the home folder): not narrowed. What the app puts in it is.
        QCOMPARE_MODE(chosen.path(), 0755);
        QCOMPARE_MODE(options.databasePath, 0600);
        QCOMPARE_MODE(chosen.filePath(QStringLiteral("bank-app.lock")), 0600);
        QCOMPARE_MODE(PendingIntentJournal::pathIn(chosen.path()), 0600);
        // A missing folder for --db is made private.
        const QString deeper = chosen.filePath(QStringLiteral("new/deeper"));
        QVERIFY(PrivateFiles::createFolder(deeper));
        QCOMPARE_MODE(chosen.filePath(QStringLiteral("new")), 0700);
        QCOMPARE_MODE(deeper, 0700);
    }
};

QTEST_MAIN(TestPrivateFiles)
#include "tst_privatefiles.moc"
