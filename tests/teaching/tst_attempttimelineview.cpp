// The attempt timeline as it is painted: for every case, with a key and without, with the key
// request and a status check, in English and in German, at 100 %, 150 % and 250 %, at the export
// width and at the narrowest the view allows, every text fits the box it is drawn into (no label
// is cut) and no two texts overlap. The boxes are the painting code's own (AttemptTimelineView::
// paint reports what it draws). BANK_TIMELINE_PICTURES=DIR writes the pictures there, to look at.
#include "app/startup/UiTranslation.h"
#include "app/teaching/AttemptTimeline.h"
#include "app/ui/AttemptTimelineView.h"
#include "tests/teaching/TimelineAttempts.h"

#include <QApplication>
#include <QDir>
#include <QImage>
#include <QPainter>
#include <QTest>

using namespace TimelineAttempts;

namespace {

const QString kKey = QStringLiteral("idk_7e8ec4ea52c8c7d39c86dc0ceeb718d6");

// One attempt through the proxy: what the client saw, what the network did, what the bank said.
// With a real key, a time that does not change, and latencies as long as they get.
TransferAttempt startedAt(int number, const QByteArray &id, bool unsafe)
{
    TransferAttempt attempt = started(number, id, unsafe);
    attempt.key = unsafe ? QString() : kKey;
    attempt.startedAt = QDateTime(QDate(2026, 1, 31), QTime(12, 0, 0)).addMSecs(number * 437);
    return attempt;
}

void attempt(AttemptTimeline &timeline, int number, bool unsafe, FaultCase fate, int status, bool replayed = false,
             ProblemCode code = ProblemCode::InternalError)
{
    const QByteArray id = "r" + QByteArray::number(number);
    timeline.attemptStarted(startedAt(number, id, unsafe), true);
    timeline.networkReported(
        network(id, fate, fate != FaultCase::DropRequest, fate == FaultCase::DropRequest ? 0 : status, true, replayed));
    TransferAttempt finished = fate == FaultCase::Pass ? answered(startedAt(number, id, unsafe), status, replayed, code)
                                                       : lost(startedAt(number, id, unsafe));
    finished.elapsedMs *= 1000;
    timeline.attemptFinished(finished);
}

// The timeline a failure case leaves, as the presets run it: the key request, the attempts, a
// status check after a lost answer, and the money per account with the bank's balances (a
// schedule's creation moves none: its title is longer, and it has no accounts).
AttemptTimeline scenario(FaultCase failure, bool withKey,
                         AttemptTimeline::Subject subject = AttemptTimeline::Subject::Transfer)
{
    const bool unsafe = !withKey;
    const bool schedule = subject == AttemptTimeline::Subject::Schedule;
    AttemptTimeline timeline;
    timeline.begin(QStringLiteral("$30.00 from Alice Checking to Bob Checking (Bob the Builder)")
                       + (schedule ? QStringLiteral(", monthly, 12 times") : QString()),
                   unsafe ? QString() : kKey, unsafe, subject);
    const QDateTime at = startedAt(0, {}, unsafe).startedAt;
    if (withKey)
        timeline.setKeyRequest(AttemptTimeline::Exchange::keyIssued(at, 41, kKey));
    switch (failure) {
    case FaultCase::Pass:
        attempt(timeline, 1, unsafe, FaultCase::Pass, 422, false, ProblemCode::InsufficientFunds);
        attempt(timeline, 2, unsafe, FaultCase::Pass, 201);
        break;
    case FaultCase::DropRequest:
        attempt(timeline, 1, unsafe, FaultCase::DropRequest, 0);
        attempt(timeline, 2, unsafe, FaultCase::Pass, 201);
        break;
    case FaultCase::CutDuringProcessing:
        attempt(timeline, 1, unsafe, FaultCase::CutDuringProcessing, 201);
        if (withKey) {
            attempt(timeline, 2, unsafe, FaultCase::Pass, 409, false, ProblemCode::IdempotencyKeyInUse);
            attempt(timeline, 3, unsafe, FaultCase::Pass, 409, false, ProblemCode::IdempotencyKeyInUse);
            attempt(timeline, 4, unsafe, FaultCase::Pass, 201, true);
        } else {
            attempt(timeline, 2, unsafe, FaultCase::Pass, 201);
        }
        break;
    case FaultCase::DropResponse:
        attempt(timeline, 1, unsafe, FaultCase::DropResponse, 201);
        attempt(timeline, 2, unsafe, FaultCase::Pass, 201, withKey);
        break;
    }
    if (withKey) {
        TransferStatus happened;
        happened.verdict = TransferStatus::Verdict::Happened;
        happened.info = IdempotencyKeyInfo{};
        happened.info->status = QStringLiteral("completed");
        timeline.addLookup(AttemptTimeline::Exchange::statusChecked(at.addSecs(9), 4, kKey, happened));
    }
    if (schedule)
        return timeline;
    timeline.setAccountEffects({{QStringLiteral("acc_a"), QStringLiteral("Alice Checking"), QStringLiteral("USD"),
                                 -3000, 100'000, 100'000 - 3000 * timeline.debits()},
                                {QStringLiteral("acc_b"), QStringLiteral("Bob Checking (Bob the Builder)"),
                                 QStringLiteral("USD"), 3000, std::nullopt, std::nullopt}});
    return timeline;
}

QString describe(const AttemptTimelineView::DrawnText &text)
{
    return QStringLiteral("\"%1\" in %2,%3 %4x%5")
        .arg(text.text)
        .arg(text.box.x())
        .arg(text.box.y())
        .arg(text.box.width())
        .arg(text.box.height());
}

} // namespace

Q_DECLARE_METATYPE(FaultCase)

