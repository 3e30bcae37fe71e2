#include "server/idempotency/ProcessingDelay.h"

#include "shared/core/ThreadHandoff.h"

#include <QTimer>

ProcessingDelay::ProcessingDelay(int delayMs, QObject *parent) : QObject(parent), m_delayMs(delayMs) {}

void ProcessingDelay::run(std::function<void()> job)
{
    if (m_delayMs <= 0)
        return job();
    // The timer is started on this object's thread: a reader thread has no event loop to run it.
    ThreadHandoff::post(this,
                        [this, job = std::move(job)] { QTimer::singleShot(m_delayMs, Qt::PreciseTimer, this, job); });
}
