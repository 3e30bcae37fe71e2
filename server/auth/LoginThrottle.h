#pragma once

#include <QHash>
#include <QHostAddress>
#include <QMutex>
#include <QString>

#include <optional>

// Slows password guessing down without locking the account's owner out. Failures are counted per
// (username, client address) and per client address over all usernames (password spraying); past
// a few free failures every further attempt from that address waits a delay that doubles with
// each failure, up to a cap, and is refused (429 with Retry-After) until it has passed. Guesses
// from one address therefore never delay the owner signing in from another. An attempt is counted
// when it starts, so parallel guesses cannot slip through together; a login that succeeds, or is
// not decided (storage trouble), takes its count back. The delay runs from when a failure was
// answered, so a slow password check does not use it up. IPv6 clients count by their /64, which one
// host usually has whole. Thread-safe; remembers at most Policy::maxEntries pairs and as many
// addresses.
class LoginThrottle
{
    Q_DISABLE_COPY_MOVE(LoginThrottle)
public:
    struct Policy
    {
        int freeFailuresPerUsername = 5; // per (username, address)
        int freeFailuresPerAddress = 20; // per address, over all usernames
        qint64 firstDelayMs = 1'000;     // after the free failures; doubles with each further one
        qint64 maxDelayMs = 60 * 1000;
        qint64 windowMs = 15 * 60 * 1000; // failures are forgotten after this long without an attempt
        int maxEntries = 10'000;
    };
    enum class Outcome { WrongCredentials, LoggedIn, Undecided };

    explicit LoginThrottle(Policy policy);
    LoginThrottle();

    // nullopt: go ahead (the attempt is now counted). Otherwise how many milliseconds to wait.
    std::optional<qint64> tryBegin(const QString &username, const QHostAddress &address, qint64 nowMs);
    // How the attempt tryBegin() admitted ended, at `nowMs`.
    void finish(const QString &username, const QHostAddress &address, Outcome outcome, qint64 nowMs);

    // (Username, address) pairs plus addresses currently remembered (memory bound checks).
    qsizetype trackedEntries() const;

private:
    struct Entry
    {
        int attempts = 0; // counted in the current window, including those still running
        qint64 lastAttemptMs = 0;
    };
    using Table = QHash<QString, Entry>;

    // How long after its last attempt an entry with `attempts` must wait, given `freeAttempts`.
    qint64 delayAfter(int attempts, int freeAttempts) const;
    // Remaining wait for an entry (0 if none); forgets its failures once its window has passed.
    qint64 waitFor(Table &table, const QString &key, int freeAttempts, qint64 nowMs);
    Entry &entryFor(Table &table, const QString &key, qint64 nowMs);
    void makeRoom(Table &table, qint64 nowMs);
    static void uncount(Table &table, const QString &key);

    const Policy m_policy;
    mutable QMutex m_mutex;
    Table m_pairs; // "ADDRESS USERNAME": an address never contains a space
    Table m_addresses;
};
