#pragma once

#include <QtGlobal>

#include <future>

class GroupCommitWriter;

// Keeps a GroupCommitWriter busy with a job of its own until release(), so that the jobs submitted
// meanwhile queue behind it and are committed together, in its batch.
class HeldWriter
{
    Q_DISABLE_COPY_MOVE(HeldWriter)
public:
    // Returns once the writer is running the holding job.
    explicit HeldWriter(GroupCommitWriter &writer);
    // Releases the writer if release() was not called: a failed test must not leave it held.
    ~HeldWriter();

    void release();

private:
    std::promise<void> m_holding;
    std::promise<void> m_release;
    bool m_released = false;
};
