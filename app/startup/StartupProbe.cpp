#include "app/startup/StartupProbe.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QEvent>
#include <QTimer>

#include <cstdio>

StartupProbe::StartupProbe(const QElapsedTimer &sinceMain, QObject *parent) : QObject(parent), m_sinceMain(sinceMain) {}

void StartupProbe::watch(QObject *window) { window->installEventFilter(this); }

bool StartupProbe::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Paint && !m_reported) {
        m_reported = true;
        // Reported once the paint and whatever it queued are done.
        QTimer::singleShot(0, this, &StartupProbe::report);
    }
    return QObject::eventFilter(watched, event);
}

void StartupProbe::report()
{
    // The wall-clock time lets a script add what happened before main() (loading, linking).
    std::printf("startup: interactive %lld ms after main(); wall clock %lld ms since epoch\n",
                static_cast<long long>(m_sinceMain.elapsed()),
                static_cast<long long>(QDateTime::currentMSecsSinceEpoch()));
    std::fflush(stdout);
    QCoreApplication::quit();
}
