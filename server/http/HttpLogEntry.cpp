#include "http/HttpLogEntry.h"

QString HttpLogEntry::toLine() const
{
    return QStringLiteral("%1 %2 %3 key=%4 replayed=%5 us=%6")
        .arg(QString::fromLatin1(method), QString::fromUtf8(path), QString::number(status),
             key.isEmpty() ? QStringLiteral("-") : key, replayed ? QStringLiteral("true") : QStringLiteral("false"),
             QString::number(micros));
}
