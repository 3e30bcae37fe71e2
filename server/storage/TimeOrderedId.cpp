#include "server/storage/TimeOrderedId.h"

#include "shared/core/Timestamp.h"

#include <QByteArray>
#include <QRandomGenerator>

QString TimeOrderedId::make(QStringView prefix, int randomHexDigits)
{
    const quint64 ms = quint64(Timestamp::nowMs()) & 0xffff'ffff'ffffULL;
    // fillRange writes whole 32-bit words: enough of them for the digits asked for.
    QByteArray random(((randomHexDigits + 7) / 8) * 4, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(random.data()), random.size() / 4);
    return prefix.toString() + QStringLiteral("%1").arg(ms, kTimeHexDigits, 16, QLatin1Char('0'))
        + QString::fromLatin1(random.toHex().first(randomHexDigits));
}
