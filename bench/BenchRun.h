#pragma once

#include "bench/BenchOptions.h"
#include "bench/BenchResults.h"
#include "bench/BenchWorkDir.h"

struct SignedInUser;
class BenchServer;
class HttpTarget;
class KeyPool;

// One bank-bench run: the probes, the scenarios against the server and, if asked, the growth
// measurements, in that order, all in one process so that every ratio compares numbers taken
// on the same machine minutes apart.
class BenchRun
{
    Q_DISABLE_COPY_MOVE(BenchRun)
public:
    explicit BenchRun(BenchOptions options);
    ~BenchRun();

    BenchResults run();

private:
    QString measureScenarios(BenchResults &results);
    CommitLimit measureLimit();
    QString measureGrowth(BenchResults::Growth &growth);
    // Issues keys into the pool until it holds enough for fresh transfers at `rate`-ish for `ms`.
    QString fillPool(const HttpTarget &target, const SignedInUser &user, KeyPool &pool, qint64 wanted);
    qint64 keysFor(int durationMs, int connections) const;
    struct TransferRun
    {
        ScenarioResult result;
        std::vector<QByteArray> completed; // each connection's last fresh request that succeeded
        QString failure;
    };
    // Transfers on keys from the pool, topped up first for the fastest rate seen so far. A run
    // whose pool ran dry before its time was up is measured again on a pool sized from the rate it
    // reached, so that no figure is cut short by the bench's own supply of keys.
    TransferRun transfers(const BenchServer &server, const HttpTarget &target, const SignedInUser &user, KeyPool &pool,
                          const QString &name, int connections, int duplicateEvery = 0);
    QString filePath(const QString &name) const { return m_workDir.filePath(name); }

    BenchOptions m_options;
    BenchWorkDir m_workDir;
    double m_keyRate = 0; // keys per second: the fastest that key issuance or a transfer run went
};
