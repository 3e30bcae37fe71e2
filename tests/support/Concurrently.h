#pragma once

#include <QThread>

#include <atomic>
#include <memory>
#include <vector>

// Starts `count` threads that each run `body(index)`, releases them all at the same moment, and
// waits for them. Sockets a body opens belong to its thread, so each body makes its own clients.
template <typename Body>
void runConcurrently(int count, Body body)
{
    std::atomic<int> ready{0};
    std::atomic<bool> go{false};
    std::vector<std::unique_ptr<QThread>> threads;
    for (int i = 0; i < count; ++i) {
        threads.emplace_back(QThread::create([&, i] {
            ready.fetch_add(1);
            while (!go.load())
                QThread::yieldCurrentThread();
            body(i);
        }));
        threads.back()->start();
    }
    while (ready.load() < count)
        QThread::msleep(1);
    go.store(true);
    for (auto &thread : threads)
        thread->wait();
}
