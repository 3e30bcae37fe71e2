#pragma once

#include "storage/DatabaseConfig.h"

#include <QMutex>
#include <QSqlDatabase>
#include <QStringList>

// One named connection per thread: QSqlDatabase handles must never cross threads. Each factory
// has its own name prefix, so several bank servers can live in one process (tests, the app).
class ConnectionFactory
{
    Q_DISABLE_COPY_MOVE(ConnectionFactory)
public:
    explicit ConnectionFactory(DatabaseConfig config);
    ~ConnectionFactory();

    const DatabaseConfig &config() const { return m_config; }
    SqlDialect dialect() const { return m_config.dialect; }

    // The calling thread's connection for this factory, opened and configured on first use.
    // Returns an invalid (closed) database if it cannot be opened; lastError() says why.
    QSqlDatabase connectionForCurrentThread();

    // Removes every connection this factory made. Call only once no thread uses them any more.
    void closeAll();

private:
    bool configure(QSqlDatabase &db);

    DatabaseConfig m_config;
    QString m_prefix;
    QMutex m_mutex;
    QStringList m_names;
};
