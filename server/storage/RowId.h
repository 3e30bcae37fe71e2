#pragma once

#include <QString>
#include <QStringView>

// The ids the server makes for its rows: a prefix and lowercase hex digits. Rows that are
// inserted often (transfers, idempotency keys) get time-ordered ids: 12 hex digits of the time in
// milliseconds, then random ones. Random ids put every new row on a leaf of its own in each index
// on the id (one WAL page per row and index); beginning with the time, new ids go to the end of
// the index, and a commit of many rows writes the few last leaves.
namespace RowId {
inline constexpr int kTimeHexDigits = 12;
QString random(QStringView prefix, int hexDigits);
QString timeOrdered(QStringView prefix, int randomHexDigits);
} // namespace RowId
