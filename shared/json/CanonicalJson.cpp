#include "shared/json/CanonicalJson.h"

#include "shared/json/CompactJsonWriter.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace CanonicalJson {

QByteArray serialize(const QJsonValue &value)
{
    // QJsonObject keeps members sorted by name and the compact writer adds no whitespace, so its
    // output is canonical; scalars are wrapped in an array and unwrapped to reuse the same writer.
    if (value.isObject())
        return QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact);
    if (value.isArray())
        return QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact);
    // Most members of a request are strings, and the digest serializes each member: wrapping one
    // in an array for Qt's writer cost more than the rest of the digest.
    if (value.isString())
        return CompactJsonWriter::quoted(value.toString());
    const QByteArray wrapped = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    return wrapped.mid(1, wrapped.size() - 2);
}

QByteArray fingerprint(const QByteArray &method, const QByteArray &path, const QJsonValue &body)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(method);
    hash.addData(QByteArrayView("\n"));
    hash.addData(path);
    hash.addData(QByteArrayView("\n"));
    hash.addData(serialize(body));
    return hash.result().toHex();
}

} // namespace CanonicalJson
