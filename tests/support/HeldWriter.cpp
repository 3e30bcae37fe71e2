#include "tests/support/HeldWriter.h"

#include "server/storage/GroupCommitWriter.h"

#include <utility>

HeldWriter::HeldWriter(GroupCommitWriter &writer)
{
    writer.submit(
        // Runs again if a later job of its batch fails (GroupCommitWriter runs the batch again).
        [this, released = m_release.get_future().share(), holding = true](QSqlDatabase &) mutable {
            if (std::exchange(holding, false))
                m_holding.set_value();
            released.wait();
            return true;
        },
        [](bool, const Problem &) {});
    m_holding.get_future().wait();
}

HeldWriter::~HeldWriter() { release(); }

void HeldWriter::release()
{
    if (!std::exchange(m_released, true))
        m_release.set_value();
}
