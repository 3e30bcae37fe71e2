#include "server/http/HttpLogEntry.h"

#include <QCryptographicHash>

namespace {

QByteArray printable(const QByteArray &bytes)
{
    QByteArray out;
    out.reserve(bytes.size());
    for (const char c : bytes) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte > 0x20 && byte < 0x7f && c != '\\') {
            out += c;
        } else {
            out += "\\x";
            out += QByteArray::number(byte, 16).rightJustified(2, '0');
        }
    }
    return out;
}

} // namespace

QString HttpLogEntry::keyTag(const QString &key)
{
    if (key.isEmpty())
        return QStringLiteral("-");
    return QString::fromLatin1(QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha256).toHex().left(8));
}

QString HttpLogEntry::toLine() const
{
    const QString tag = keyTag(key);
    QByteArray loggedPath = path;
    if (!key.isEmpty())
        loggedPath.replace(key.toUtf8(), tag.toLatin1());
    return QStringLiteral("%1 %2 %3 key=%4 replayed=%5 us=%6 client=%7 user=%8")
        .arg(QString::fromLatin1(printable(method)), QString::fromLatin1(printable(loggedPath)),
             QString::number(status), tag, replayed ? QStringLiteral("true") : QStringLiteral("false"),
             QString::number(micros), client.isNull() ? QStringLiteral("-") : client.toString(),
             userId > 0 ? QString::number(userId) : QStringLiteral("-"));
}
