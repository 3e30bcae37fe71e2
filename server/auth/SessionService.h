#pragma once

#include "shared/core/Result.h"
#include "shared/wire/ApiTypes.h"

#include <QSqlDatabase>
#include <QString>

#include <functional>
#include <optional>

class SessionCache;
class Storage;
class WriteRateLimiter;

struct AuthenticatedUser
{
    qint64 id = 0;
    QString username;
};

// Logins and bearer tokens. A token is 256 random bits, given to the client once; only its
// SHA-256 is stored, so a copy of the database does not let anyone log in.
class SessionService
{
public:
    static constexpr qint64 kSessionTtlMs = 12LL * 60 * 60 * 1000;

    // On a reader thread: checks the password (slow on purpose) and, if right, takes a token from
    // the user's `writes` bucket and queues the session insert on the writer, which first refuses
    // it (429) when the user already holds `maxSessions` live ones (0: no limit); `done` runs once
    // it is durable.
    static void login(Storage &storage, QSqlDatabase &db, const QString &username, const QString &password,
                      WriteRateLimiter &writes, int maxSessions, std::function<void(Result<SessionInfo>)> done);

    // The user a bearer token belongs to, if it is valid and unexpired: from `cache` when it was
    // seen there a moment ago, else from the database (and then remembered).
    static Result<AuthenticatedUser> authenticate(QSqlDatabase &db, SessionCache &cache,
                                                  const QByteArray &authorizationHeader);
    // authenticate()'s answer where `cache` has it, on any thread and without a database; nullopt:
    // only authenticate() can tell (not seen a moment ago, signed out here, or no bearer token).
    static std::optional<AuthenticatedUser> authenticateFromCache(const SessionCache &cache,
                                                                  const QByteArray &authorizationHeader);

    // Signs the session of an authenticated request's bearer token out: queues the delete of its
    // row on the writer and, once that is durable, revokes it in `cache` so that it fails on this
    // instance at once (on other instances within SessionCache::kMaxAgeMs). `done` gets whether a
    // row was deleted.
    static void revoke(Storage &storage, SessionCache &cache, const QByteArray &authorizationHeader,
                       std::function<void(Result<bool>)> done);

    static QByteArray hashToken(const QByteArray &token);

private:
    // The token of "Bearer TOKEN", or nullopt for anything else.
    static std::optional<QByteArray> bearerToken(const QByteArray &authorizationHeader);
};
