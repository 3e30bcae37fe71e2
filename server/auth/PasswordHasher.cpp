#include "server/auth/PasswordHasher.h"

#include <QCryptographicHash>
#include <QPasswordDigestor>
#include <QRandomGenerator>

namespace {

constexpr int kSaltBytes = 16;
constexpr int kKeyBytes = 32;

QByteArray derive(const QString &password, const QByteArray &salt, int iterations)
{
    return QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, password.toUtf8(), salt, iterations,
                                              kKeyBytes);
}

} // namespace

PasswordHasher::Hash PasswordHasher::hash(const QString &password, int iterations)
{
    QByteArray salt(kSaltBytes, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(salt.data()), kSaltBytes / int(sizeof(quint32)));
    return {salt.toBase64(), derive(password, salt, iterations).toBase64(), iterations};
}

bool PasswordHasher::verify(const QString &password, const Hash &stored)
{
    const QByteArray salt = QByteArray::fromBase64(stored.salt);
    return constantTimeEquals(derive(password, salt, stored.iterations).toBase64(), stored.derivedKey);
}

void PasswordHasher::burnEquivalentWork(int iterations)
{
    derive(QStringLiteral("unknown-user"), QByteArray(kSaltBytes, '\0'), iterations);
}

bool PasswordHasher::constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}
