#pragma once

#include "server/api/RequestContext.h"
#include "server/auth/LoginThrottle.h"

#include <QSqlDatabase>

class SessionCache;
class Storage;
class WriteRateLimiter;

// POST /v1/sessions (sign in, behind the login throttle) and DELETE /v1/sessions/current (sign out).
class SessionEndpoints
{
    Q_DISABLE_COPY_MOVE(SessionEndpoints)
public:
    // A sign-in takes a token from the user's `writes` bucket once the password is right, and ends
    // the user's oldest sessions beyond `maxSessions` (0: no limit). A sign-out is revoked in `sessions`.
    SessionEndpoints(Storage &storage, SessionCache &sessions, WriteRateLimiter &writes, int maxSessions);

    void createSession(const RequestContext &call, QSqlDatabase &db);
    void deleteSession(const RequestContext &call, QSqlDatabase &db);

private:
    Storage &m_storage;
    SessionCache &m_sessions;
    WriteRateLimiter &m_writes;
    const int m_maxSessions;
    LoginThrottle m_loginThrottle;
};
