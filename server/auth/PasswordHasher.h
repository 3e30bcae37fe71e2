#pragma once

#include <QByteArray>
#include <QString>

// PBKDF2-HMAC-SHA256 with a per-user random salt.
class PasswordHasher
{
public:
    static constexpr int kDefaultIterations = 100'000;

    struct Hash
    {
        QByteArray salt;       // base64
        QByteArray derivedKey; // base64
        int iterations = kDefaultIterations;
    };

    static Hash hash(const QString &password, int iterations = kDefaultIterations);
    static bool verify(const QString &password, const Hash &stored);
    // Same work as verify(), for unknown users, so response time does not reveal who exists.
    static void burnEquivalentWork(int iterations = kDefaultIterations);
    static bool constantTimeEquals(const QByteArray &a, const QByteArray &b);
};
