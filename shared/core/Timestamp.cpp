#include "shared/core/Timestamp.h"

#include <QTimeZone>

namespace Timestamp {

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

QString toIso(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, QTimeZone::utc()).toString(Qt::ISODateWithMs);
}

QDateTime fromIso(const QString &text) { return QDateTime::fromString(text, Qt::ISODateWithMs); }

} // namespace Timestamp
