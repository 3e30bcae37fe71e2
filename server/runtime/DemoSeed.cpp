#include "server/runtime/DemoSeed.h"

#include "server/auth/PasswordHasher.h"
#include "server/ledger/Ledger.h"
#include "server/storage/StorageFailure.h"
#include "shared/core/Timestamp.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <optional>

namespace DemoSeed {

namespace {

// nullopt if the user exists already: instances started at once on one PostgreSQL database all
// seed, and the one that loses waits for the winner's row instead of failing on the constraint.
Result<std::optional<qint64>> createUser(QSqlDatabase &db, const QString &username, const QString &displayName,
                                         const QString &password)
{
    const PasswordHasher::Hash hash = PasswordHasher::hash(password);
    QSqlQuery q(db);
    q.prepare(QStringLiteral(
        "INSERT INTO users (username, display_name, password_salt, password_hash, password_iterations, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"));
    q.addBindValue(username);
    q.addBindValue(displayName);
    q.addBindValue(QString::fromLatin1(hash.salt));
    q.addBindValue(QString::fromLatin1(hash.derivedKey));
    q.addBindValue(hash.iterations);
    q.addBindValue(Timestamp::nowMs());
    if (!q.exec())
        return StorageFailure::toProblem(q.lastError());
    if (q.numRowsAffected() != 1)
        return std::optional<qint64>();
    q.prepare(QStringLiteral("SELECT id FROM users WHERE username = ?"));
    q.addBindValue(username);
    if (!q.exec() || !q.next())
        return StorageFailure::toProblem(q.lastError());
    return std::optional<qint64>(q.value(0).toLongLong());
}

} // namespace

QStringList usernames() { return documentedPasswords().keys(); }

Passwords documentedPasswords()
{
    return {{QStringLiteral("alice"), QStringLiteral("wonderland")},
            {QStringLiteral("bob"), QStringLiteral("builder")}};
}

Result<bool> setPasswords(QSqlDatabase &db, const Passwords &passwords)
{
    QSqlQuery update(db);
    update.prepare(QStringLiteral(
        "UPDATE users SET password_salt = ?, password_hash = ?, password_iterations = ? WHERE username = ?"));
    // Whoever signed in with the old password is signed out.
    QSqlQuery signOut(db);
    signOut.prepare(QStringLiteral("DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE username = ?)"));
    for (auto it = passwords.cbegin(); it != passwords.cend(); ++it) {
        const PasswordHasher::Hash hash = PasswordHasher::hash(it.value());
        update.addBindValue(QString::fromLatin1(hash.salt));
        update.addBindValue(QString::fromLatin1(hash.derivedKey));
        update.addBindValue(hash.iterations);
        update.addBindValue(it.key());
        signOut.addBindValue(it.key());
        if (!update.exec())
            return StorageFailure::toProblem(update.lastError());
        if (!signOut.exec())
            return StorageFailure::toProblem(signOut.lastError());
    }
    return true;
}

Result<bool> seedIfEmpty(QSqlDatabase &db, const Passwords &passwords)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM users")) || !q.next())
        return StorageFailure::toProblem(q.lastError());
    if (q.value(0).toLongLong() > 0)
        return false;

    struct DemoAccount
    {
        const char *name;
        qint64 balance;
    };
    struct DemoUser
    {
        QString username;
        const char *displayName;
        QList<DemoAccount> accounts;
    };
    const QList<DemoUser> users{
        {QStringLiteral("alice"), "Alice Liddell", {{"Alice Checking", 100'000}, {"Alice Savings", 500'000}}},
        {QStringLiteral("bob"), "Bob the Builder", {{"Bob Checking", 25'000}}},
    };
    const Passwords documented = documentedPasswords();
    for (const DemoUser &user : users) {
        const auto userId = createUser(db, user.username, QString::fromLatin1(user.displayName),
                                       passwords.value(user.username, documented.value(user.username)));
        if (!userId)
            return userId.problem();
        // Another instance seeded first, all users in one transaction: nothing is left to do.
        if (!userId.value())
            return false;
        for (const DemoAccount &account : user.accounts) {
            const auto created
                = Ledger::createAccount(db, Ledger::newAccountId(), *userId.value(), QString::fromLatin1(account.name),
                                        QStringLiteral("USD"), account.balance);
            if (!created)
                return created.problem();
        }
    }
    return true;
}

} // namespace DemoSeed
