// The timeline pictures of docs/teaching.md render offscreen from real runs of the app, one per
// failure case (and the unsafe contrast), at twice the export width, and are not blank.
#include "app/ui/AttemptTimelineView.h"
#include "app/ui/SideBySideDialog.h"
#include "tests/app/ScreenshotRenderer.h"
#include "tests/teaching/TimelineScreenshots.h"

#include <QImage>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

class TestTimelineScreenshots : public QObject
{
    Q_OBJECT
private slots:
    void everyCaseRendersAPicture()
    {
        ScreenshotRenderer::useFixedLook();
        QCoreApplication::setApplicationName(QStringLiteral("tst_timelinescreenshots"));
        QTemporaryDir out;
        QCOMPARE(TimelineScreenshots::render(out.path()), QString());
        for (const QString &name : TimelineScreenshots::fileNames()) {
            const QImage picture(out.filePath(name));
            QVERIFY2(!picture.isNull(), qPrintable(name));
            if (name.startsWith(QLatin1String("timeline-window"))) {
                QCOMPARE(picture.size(), QSize(TimelineScreenshots::kWindowWidth, TimelineScreenshots::kWindowHeight));
                continue;
            }
            if (name == QLatin1String("timeline-projected.png")) {
                QCOMPARE(picture.size(),
                         QSize(TimelineScreenshots::kProjectedWidth, TimelineScreenshots::kProjectedHeight));
                continue;
            }
            // Crisp: devicePixelRatio 2, the side by side's too.
            QCOMPARE(picture.width(),
                     name == QLatin1String("timeline-side-by-side.png")
                         ? 2 * (2 * AttemptTimelineView::kExportWidth + 3 * SideBySideDialog::kPictureMargin)
                         : 2 * AttemptTimelineView::kExportWidth);
            QVERIFY2(picture.height() > 200, qPrintable(name));
            // Text, arrows and crosses in several colours on white.
            QSet<QRgb> colours;
            for (int y = 0; y < picture.height(); y += 2) {
                for (int x = 0; x < picture.width(); x += 2)
                    colours.insert(picture.pixel(x, y));
            }
            QVERIFY2(colours.size() > 20, qPrintable(name));
            QCOMPARE(picture.pixel(1, 1), qRgb(255, 255, 255));
        }
        // Case 2 shows the 409 row: one row more than the others.
        QVERIFY(QImage(out.filePath(QStringLiteral("timeline-case2.png"))).height()
                > QImage(out.filePath(QStringLiteral("timeline-case3.png"))).height());
    }
};

QTEST_MAIN(TestTimelineScreenshots)
#include "tst_timelinescreenshots.moc"
