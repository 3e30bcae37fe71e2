#pragma once

#include <QtGlobal>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

class Storage;

// Keeps every reader thread of a Storage busy with a job of its own until release(), or until a
// bound has passed: a request that waits for a reader after all then still ends, late, and
// release() tells.
class HeldReaders
{
    Q_DISABLE_COPY_MOVE(HeldReaders)
public:
    // Returns once each of the `readers` holding jobs is running (or has found no connection).
    HeldReaders(Storage &storage, int readers, std::chrono::milliseconds bound);
    // Releases them if release() was not called: a failed test must not leave them held.
    ~HeldReaders();

    // Lets the readers go. Whether they were held until now (the bound had not passed); false on
    // a second call.
    bool release();

private:
    std::promise<void> m_release;
    std::shared_future<void> m_released;
    std::atomic<bool> m_done{false};
    std::thread m_bound;
};
