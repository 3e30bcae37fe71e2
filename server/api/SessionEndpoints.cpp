#include "server/api/SessionEndpoints.h"

#include "server/api/JsonRequestBody.h"
#include "server/auth/SessionService.h"
#include "shared/core/StorableText.h"
#include "shared/core/Timestamp.h"

SessionEndpoints::SessionEndpoints(Storage &storage, SessionCache &sessions, WriteRateLimiter &writes, int maxSessions)
    : m_storage(storage),
      m_sessions(sessions),
      m_writes(writes),
      m_maxSessions(maxSessions)
{}

void SessionEndpoints::createSession(const RequestContext &call, QSqlDatabase &db)
{
    const auto body = JsonRequestBody::object(call);
    if (!body)
        return;
    const QJsonValue username = body->value(QLatin1String("username"));
    const QJsonValue password = body->value(QLatin1String("password"));
    if (!username.isString() || username.toString().isEmpty() || username.toString().size() > 64)
        return call.replyProblem({ProblemCode::ValidationFailed, QStringLiteral("username: required string")});
    // Before the throttle counts it and the database looks it up: SQLite would find alice for
    // "\ufeffalice", a spelling with a throttle budget of its own.
    if (const auto refused = StorableText::refusal(u"username", username.toString()))
        return call.replyProblem(*refused);
    if (!password.isString() || password.toString().isEmpty() || password.toString().size() > 1024)
        return call.replyProblem({ProblemCode::ValidationFailed, QStringLiteral("password: required string")});
    // Checked before the password, so a delayed guesser does not even cost a PBKDF2 run.
    const QHostAddress address = call.request.clientAddress;
    if (const auto waitMs = m_loginThrottle.tryBegin(username.toString(), address, Timestamp::nowMs())) {
        const qint64 seconds = (*waitMs + 999) / 1000;
        HttpResponse response = HttpResponse::problem(
            Problem(ProblemCode::TooManyRequests,
                    QStringLiteral("too many failed logins from this address; try again in %1 seconds").arg(seconds)));
        response.setHeader("Retry-After", QByteArray::number(seconds));
        return call.reply(response);
    }
    SessionService::login(m_storage, db, username.toString(), password.toString(), m_writes, m_maxSessions,
                          [this, call, address, name = username.toString()](Result<SessionInfo> session) {
                              using Outcome = LoginThrottle::Outcome;
                              m_loginThrottle.finish(name, address,
                                                     session ? Outcome::LoggedIn
                                                         : session.problem().code == ProblemCode::InvalidCredentials
                                                         ? Outcome::WrongCredentials
                                                         : Outcome::Undecided,
                                                     Timestamp::nowMs());
                              call.reply(session ? HttpResponse::json(201, session->toJson())
                                                 : HttpResponse::problem(session.problem()));
                          });
}

void SessionEndpoints::deleteSession(const RequestContext &call, QSqlDatabase &)
{
    SessionService::revoke(m_storage, m_sessions, call.request.header("authorization"),
                           [call](const Result<bool> &revoked) {
                               if (!revoked)
                                   return call.replyProblem(revoked.problem());
                               HttpResponse response;
                               response.status = 204;
                               call.reply(response);
                           });
}
