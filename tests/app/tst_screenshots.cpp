// The screenshot step: both pictures render offscreen at their fixed sizes, show something, and
// come out identical when rendered again.
#include "tests/app/ScreenshotRenderer.h"

#include <QImage>
#include <QRect>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

namespace {

// Where two pictures differ, for the failure message.
QString differences(const QImage &a, const QImage &b)
{
    if (a.size() != b.size())
        return QStringLiteral("size");
    QRect box;
    for (int y = 0; y < a.height(); ++y) {
        for (int x = 0; x < a.width(); ++x) {
            if (a.pixel(x, y) != b.pixel(x, y))
                box |= QRect(x, y, 1, 1);
        }
    }
    return QStringLiteral("x %1..%2, y %3..%4").arg(box.left()).arg(box.right()).arg(box.top()).arg(box.bottom());
}

} // namespace

class TestScreenshots : public QObject
{
    Q_OBJECT
private slots:
    void picturesAreFixedInSizeAndReproducible()
    {
        ScreenshotRenderer::useFixedLook();
        QTemporaryDir first;
        QTemporaryDir second;
        QCOMPARE(ScreenshotRenderer::render(first.path()), QString());
        QCOMPARE(ScreenshotRenderer::render(second.path()), QString());
        const struct
        {
            const char *file;
            QSize size;
        } pictures[] = {
            {"main-window.png", QSize(ScreenshotRenderer::kWindowWidth, ScreenshotRenderer::kWindowHeight)},
            {"main-window-de.png", QSize(ScreenshotRenderer::kWindowWidth, ScreenshotRenderer::kWindowHeight)},
            {"scheduled-tab.png", QSize(ScreenshotRenderer::kWindowWidth, ScreenshotRenderer::kWindowHeight)},
            {"scheduled-tab-de.png", QSize(ScreenshotRenderer::kWindowWidth, ScreenshotRenderer::kWindowHeight)},
            {"login-dialog.png", QSize(ScreenshotRenderer::kDialogWidth, ScreenshotRenderer::kDialogHeight)},
        };
        for (const auto &picture : pictures) {
            const QImage a(first.filePath(QLatin1String(picture.file)));
            const QImage b(second.filePath(QLatin1String(picture.file)));
            QVERIFY2(!a.isNull(), picture.file);
            QCOMPARE(a.size() / a.devicePixelRatio(), picture.size);
            QVERIFY2(
                a == b,
                qPrintable(QStringLiteral("%1 differs in %2").arg(QLatin1String(picture.file), differences(a, b))));
            // Not a blank canvas: text and controls give many colours.
            QSet<QRgb> colours;
            for (int y = 0; y < a.height(); y += 3) {
                for (int x = 0; x < a.width(); x += 3)
                    colours.insert(a.pixel(x, y));
            }
            QVERIFY2(colours.size() > 20, picture.file);
        }
    }
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
