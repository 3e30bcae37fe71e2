#pragma once

#include "bench/BenchServer.h"

#include "shared/core/Result.h"

#include <QList>
#include <QString>

// bank-bench's command line.
struct BenchOptions
{
    BenchServer::Mode mode = BenchServer::Mode::InProcess;
    QString serverBinary;
    QString url;
    QString workDir; // empty: a temporary directory, removed afterwards
    int durationMs = 4000;
    int connections = 16;
    QList<int> sweep{1, 4, 16, 64};
    int limitMs = 4000;
    int fsyncMs = 1000;
    int clientThreads = 1;
    int readerThreads = 0; // in-process only; 0: the server's default
    QString jsonPath;
    QString plotPath;
    bool growth = false;
    qint64 smallKeyCount = 1000;
    qint64 largeKeyCount = 1'000'000;
    int purgeWaitMs = 180'000;
    // The contention benchmark instead of the scenarios: bank-server processes on one PostgreSQL.
    bool contention = false;
    QString databaseUrl; // PostgreSQL, where each run creates its own database; empty: SQLite
    QList<int> instances{1, 2, 3};
    QList<int> contentionClients{48, 120};
    int transfersPerClient = 40;

    static Result<BenchOptions> fromArguments(const QStringList &arguments, QString *help);
};
