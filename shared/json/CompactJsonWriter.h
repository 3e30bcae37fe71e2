#pragma once

#include <QByteArray>
#include <QLatin1String>
#include <QStringView>

// Writes one flat JSON object's text byte for byte as QJsonDocument(object).toJson(Compact) does,
// without building the QJsonObject first: for the answers the writer thread stores with every
// transfer, where building and serializing the object cost as much as the SQL around it. Members
// come in the order a QJsonObject keeps them, by name; tst_compactjsonwriter holds the bytes to Qt's.
class CompactJsonWriter
{
public:
    CompactJsonWriter &member(QLatin1String name, QStringView value);
    CompactJsonWriter &member(QLatin1String name, qint64 value);
    QByteArray finish();

private:
    void name(QLatin1String name);
    // `text` as a JSON string, escaped as Qt's JSON writer escapes it.
    void string(QStringView text);

    QByteArray m_text{"{"};
};
