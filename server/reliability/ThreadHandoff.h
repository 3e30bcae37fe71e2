#pragma once

#include <QtGlobal>

#include <memory>

#if defined(__SANITIZE_THREAD__)
extern "C" void __tsan_acquire(void *addr);
extern "C" void __tsan_release(void *addr);
extern "C" void __tsan_ignore_thread_begin();
extern "C" void __tsan_ignore_thread_end();
#endif

// One handoff of data from one thread to another through Qt (QThreadPool::start, a queued or
// blocking-queued call). Qt comes uninstrumented from Debian, so ThreadSanitizer cannot see the
// synchronisation inside it and would report every such handoff as a data race; this marks the
// happens-before edge by hand. The sender calls send() once the data is complete and makes the
// Qt call inside an Unobserved scope (the copies Qt makes of the functor, and its destruction if
// Qt drops it there, are Qt's business); the receiver calls receive() before touching the data.
// Outside ThreadSanitizer builds all of it compiles to nothing.
class ThreadHandoff
{
public:
    class Unobserved
    {
        Q_DISABLE_COPY_MOVE(Unobserved)
    public:
#if defined(__SANITIZE_THREAD__)
        Unobserved() { __tsan_ignore_thread_begin(); }
        ~Unobserved() { __tsan_ignore_thread_end(); }
#else
        Unobserved() {} // user-provided: a scope guard is not an unused variable
#endif
    };

#if defined(__SANITIZE_THREAD__)
    void send() const { __tsan_release(m_edge.get()); }
    void receive() const { __tsan_acquire(m_edge.get()); }

private:
    std::shared_ptr<char> m_edge = std::make_shared<char>();
#else
    void send() const {}
    void receive() const {}
#endif
};
