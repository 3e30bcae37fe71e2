#pragma once

// How much one user may make the bank store and do; 0 switches a limit off. The defaults leave
// a customer (and the desktop client's retries) far below every limit while one user's flood
// cannot fill the disk or crowd out everyone else. See docs/security.md.
struct UserQuotas
{
    // POST /v1/idempotency-keys is refused while the user holds this many unused, unexpired keys.
    // Counted in the database, so it holds across instances.
    int maxUnusedKeys = 1'000;
    // A sign-in beyond this many live sessions is refused (429) until one ends (sign-out or
    // expiry). Counted in the database.
    int maxSessions = 20;
    // Token bucket over every write (POST) of a user: refilled at writesPerSecond, holding at
    // most writeBurst. Per server instance: N instances allow N times as much.
    int writesPerSecond = 20;
    int writeBurst = 40;

    // For load tests and benchmarks that write as one user far faster than any customer.
    static constexpr UserQuotas unlimited() { return {0, 0, 0, 0}; }
};
