#pragma once

#include <QMetaObject>
#include <QObject>
#include <QThreadPool>

#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

#if defined(__SANITIZE_THREAD__)
extern "C" void __tsan_acquire(void *addr);
extern "C" void __tsan_release(void *addr);
extern "C" void __tsan_ignore_thread_begin();
extern "C" void __tsan_ignore_thread_end();
#endif

// Runs a job on another thread through Qt: queued to an object's thread or started on a thread
// pool, without waiting or waiting for its result. Qt comes uninstrumented from Debian, so
// ThreadSanitizer cannot see the synchronisation inside it and would report every such handoff as
// a data race; this marks the happens-before edges by hand: from the caller to the job, and for
// the blocking calls back from the job's end to the caller. The copies Qt makes of the job, and
// its destruction if Qt drops it on the caller's thread, are Qt's business and go unobserved.
// Outside ThreadSanitizer builds the marks compile to nothing.
class ThreadHandoff
{
public:
    // Queues `job` to `context`'s thread; returns at once.
    template <typename Job>
    static void post(QObject *context, Job job)
    {
        handOver(
            [context](auto marked) { QMetaObject::invokeMethod(context, std::move(marked), Qt::QueuedConnection); },
            std::move(job));
    }

    // Starts `job` on a thread of `pool`; returns at once.
    template <typename Job>
    static void post(QThreadPool &pool, Job job)
    {
        handOver([&pool](auto marked) { pool.start(std::move(marked)); }, std::move(job));
    }

    // Runs `job` on `context`'s thread (not the caller's) and returns what it returns.
    template <typename Job>
    static auto invokeBlocking(QObject *context, Job job)
    {
        return waitFor(
            [context](auto marked) {
                QMetaObject::invokeMethod(context, std::move(marked), Qt::BlockingQueuedConnection);
            },
            std::move(job));
    }

    // Runs `job` on a thread of `pool` and returns what it returns, once the pool has run
    // everything it was given (QThreadPool::waitForDone).
    template <typename Job>
    static auto runBlocking(QThreadPool &pool, Job job)
    {
        return waitFor(
            [&pool](auto marked) {
                pool.start(std::move(marked));
                pool.waitForDone();
            },
            std::move(job));
    }

private:
    // One happens-before edge: send() on one thread, receive() on the other.
    class Edge
    {
    public:
#if defined(__SANITIZE_THREAD__)
        void send() const { __tsan_release(m_address.get()); }
        void receive() const { __tsan_acquire(m_address.get()); }

    private:
        std::shared_ptr<char> m_address = std::make_shared<char>();
#else
        void send() const {}
        void receive() const {}
#endif
    };

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

    // `submit` gives Qt the job, wrapped to receive the edge from here before it runs.
    template <typename Submit, typename Job>
    static void handOver(Submit submit, Job job)
    {
        const Edge there;
        there.send();
        const Unobserved qtInternals;
        submit([there, job = std::move(job)]() mutable {
            there.receive();
            job();
        });
    }

    // handOver() for a `submit` that returns once the job has run; the job's result and
    // everything it wrote come back over a second edge.
    template <typename Submit, typename Job>
    static auto waitFor(Submit submit, Job job)
    {
        using Value = std::invoke_result_t<Job &>;
        const Edge back;
        if constexpr (std::is_void_v<Value>) {
            handOver(std::move(submit), [&job, back] {
                job();
                back.send();
            });
            back.receive();
        } else {
            std::optional<Value> value;
            handOver(std::move(submit), [&job, &value, back] {
                value.emplace(job());
                back.send();
            });
            back.receive();
            return std::move(*value);
        }
    }
};
