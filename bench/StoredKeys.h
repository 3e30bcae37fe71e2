#pragma once

#include <QString>

// Fills a bank database with many idempotency keys at once, before a server opens it, through
// the server's own IdempotencyStore::insert (in large transactions, without fsync, with a big
// cache: a set-up step, not a measurement). Keys are random like issued ones and are added in
// issue order, so that expiry follows the row order while the key index is scattered.
namespace StoredKeys {

struct Added
{
    QString first; // the first added (expires first; the purge deletes it first)
    QString last;  // the last added (the purge deletes it last)
    QString failure;
};

enum class Expiry { Valid, LongExpired };

// Creates the schema and demo data if needed, then adds `count` of alice's unused keys.
Added add(const QString &sqlitePath, qint64 count, Expiry expiry);
// Whether alice's `key` is still stored; read through IdempotencyStore::find on a connection of its own.
bool exists(const QString &sqlitePath, const QString &key);

} // namespace StoredKeys
