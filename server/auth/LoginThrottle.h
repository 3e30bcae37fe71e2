#pragma once

#include <QHash>
#include <QHostAddress>
#include <QMutex>
#include <QString>

#include <optional>

// Slows password guessing down: after too many failed logins for one username, or from one client
// address, further attempts are refused (429 with Retry-After) for a lockout that doubles with
// each repeat. An attempt is counted when it starts, so parallel guesses cannot slip through
// together; a login that succeeds, or is not decided (storage trouble), takes its count back.
// Thread-safe; remembers at most Policy::maxEntries usernames and as many addresses.
class LoginThrottle
{
    Q_DISABLE_COPY_MOVE(LoginThrottle)
public:
    struct Policy
    {
        int maxFailuresPerUsername = 5;
        int maxFailuresPerAddress = 20;
        qint64 windowMs = 15 * 60 * 1000; // failures older than this are forgotten
        qint64 lockoutMs = 60 * 1000;     // the first lockout; each further one doubles it
        qint64 maxLockoutMs = 15 * 60 * 1000;
        int maxEntries = 10'000;
    };
    enum class Outcome { WrongCredentials, LoggedIn, Undecided };

    explicit LoginThrottle(Policy policy);
    LoginThrottle();

    // nullopt: go ahead (the attempt is now counted). Otherwise how many milliseconds to wait.
    std::optional<qint64> tryBegin(const QString &username, const QHostAddress &address, qint64 nowMs);
    // How the attempt tryBegin() admitted ended.
    void finish(const QString &username, const QHostAddress &address, Outcome outcome);

    // Usernames plus addresses currently remembered (memory bound checks).
    qsizetype trackedEntries() const;

private:
    struct Entry
    {
        int attempts = 0; // counted in the current window, including those still running
        qint64 windowStartMs = 0;
        qint64 blockedUntilMs = 0;
        int lockouts = 0;
    };
    using Table = QHash<QString, Entry>;

    // Remaining lockout for an entry (0 if none), locking it out now if it has used up its attempts.
    qint64 waitFor(Table &table, const QString &key, int maxAttempts, qint64 nowMs);
    Entry &entryFor(Table &table, const QString &key, qint64 nowMs);
    void makeRoom(Table &table, qint64 nowMs);
    static void uncount(Table &table, const QString &key);

    const Policy m_policy;
    mutable QMutex m_mutex;
    Table m_usernames;
    Table m_addresses;
};
