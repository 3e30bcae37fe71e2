#include "tests/support/HeldWriter.h"

#include "server/storage/GroupCommitWriter.h"

#include <utility>

HeldWriter::HeldWriter(GroupCommitWriter &writer)
{
    writer.submit(
        [this, released = m_release.get_future().share()](QSqlDatabase &) {
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
