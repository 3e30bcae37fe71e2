#include "server/idempotency/ReplayCounter.h"

#include "server/idempotency/IdempotencyStore.h"
#include "server/storage/Storage.h"

#include <memory>

void ReplayCounter::count(qint64 userId, const QString &key)
{
    {
        const QMutexLocker lock(&m_mutex);
        ++m_pending[{userId, key}];
        if (std::exchange(m_jobQueued, true))
            return;
    }
    write();
}

qint64 ReplayCounter::uncommitted(qint64 userId, const QString &key) const
{
    const QMutexLocker lock(&m_mutex);
    return m_pending.value({userId, key}) + m_writing.value({userId, key});
}

void ReplayCounter::write()
{
    // What to add is taken when the job runs, so that every replay counted until then goes with it.
    auto taken = std::make_shared<QHash<Key, qint64>>();
    m_storage.write<bool>(
        [this, taken](QSqlDatabase &db) -> Result<bool> {
            {
                const QMutexLocker lock(&m_mutex);
                *taken = std::exchange(m_pending, {});
                m_jobQueued = false;
                for (auto it = taken->cbegin(); it != taken->cend(); ++it)
                    m_writing[it.key()] += it.value();
            }
            for (auto it = taken->cbegin(); it != taken->cend(); ++it) {
                if (const auto added = IdempotencyStore::addReplays(db, it.key().first, it.key().second, it.value()); !added)
                    return added.problem();
            }
            return true;
        },
        [this, taken](Result<bool> written) {
            const QMutexLocker lock(&m_mutex);
            for (auto it = taken->cbegin(); it != taken->cend(); ++it) {
                if ((m_writing[it.key()] -= it.value()) == 0)
                    m_writing.remove(it.key());
                // Not written: counted again with the next replay's job.
                if (!written)
                    m_pending[it.key()] += it.value();
            }
        });
}
