#pragma once

#include "bench/BenchOptions.h"
#include "bench/BenchWorkDir.h"
#include "bench/ContentionResult.h"

// The contention benchmark (docs/performance.md, "Several instances under contention"): for each
// client count and instance count, that many bank-server processes on a fresh PostgreSQL database,
// and client threads that make their transfers in turn in the six directions between the three
// demo accounts, so that any two transfers share an account. Each transfer has a key of its own,
// issued before the clock starts. A client sends it to its own instance first (the clients are
// spread evenly over the instances) and, while it is answered 503, at once again with the same key
// to the next instance, as a client behind a load balancer would. Afterwards the ledger must hold
// exactly the acknowledged transfers, and every balance its start moved by exactly those.
class ContentionRun
{
    Q_DISABLE_COPY_MOVE(ContentionRun)
public:
    explicit ContentionRun(BenchOptions options);
    ~ContentionRun();

    // One result per client count and instance count, in the options' order.
    QList<ContentionResult> run();

private:
    ContentionResult measure(int clients, int instances);

    BenchOptions m_options;
    BenchWorkDir m_workDir;
};
