// bank-app-timeline-screenshots DIRECTORY: renders docs/img/timeline-*.png (run offscreen: the
// "timeline-screenshots" build target does).
#include "tests/app/ScreenshotRenderer.h"
#include "tests/teaching/TimelineScreenshots.h"

#include <QApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (QApplication::arguments().size() != 2) {
        std::fprintf(stderr, "usage: bank-app-timeline-screenshots DIRECTORY\n");
        return 2;
    }
    ScreenshotRenderer::useFixedLook();
    QCoreApplication::setApplicationName(QStringLiteral("bank-app-timeline"));
    if (const QString failure = TimelineScreenshots::render(QApplication::arguments().at(1)); !failure.isEmpty()) {
        std::fprintf(stderr, "bank-app-timeline-screenshots: %s\n", qPrintable(failure));
        return 1;
    }
    return 0;
}
