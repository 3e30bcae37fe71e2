#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

// The request fingerprint: the same request, whatever its key order or whitespace, always gives
// the same bytes and so the same hash.
namespace CanonicalJson {

// Compact JSON with object members in code-point order of their names.
QByteArray serialize(const QJsonValue &value);

// Hex SHA-256 over method, path and the canonical body.
QByteArray fingerprint(const QByteArray &method, const QByteArray &path, const QJsonValue &body);

} // namespace CanonicalJson
