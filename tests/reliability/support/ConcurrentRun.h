#pragma once

#include <atomic>
#include <thread>
#include <vector>

// Runs body(index) on `count` threads of their own, all released at once, and waits for them.
// (std::thread, whose start and join ThreadSanitizer sees, unlike QThread's.)
template <typename Body>
void runConcurrently(int count, Body body)
{
    std::atomic<int> ready{0};
    std::atomic<bool> go{false};
    std::vector<std::thread> threads;
    for (int i = 0; i < count; ++i) {
        threads.emplace_back([&ready, &go, &body, i] {
            ready.fetch_add(1);
            while (!go.load())
                std::this_thread::yield();
            body(i);
        });
    }
    while (ready.load() < count)
        std::this_thread::yield();
    go.store(true);
    for (std::thread &thread : threads)
        thread.join();
}
