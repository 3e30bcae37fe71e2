#pragma once

#include <QObject>

#include <functional>

// The demonstration delay (--processing-delay-ms) before a new keyed order goes to the writer. It is
// timed on the thread that created this object (the server's network thread, which runs an event
// loop), not slept on the reader that called run(): a few delayed orders must not hold up every
// other request. A server that shuts down drains its requests in flight, these included, so the
// timers still fire then.
class ProcessingDelay : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProcessingDelay)
public:
    explicit ProcessingDelay(int delayMs, QObject *parent = nullptr);

    // Runs `job` once the delay has passed, on this object's thread; without a delay at once, on
    // the caller's. Callable from any thread.
    void run(std::function<void()> job);

private:
    const int m_delayMs;
};
