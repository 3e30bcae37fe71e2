#pragma once

#include "app/startup/AppOptions.h"

#include <QString>

class QTemporaryDir;

// Renders the main window (signed in as alice, a transfer filled in) and the login dialog to
// main-window.png and login-dialog.png in `directory`, the main window in German to
// main-window-de.png, and its Scheduled tab to scheduled-tab.png and scheduled-tab-de.png, at a fixed size with a fixed
// style, font, palette and locale, on a fresh demo database, so the pictures come out the same every time. Returns why
// it failed, or an empty string. Needs a QApplication (offscreen is fine).
namespace ScreenshotRenderer {

inline constexpr int kWindowWidth = 1100;
inline constexpr int kWindowHeight = 680;
inline constexpr int kDialogWidth = 440;
inline constexpr int kDialogHeight = 240;
// A fixed port, so the server address in the pictures does not change; any free one if it
// stays taken.
inline constexpr quint16 kPort = 28080;

// Style, font, palette and locale the pictures are taken with.
void useFixedLook();
// A clean start for pictures: no remembered username or window geometry from an earlier run,
// `directory` exists, and `options` point at a new demo database in `data`. Returns why not.
QString prepare(const QString &directory, const QTemporaryDir &data, AppOptions &options);
QString render(const QString &directory);

} // namespace ScreenshotRenderer
