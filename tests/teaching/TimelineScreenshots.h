#pragma once

#include <QString>
#include <QStringList>

// The pictures of docs/teaching.md, produced by the app itself: each failure case is run in a real
// DesktopApp (offscreen, fresh demo database, the fixed look of ScreenshotRenderer) through the
// simulated network, and the attempt timeline is exported as the app's "Export PNG" does; plus
// the window with the Timeline tab, and the timeline full screen at 200 %. Timestamps, keys and latencies are the run's
// own, so the pictures differ in those details from run to run; everything else is the same.
namespace TimelineScreenshots {

inline constexpr int kWindowWidth = 1100;
inline constexpr int kWindowHeight = 720;
// The timeline full screen at 200 %, as a projector shows it.
inline constexpr int kProjectedWidth = 1280;
inline constexpr int kProjectedHeight = 800;

// timeline-case1.png, timeline-case2.png, timeline-case3.png, timeline-case3-unsafe.png,
// timeline-window.png, timeline-window-unsafe.png (its invariants), timeline-side-by-side.png,
// timeline-step.png, timeline-projected.png
QStringList fileNames();
// Renders them into `directory`; returns why it failed, or an empty string. Needs a
// QApplication; call ScreenshotRenderer::useFixedLook() first.
QString render(const QString &directory);

} // namespace TimelineScreenshots
