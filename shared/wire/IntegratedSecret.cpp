#include "shared/wire/IntegratedSecret.h"

#include <QRandomGenerator>

#include <array>

namespace IntegratedSecret {

QByteArray generate()
{
    std::array<quint32, 8> words{};
    QRandomGenerator::system()->fillRange(words.data(), words.size());
    return QByteArray(reinterpret_cast<const char *>(words.data()), qsizetype(sizeof(words)))
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool matches(QByteArrayView given, QByteArrayView secret)
{
    // The length of the secret is no secret (always 43); its characters are.
    if (secret.isEmpty() || given.size() != secret.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < secret.size(); ++i)
        difference |= static_cast<unsigned char>(given[i] ^ secret[i]);
    return difference == 0;
}

Problem refusal()
{
    return Problem(
        ProblemCode::IntegratedSecretRequired,
        QStringLiteral("This bank answers only the app that started it: send the %1 header from the runtime file")
            .arg(QLatin1String(kHeader)));
}

} // namespace IntegratedSecret
