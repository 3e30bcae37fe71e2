#include "server/storage/RowId.h"

#include "shared/core/Timestamp.h"

#include <QByteArray>
#include <QRandomGenerator>

QString RowId::random(QStringView prefix, int hexDigits)
{
    // fillRange writes whole 32-bit words: enough of them for the digits asked for.
    QByteArray bytes(((hexDigits + 7) / 8) * 4, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return prefix.toString() + QString::fromLatin1(bytes.toHex().first(hexDigits));
}

QString RowId::timeOrdered(QStringView prefix, int randomHexDigits)
{
    const quint64 ms = quint64(Timestamp::nowMs()) & 0xffff'ffff'ffffULL;
    return random(prefix.toString() + QStringLiteral("%1").arg(ms, kTimeHexDigits, 16, QLatin1Char('0')),
                  randomHexDigits);
}
