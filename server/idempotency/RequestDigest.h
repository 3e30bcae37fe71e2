#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QStringList>

// What a completed key keeps of its request besides the fingerprint, so that a different request
// with the key can be told what differs (idempotency_key_reused's "differs"): for the method, the
// path and each member of the canonical body, the first 64 bits of the SHA-256 of its canonical
// value, in hex, as compact JSON: {"body":{"amount":"…",…},"method":"…","path":"…"}. It says
// whether a member is the same, not what it was; the fingerprint alone decides whether a request
// is the key's own.
namespace RequestDigest {

QByteArray of(const QByteArray &method, const QByteArray &path, const QJsonValue &body);

// What differs between the request of digest `stored` and that of `current`: "method", "path",
// then the names of the body members that are in only one of them or differ, sorted. Empty when
// `stored` is empty: a key completed before digests were kept cannot say.
QStringList differences(const QByteArray &stored, const QByteArray &current);

} // namespace RequestDigest
