// Replays one fuzz target's seed corpus and its regression inputs (crashes found by fuzzing) as an
// ordinary test, in every build; tests/fuzz/run.sh does the actual fuzzing with clang.
#include <QDir>
#include <QFile>
#include <QTest>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

class TestCorpusReplay : public QObject
{
    Q_OBJECT
private slots:
    void replay_data()
    {
        QTest::addColumn<QString>("file");
        int files = 0;
        for (const QString &directory : {QStringLiteral(FUZZ_CORPUS_DIR), QStringLiteral(FUZZ_REGRESSION_DIR)}) {
            const QDir dir(directory);
            for (const QString &name : dir.entryList(QDir::Files, QDir::Name)) {
                QTest::newRow(qPrintable(dir.dirName() + u'/' + name)) << dir.filePath(name);
                ++files;
            }
        }
        QVERIFY2(files > 0, "no corpus");
    }

    void replay()
    {
        QFETCH(QString, file);
        QFile input(file);
        QVERIFY(input.open(QIODevice::ReadOnly));
        const QByteArray bytes = input.readAll();
        QCOMPARE(LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(bytes.constData()), size_t(bytes.size())), 0);
    }
};

QTEST_GUILESS_MAIN(TestCorpusReplay)
#include "tst_corpusreplay.moc"
