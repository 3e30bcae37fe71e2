#include "server/storage/Storage.h"

#include "server/storage/Migrations.h"
#include "shared/core/ThreadHandoff.h"
#include "shared/files/PrivateFiles.h"

#include <QMutex>
#include <QSqlError>

#include <future>
#include <latch>
#include <memory>
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
    // Migrations run on a reader thread so that no connection is left on the caller's thread. Not
    // with runBlocking: its QThreadPool::waitForDone() ends the pool's threads, and the connection
    // of an ended thread stays open, unused, beside the ones the new threads open.
    std::promise<QString> migrated;
    onReader([this, &migrated] {
        QSqlDatabase db = m_connections.connectionForCurrentThread();
        migrated.set_value(db.isOpen() ? Migrations::migrate(db, m_connections.dialect()) : db.lastError().text());
    });
    const QString failure = migrated.get_future().get();
    return failure.isEmpty() ? openEveryConnection() : failure;
}

// Opens them all now, so that a database allowing fewer (max_connections, the role's CONNECTION
// LIMIT) refuses the start, instead of a share of the requests for as long as the server runs.
QString Storage::openEveryConnection()
{
    std::promise<Result<bool>> writerOpened;
    write<bool>([](QSqlDatabase &) -> Result<bool> { return true; },
                [&writerOpened](Result<bool> opened) { writerOpened.set_value(std::move(opened)); });
    const Result<bool> writer = writerOpened.get_future().get();
    QString failure = writer ? QString() : writer.problem().detail;

    // Every reader thread opens its connection and then waits for the others, so each task
    // runs on a thread of its own.
    struct Opening
    {
        explicit Opening(int readers) : allOpen(readers) {}
        std::latch allOpen;
        QMutex mutex;
        QString failure;
    };
    const int readers = m_readers.maxThreadCount();
    auto opening = std::make_shared<Opening>(readers);
    for (int i = 0; i < readers; ++i) {
        onReader([this, opening] {
            const QSqlDatabase db = m_connections.connectionForCurrentThread();
            if (!db.isOpen()) {
                // The database's own words (libpq's come over several lines), else Qt's.
                const QSqlError error = db.lastError();
                QMutexLocker lock(&opening->mutex);
                opening->failure = (error.databaseText().isEmpty() ? error.text() : error.databaseText()).simplified();
            }
            opening->allOpen.arrive_and_wait();
        });
    }
    opening->allOpen.wait();
    {
        QMutexLocker lock(&opening->mutex);
        if (failure.isEmpty())
            failure = opening->failure;
    }
    if (failure.isEmpty())
        return {};
    return QStringLiteral("%1 (each instance holds %2 connections, 1 writer and %3 readers: the server's"
                          " max_connections and the role's CONNECTION LIMIT must allow them)")
        .arg(failure)
        .arg(connectionCount())
        .arg(readers);
}

void Storage::stop()
{
    m_writer.stop();
    m_readers.waitForDone();
    static_cast<void>(m_readerJobsDone.load(std::memory_order_acquire));
    m_readers.clear();
}

void Storage::onReader(std::function<void()> job)
{
    ThreadHandoff::post(m_readers, [this, job = std::move(job)] {
        job();
        m_readerJobsDone.fetch_add(1, std::memory_order_release);
    });
}

void Storage::read(std::function<void(QSqlDatabase &db)> task, std::function<void(const Problem &)> unavailable)
{
    onReader([this, task = std::move(task), unavailable = std::move(unavailable)] {
        QSqlDatabase db = m_connections.connectionForCurrentThread();
        if (!db.isOpen()) {
            unavailable(StorageFailure::notOpen(db.lastError()));
            return;
        }
        task(db);
    });
}
