#pragma once

#include <QDateTime>
#include <QString>

// The API's clock: milliseconds since the epoch in storage, RFC 3339 UTC on the wire.
namespace Timestamp {
qint64 nowMs();
QString toIso(qint64 msSinceEpoch);
QDateTime fromIso(const QString &text);
} // namespace Timestamp