class TestAttemptTimelineView : public QObject
{
    Q_OBJECT
private slots:
    void everyTextFitsItsBoxAndNoneOverlaps_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<int>("zoom");
        for (const char *language : {"en", "de"}) {
            for (const int zoom : {100, 150, 250})
                QTest::addRow("%s %d %%", language, zoom) << QString::fromLatin1(language) << zoom;
        }
    }

    void everyTextFitsItsBoxAndNoneOverlaps()
    {
        QFETCH(QString, language);
        QFETCH(int, zoom);
        const QLocale locale(language == QLatin1String("de") ? QStringLiteral("de_DE") : QStringLiteral("en_US"));
        QLocale::setDefault(locale);
        const UiTranslation translation(locale);
        QCOMPARE(translation.isLoaded(), language == QLatin1String("de"));

        QFont font = QApplication::font();
        font.setPointSizeF(font.pointSizeF() * zoom / 100.0);
        const int narrowest = QFontMetrics(font).horizontalAdvance(QLatin1Char('M')) * 40;
        const QString pictures = qEnvironmentVariable("BANK_TIMELINE_PICTURES");
        int checked = 0;
        for (const FaultCase failure :
             {FaultCase::Pass, FaultCase::DropRequest, FaultCase::CutDuringProcessing, FaultCase::DropResponse}) {
            for (const auto &[withKey, subject] : {std::pair{true, AttemptTimeline::Subject::Transfer},
                                                   std::pair{false, AttemptTimeline::Subject::Transfer},
                                                   std::pair{true, AttemptTimeline::Subject::Schedule}}) {
                const AttemptTimeline timeline = scenario(failure, withKey, subject);
                const QString variant = subject == AttemptTimeline::Subject::Schedule ? QStringLiteral("schedule")
                    : withKey                                                         ? QStringLiteral("key")
                                                                                      : QStringLiteral("nokey");
                for (const int width : {AttemptTimelineView::kExportWidth, narrowest}) {
                    const QString where = QStringLiteral("case %1 %2, %3 px").arg(int(failure)).arg(variant).arg(width);
                    const AttemptTimelineView::Layout layout = AttemptTimelineView::layout(timeline, font, width);
                    const QRectF diagram(0, 0, width, layout.height);
                    // The title, the key, one row per attempt (and the key request, the status
                    // check), the lanes, the ledger effect and each account's money.
                    QVERIFY2(layout.texts.size() >= 5 + 4 * timeline.rows().size(), qPrintable(where));
                    for (const AttemptTimelineView::DrawnText &text : layout.texts) {
                        const QRectF needed = QFontMetricsF(text.font).boundingRect(text.box, text.flags, text.text);
                        QVERIFY2(text.box.adjusted(-0.5, -0.5, 0.5, 0.5).contains(needed),
                                 qPrintable(QStringLiteral("%1: %2 needs %3x%4")
                                                .arg(where, describe(text))
                                                .arg(needed.width())
                                                .arg(needed.height())));
                        QVERIFY2(diagram.contains(text.box), qPrintable(where + u' ' + describe(text)));
                        ++checked;
                    }
                    for (qsizetype i = 0; i < layout.texts.size(); ++i) {
                        for (qsizetype j = i + 1; j < layout.texts.size(); ++j)
                            QVERIFY2(!layout.texts.at(i).box.intersects(layout.texts.at(j).box),
                                     qPrintable(
                                         QStringLiteral("%1: %2 overlaps %3")
                                             .arg(where, describe(layout.texts.at(i)), describe(layout.texts.at(j)))));
                    }
                    // The lines a screen reader reads are where the rows are, one under the other.
                    QCOMPARE(layout.lines.size(), 3 + timeline.rows().size());
                    for (qsizetype i = 1; i < layout.lines.size(); ++i)
                        QVERIFY2(layout.lines.at(i).top() >= layout.lines.at(i - 1).top(), qPrintable(where));
                    if (!pictures.isEmpty()) {
                        QImage picture(width, layout.height, QImage::Format_ARGB32_Premultiplied);
                        picture.fill(Qt::white);
                        QPainter painter(&picture);
                        painter.setFont(font);
                        AttemptTimelineView::paint(painter, timeline, width, QPalette(Qt::white));
                        picture.save(QDir(pictures).filePath(QStringLiteral("%1-%2-case%3-%4-%5.png")
                                                                 .arg(language)
                                                                 .arg(zoom)
                                                                 .arg(int(failure))
                                                                 .arg(variant)
                                                                 .arg(width)));
                    }
                }
            }
        }
        QVERIFY(checked > 200);
        QLocale::setDefault(QLocale(QStringLiteral("en_US")));
    }

    void theWidgetWrapsItsTextsToItsWidth()
    {
        // Narrower is taller: the texts wrap rather than being cut.
        const AttemptTimeline timeline = scenario(FaultCase::CutDuringProcessing, true);
        const QFont font = QApplication::font();
        const int narrowest = QFontMetrics(font).horizontalAdvance(QLatin1Char('M')) * 40;
        QVERIFY(AttemptTimelineView::layout(timeline, font, narrowest).height
                > AttemptTimelineView::layout(timeline, font, AttemptTimelineView::kExportWidth).height);
        // Larger text is a taller diagram.
        QFont large = font;
        large.setPointSizeF(font.pointSizeF() * 2.5);
        QVERIFY(AttemptTimelineView::layout(timeline, large, AttemptTimelineView::kExportWidth).height
                > 2 * AttemptTimelineView::layout(timeline, font, AttemptTimelineView::kExportWidth).height);
    }
};

QTEST_MAIN(TestAttemptTimelineView)
#include "tst_attempttimelineview.moc"
