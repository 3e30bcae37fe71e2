#pragma once

#include <QtGlobal>

// How this server runs every keyed operation: bank-server's --accept-client-keys,
// --key-ttl-seconds and --processing-delay-ms (ServerConfig), and a hold for crash and race tests.
struct IdempotencyOptions
{
    bool acceptClientKeys = false;
    qint64 keyTtlMs = 86'400'000;
    int processingDelayMs = 0;
    int holdBeforeCommitMs = 0; // test only: FaultPoints::holdBeforeCommitMs()
    // What the completed keys answered from memory may hold (ReplayCache); 0 keeps none.
    qint64 replayCacheBytes = 16 * 1024 * 1024;
};
