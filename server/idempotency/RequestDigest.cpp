#include "server/idempotency/RequestDigest.h"

#include "shared/json/CanonicalJson.h"
#include "shared/json/CompactJsonWriter.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>

namespace RequestDigest {

namespace {

constexpr qsizetype kHashBytes = 8;

QString hashOf(QByteArrayView canonical)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).first(kHashBytes).toHex());
}

} // namespace

QByteArray of(const QByteArray &method, const QByteArray &path, const QJsonValue &body)
{
    // {"body": {member: hash, …}, "method": hash, "path": hash}, in a QJsonObject's order: the body's
    // members come in it already.
    CompactJsonWriter digest;
    digest.beginObject(QLatin1String("body"));
    const QJsonObject object = body.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        digest.member(it.key(), hashOf(CanonicalJson::serialize(it.value())));
    return digest.endObject()
        .member(QLatin1String("method"), hashOf(method))
        .member(QLatin1String("path"), hashOf(path))
        .finish();
}

QStringList differences(const QByteArray &stored, const QByteArray &current)
{
    const QJsonObject before = QJsonDocument::fromJson(stored).object();
    const QJsonObject after = QJsonDocument::fromJson(current).object();
    if (before.isEmpty() || after.isEmpty())
        return {};
    QStringList differs;
    for (const QString &part : {QStringLiteral("method"), QStringLiteral("path")}) {
        if (before.value(part) != after.value(part))
            differs << part;
    }
    const QJsonObject bodyBefore = before.value(QLatin1String("body")).toObject();
    const QJsonObject bodyAfter = after.value(QLatin1String("body")).toObject();
    QStringList names = bodyBefore.keys() + bodyAfter.keys();
    names.sort();
    names.removeDuplicates();
    for (const QString &name : std::as_const(names)) {
        if (bodyBefore.value(name) != bodyAfter.value(name))
            differs << name;
    }
    return differs;
}

} // namespace RequestDigest
