#include "server/auth/SessionService.h"

#include "server/auth/PasswordHasher.h"
#include "server/auth/SessionCache.h"
#include "server/auth/UserQuotaStore.h"
#include "server/auth/WriteRateLimiter.h"
#include "server/storage/ConnectionFactory.h"
#include "server/storage/Storage.h"
#include "shared/core/Timestamp.h"

#include <QCryptographicHash>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace {

QByteArray newToken()
{
    QByteArray raw(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(raw.data()), 8);
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

Problem invalidCredentials()
{
    return Problem(ProblemCode::InvalidCredentials, QStringLiteral("wrong username or password"));
}

} // namespace

QByteArray SessionService::hashToken(const QByteArray &token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256).toHex();
}

void SessionService::login(Storage &storage, QSqlDatabase &db, const QString &username, const QString &password,
                           WriteRateLimiter &writes, int maxSessions, std::function<void(Result<SessionInfo>)> done)
{
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("SELECT id, password_salt, password_hash, password_iterations FROM users WHERE username = ?"));
    query.addBindValue(username);
    if (!query.exec()) {
        done(StorageFailure::toProblem(query.lastError()));
        return;
    }
    if (!query.next()) {
        PasswordHasher::burnEquivalentWork();
        done(invalidCredentials());
        return;
    }
    const qint64 userId = query.value(0).toLongLong();
    const PasswordHasher::Hash stored{query.value(1).toByteArray(), query.value(2).toByteArray(),
                                      query.value(3).toInt()};
    query.finish();
    if (!PasswordHasher::verify(password, stored)) {
        done(invalidCredentials());
        return;
    }

    // Only now, with the password right: nobody else can empty the owner's bucket.
    const qint64 now = Timestamp::nowMs();
    if (const auto refused = writes.admit(userId, now)) {
        done(*refused);
        return;
    }
    const QByteArray token = newToken();
    const qint64 expiresAt = now + kSessionTtlMs;
    const SqlDialect dialect = storage.dialect();
    storage.write<SessionInfo>(
        [=](QSqlDatabase &writerDb) -> Result<SessionInfo> {
            if (maxSessions > 0) {
                if (const auto failed = UserQuotaStore::lockUser(writerDb, dialect, userId))
                    return *failed;
                if (const auto refused = UserQuotaStore::refuseSessionBeyond(writerDb, userId, maxSessions, now))
                    return *refused;
            }
            QSqlQuery insert(writerDb);
            insert.prepare(QStringLiteral(
                "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)"));
            insert.addBindValue(QString::fromLatin1(hashToken(token)));
            insert.addBindValue(userId);
            insert.addBindValue(now);
            insert.addBindValue(expiresAt);
            if (!insert.exec())
                return StorageFailure::toProblem(insert.lastError());
            return SessionInfo{QString::fromLatin1(token), username, Timestamp::toIso(expiresAt)};
        },
        std::move(done));
}

std::optional<QByteArray> SessionService::bearerToken(const QByteArray &authorizationHeader)
{
    // The scheme name is case-insensitive (RFC 9110, section 11.1).
    static const QByteArray prefix = "bearer ";
    if (authorizationHeader.size() <= prefix.size() || authorizationHeader.size() > 512
        || authorizationHeader.first(prefix.size()).compare(prefix, Qt::CaseInsensitive) != 0)
        return std::nullopt;
    return authorizationHeader.mid(prefix.size()).trimmed();
}

Result<AuthenticatedUser> SessionService::authenticate(QSqlDatabase &db, SessionCache &cache,
                                                       const QByteArray &authorizationHeader)
{
    const auto token = bearerToken(authorizationHeader);
    if (!token)
        return Problem(ProblemCode::Unauthenticated,
                       QStringLiteral("send Authorization: Bearer TOKEN from POST /v1/sessions"));
    const QByteArray tokenHash = hashToken(*token);
    const qint64 nowMs = Timestamp::nowMs();
    if (const auto known = cache.find(tokenHash, nowMs))
        return *known;
    ConnectionFactory::CachedStatement query(
        db,
        QStringLiteral("SELECT u.id, u.username, s.expires_at FROM sessions s"
                       " JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?"));
    query->bindValue(0, QString::fromLatin1(tokenHash));
    if (!query->exec())
        return StorageFailure::toProblem(query->lastError());
    if (!query->next())
        return Problem(ProblemCode::Unauthenticated, QStringLiteral("the token is not valid; log in again"));
    const qint64 expiresAtMs = query->value(2).toLongLong();
    if (expiresAtMs <= nowMs)
        return Problem(ProblemCode::Unauthenticated, QStringLiteral("the session has expired; log in again"));
    const AuthenticatedUser user{query->value(0).toLongLong(), query->value(1).toString()};
    cache.remember(tokenHash, user, expiresAtMs, nowMs);
    return user;
}

std::optional<AuthenticatedUser> SessionService::authenticateFromCache(const SessionCache &cache,
                                                                       const QByteArray &authorizationHeader)
{
    const auto token = bearerToken(authorizationHeader);
    if (!token)
        return std::nullopt;
    return cache.find(hashToken(*token), Timestamp::nowMs());
}

void SessionService::revoke(Storage &storage, SessionCache &cache, const QByteArray &authorizationHeader,
                            std::function<void(Result<bool>)> done)
{
    const QByteArray tokenHash = hashToken(bearerToken(authorizationHeader).value_or(QByteArray()));
    storage.write<bool>(
        [tokenHash](QSqlDatabase &writerDb) -> Result<bool> {
            QSqlQuery remove(writerDb);
            remove.prepare(QStringLiteral("DELETE FROM sessions WHERE token_hash = ?"));
            remove.addBindValue(QString::fromLatin1(tokenHash));
            if (!remove.exec())
                return StorageFailure::toProblem(remove.lastError());
            return remove.numRowsAffected() > 0;
        },
        [&cache, tokenHash, done = std::move(done)](Result<bool> deleted) {
            // After the commit: a reader that found the row a moment before cannot cache it again.
            if (deleted)
                cache.revoke(tokenHash, Timestamp::nowMs());
            done(std::move(deleted));
        });
}
