#include "server/transfers/ProcessingDelay.h"

#include "server/reliability/ThreadHandoff.h"

#include <QTimer>

ProcessingDelay::ProcessingDelay(int delayMs, QObject *parent) : QObject(parent), m_delayMs(delayMs) {}

void ProcessingDelay::run(std::function<void()> job)
{
    if (m_delayMs <= 0)
        return job();
    const ThreadHandoff handoff;
    handoff.send();
    const ThreadHandoff::Unobserved qtInternals;
    // The timer is started on this object's thread: a reader thread has no event loop to run it.
    QMetaObject::invokeMethod(
        this,
        [this, job = std::move(job), handoff] {
            handoff.receive();
            QTimer::singleShot(m_delayMs, Qt::PreciseTimer, this, job);
        },
        Qt::QueuedConnection);
}
