// bank-app-screenshots DIRECTORY: renders docs/img's pictures (run offscreen: the "screenshots"
// build target does).
#include "tests/app/ScreenshotRenderer.h"

#include <QApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    if (QApplication::arguments().size() != 2) {
        std::fprintf(stderr, "usage: bank-app-screenshots DIRECTORY\n");
        return 2;
    }
    ScreenshotRenderer::useFixedLook();
    if (const QString failure = ScreenshotRenderer::render(QApplication::arguments().at(1)); !failure.isEmpty()) {
        std::fprintf(stderr, "bank-app-screenshots: %s\n", qPrintable(failure));
        return 1;
    }
    return 0;
}
