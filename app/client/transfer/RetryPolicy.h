#pragma once

#include "app/client/transport/ApiFailure.h"

#include <functional>
#include <optional>

// When to send a failed transfer again, and after how long: only when retrying is safe and can
// help, i.e. no answer came (the key makes a repeat harmless), 409 (the first attempt is still
// being processed) or 503 (the bank is briefly unavailable); never after any other 4xx, which
// the same request would only get again, nor after a failed TLS handshake (the certificate stays
// untrusted until someone acts, and the request never left). Exponential backoff with full jitter: the wait before
// retry n is a uniform random time in [0, min(cap, base * 2^(n-1))], at least the server's
// Retry-After, for at most `maxAttempts` attempts in all. Plain and deterministic given its
// random source, so it is tested without timers or a network.
class RetryPolicy
{
public:
    struct Settings
    {
        int baseDelayMs = 250;
        int maxDelayMs = 4'000;
        int maxAttempts = 6;
        // A Retry-After longer than this is not waited for automatically: the user decides.
        int maxRetryAfterMs = 30'000;
    };
    // Uniform in [0, 1).
    using RandomSource = std::function<double()>;

    RetryPolicy();
    explicit RetryPolicy(Settings settings, RandomSource random = {});

    const Settings &settings() const { return m_settings; }

    // Whether this failure is one a retry with the same key may cure.
    static bool isRetryable(const ApiFailure &failure);
    // The backoff ceiling after `attemptsMade` attempts: min(cap, base * 2^(attemptsMade-1)).
    int ceilingMs(int attemptsMade) const;
    // How long to wait before the next attempt, after `attemptsMade` attempts of which the last
    // failed with `failure`; nullopt: do not retry automatically.
    std::optional<int> delayBeforeRetry(int attemptsMade, const ApiFailure &failure) const;

private:
    Settings m_settings;
    RandomSource m_random;
};
