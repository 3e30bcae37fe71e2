#include "server/storage/Storage.h"

#include "server/storage/Migrations.h"
#include "shared/core/ThreadHandoff.h"
#include "shared/files/PrivateFiles.h"

#include <QSqlError>

#include <utility>

Storage::Storage(DatabaseConfig config, int readerThreads) : m_connections(std::move(config)), m_writer(m_connections)
{
    m_readers.setMaxThreadCount(readerThreads);
    // Reader threads keep their connection for the pool's lifetime.
    m_readers.setExpiryTimeout(-1);
}

Storage::~Storage() { stop(); }

QString Storage::open()
{
    if (dialect() == SqlDialect::Sqlite) {
        // A database made before its files were private (or by another tool) is narrowed before
        // it is opened; a new one is made private by ConnectionFactory.
        for (const char *suffix : {"", "-wal", "-shm"})
            PrivateFiles::restrictFile(config().sqlitePath + QLatin1String(suffix));
    }
    // Migrations run on a reader thread so that no connection is left on the caller's thread.
    return ThreadHandoff::runBlocking(m_readers, [this] {
        QSqlDatabase db = m_connections.connectionForCurrentThread();
        return db.isOpen() ? Migrations::migrate(db, m_connections.dialect()) : db.lastError().text();
    });
}

void Storage::stop()
{
    m_writer.stop();
    m_readers.waitForDone();
    m_readers.clear();
}

void Storage::read(std::function<void(QSqlDatabase &db)> task, std::function<void(const Problem &)> unavailable)
{
    ThreadHandoff::post(m_readers, [this, task = std::move(task), unavailable = std::move(unavailable)] {
        QSqlDatabase db = m_connections.connectionForCurrentThread();
        if (!db.isOpen()) {
            unavailable(StorageFailure::toProblem(db.lastError()));
            return;
        }
        task(db);
    });
}
