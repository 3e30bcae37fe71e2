// Lesson files without the app: what is saved reads back the same, and every kind of bad file is
// refused with a reason that names what is wrong.
#include "app/teaching/Lesson.h"

#include <QTest>

class TestLesson : public QObject
{
    Q_OBJECT
private slots:
    void aSavedLessonReadsBackTheSame()
    {
        const Lesson lesson{{{FaultCase::DropResponse, false}, {FaultCase::DropRequest, true}}, 4'294'967'295U};
        const QByteArray json = lesson.toJson();
        QVERIFY(json.contains(R"("scenarios": [)"));
        QVERIFY(json.contains(R"("Run case 3 without key")"));
        QVERIFY(json.contains(R"("version": 1)"));
        QString why;
        const std::optional<Lesson> read = Lesson::fromJson(json, &why);
        QVERIFY2(read, qPrintable(why));
        QCOMPARE(*read, lesson);
        QCOMPARE(lesson.progressText(0), QStringLiteral("Lesson: next is scenario 1 of 2, “Case 3 · no key”."));
        QCOMPARE(lesson.progressText(2), QStringLiteral("Lesson: all 2 scenarios ran."));
    }

    void aBadLessonSaysWhatIsWrong_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("why");
        const QByteArray head = R"({"format": "exactly-once-bank lesson", )";
        QTest::newRow("not JSON") << QByteArray("{") << "not JSON: unterminated object at byte 1";
        QTest::newRow("not an object") << QByteArray("[]") << "not a lesson: expected a JSON object";
        QTest::newRow("format") << QByteArray(R"({"format": "x", "version": 1, "seed": 1, "scenarios": []})")
                                << "not a lesson: “format” must be “exactly-once-bank lesson”";
        QTest::newRow("no version") << head + R"("seed": 1, "scenarios": ["Run case 1 with key"]})"
                                    << "“version” is missing or not a number: this app reads lessons of version 1";
        QTest::newRow("version 2") << head + R"("version": 2, "seed": 1, "scenarios": ["Run case 1 with key"]})"
                                   << "version 2 is not supported: this app reads lessons of version 1";
        QTest::newRow("seed") << head + R"("version": 1, "seed": -1, "scenarios": ["Run case 1 with key"]})"
                              << "“seed” must be a whole number from 0 to 4294967295";
        QTest::newRow("seed fraction") << head + R"("version": 1, "seed": 1.5, "scenarios": ["Run case 1 with key"]})"
                                       << "“seed” must be a whole number from 0 to 4294967295";
        QTest::newRow("no scenarios") << head + R"("version": 1, "seed": 1, "scenarios": []})"
                                      << "“scenarios” must be a list of at least one scenario";
        QTest::newRow("unknown preset")
            << head + R"("version": 1, "seed": 1, "scenarios": ["Run case 1 with key", "Run case 9 with key"]})"
            << "scenario 2 is not a preset: “Run case 9 with key”; the presets are Run case 1 with key, Run case 2 "
               "with key, Run case 3 with key, Run case 1 without key, Run case 2 without key, Run case 3 without key, "
               "Run key answer lost, Run client crash after send";
        QTest::newRow("unknown member") << head + R"("version": 1, "seed": 1, "scenario": ["Run case 1 with key"]})"
                                        << "unknown member “scenario”; a lesson has format, version, seed, scenarios";
    }

    void aBadLessonSaysWhatIsWrong()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, why);
        QString reason;
        QVERIFY(!Lesson::fromJson(json, &reason));
        QCOMPARE(reason, why);
    }
};

QTEST_MAIN(TestLesson)
#include "tst_lesson.moc"
