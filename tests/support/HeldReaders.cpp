#include "tests/support/HeldReaders.h"

#include "server/storage/Storage.h"

#include <latch>
#include <memory>

HeldReaders::HeldReaders(Storage &storage, int readers, std::chrono::milliseconds bound)
    : m_released(m_release.get_future().share())
{
    const auto holding = std::make_shared<std::latch>(readers);
    for (int i = 0; i < readers; ++i)
        storage.read(
            [holding, released = m_released](QSqlDatabase &) {
                holding->count_down();
                released.wait();
            },
            // A reader without its connection holds nothing, and must not leave this waiting.
            [holding](const Problem &) { holding->count_down(); });
    holding->wait();
    m_bound = std::thread([this, bound] {
        if (m_released.wait_for(bound) == std::future_status::timeout)
            release();
    });
}

HeldReaders::~HeldReaders()
{
    release();
    m_bound.join();
}

bool HeldReaders::release()
{
    if (m_done.exchange(true))
        return false;
    m_release.set_value();
    return true;
}
