#pragma once

#include <QString>
#include <QStringView>

// Ids of rows that are inserted often (transfers, idempotency keys): the prefix, 12 hex digits of
// the time in milliseconds, then random hex digits. Random ids put every new row on a leaf of its
// own in each index on the id (one WAL page per row and index); beginning with the time, new ids
// go to the end of the index, and a commit of many rows writes the few last leaves.
namespace TimeOrderedId {
inline constexpr int kTimeHexDigits = 12;
QString make(QStringView prefix, int randomHexDigits);
} // namespace TimeOrderedId
