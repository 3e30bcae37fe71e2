#pragma once

#include <QByteArray>
#include <QLatin1String>
#include <QStringView>

// Writes one JSON object's text byte for byte as QJsonDocument(object).toJson(Compact) does,
// without building the QJsonObject first: for the answers the writer thread writes for every
// transfer and key and the digest of every keyed request, where building and serializing the
// object cost as much as the work around it. Members come in the order a QJsonObject keeps them, by name (the
// caller's duty); tst_compactjsonwriter holds the bytes to Qt's.
class CompactJsonWriter
{
public:
    CompactJsonWriter &member(QLatin1String name, QStringView value);
    CompactJsonWriter &member(QStringView name, QStringView value);
    CompactJsonWriter &member(QLatin1String name, qint64 value);
    CompactJsonWriter &nullMember(QLatin1String name);
    // A member whose value is an object: its members follow, up to endObject().
    CompactJsonWriter &beginObject(QLatin1String name);
    CompactJsonWriter &endObject();
    QByteArray finish();

    // `text` alone as a JSON string, the bytes Qt's writer gives it.
    static QByteArray quoted(QStringView text);

private:
    void name(QLatin1String name);
    void name(QStringView name);
    void separate();
    void string(QStringView text);

    QByteArray m_text{"{"};
};
