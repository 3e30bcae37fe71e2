#include "server/idempotency/ReplayCounter.h"

#include "server/idempotency/IdempotencyStore.h"
#include "server/storage/Storage.h"
#include "shared/core/ThreadHandoff.h"

#include <QTimer>

ReplayCounter::ReplayCounter(Storage &storage) : m_storage(storage), m_tally(std::make_shared<Tally>()) {}

void ReplayCounter::count(qint64 userId, const QString &key)
{
    qint64 waitMs = 0;
    {
        const QMutexLocker lock(&m_tally->mutex);
        ++m_tally->pending[{userId, key}];
        if (std::exchange(m_tally->jobQueued, true))
            return;
        waitMs = m_tally->nextWrite.remainingTime();
        m_tally->timed = waitMs > 0;
    }
    if (waitMs <= 0)
        return write();
    // A reader or the writer may count too, and has no event loop for the timer.
    ThreadHandoff::post(&m_timerContext, [this, waitMs] {
        QTimer::singleShot(int(waitMs), Qt::PreciseTimer, &m_timerContext, [this] { writeIfTimed(); });
    });
}

void ReplayCounter::flush() { writeIfTimed(); }

void ReplayCounter::writeIfTimed()
{
    {
        const QMutexLocker lock(&m_tally->mutex);
        if (!std::exchange(m_tally->timed, false))
            return;
    }
    write();
}

qint64 ReplayCounter::uncommitted(qint64 userId, const QString &key) const
{
    const QMutexLocker lock(&m_tally->mutex);
    return m_tally->pending.value({userId, key}) + m_tally->writing.value({userId, key});
}

void ReplayCounter::write()
{
    // What to add is taken when the job runs, so that every replay counted until then goes with it.
    auto taken = std::make_shared<QHash<Key, qint64>>();
    m_storage.write<bool>(
        [tally = m_tally, taken](QSqlDatabase &db) -> Result<bool> {
            {
                const QMutexLocker lock(&tally->mutex);
                // Added to what an earlier run took: a run rolled back with its batch wrote nothing.
                const QHash<Key, qint64> more = std::exchange(tally->pending, {});
                tally->jobQueued = false;
                tally->nextWrite.setRemainingTime(kWriteIntervalMs);
                for (auto it = more.cbegin(); it != more.cend(); ++it) {
                    (*taken)[it.key()] += it.value();
                    tally->writing[it.key()] += it.value();
                }
            }
            for (auto it = taken->cbegin(); it != taken->cend(); ++it) {
                if (const auto added = IdempotencyStore::addReplays(db, it.key().first, it.key().second, it.value());
                    !added)
                    return added.problem();
            }
            return true;
        },
        [tally = m_tally, taken](Result<bool> written) {
            const QMutexLocker lock(&tally->mutex);
            for (auto it = taken->cbegin(); it != taken->cend(); ++it) {
                if ((tally->writing[it.key()] -= it.value()) == 0)
                    tally->writing.remove(it.key());
                // Not written: counted again with the next replay's job.
                if (!written)
                    tally->pending[it.key()] += it.value();
            }
        });
}
