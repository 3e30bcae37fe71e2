#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <optional>

// A strict RFC 8259 parser for request bodies. Stricter than QJsonDocument where money is at
// stake: invalid UTF-8, duplicate member names, nesting deeper than maxDepth, and trailing bytes
// are errors. Integer literals that fit in int64 become integer values; any other number
// (fraction, exponent, out of range) becomes a double, so a validator can tell 100 from 100.0.
class StrictJsonParser
{
public:
    struct Error
    {
        qsizetype offset = 0;
        QString message;
    };

    explicit StrictJsonParser(int maxDepth = 32);

    std::optional<QJsonValue> parse(const QByteArray &input);
    const Error &error() const { return m_error; }

    // True for a value this parser produced from an integer literal within int64.
    static bool isIntegerLiteral(const QJsonValue &value);

private:
    bool parseValue(QJsonValue &out, int depth);
    bool parseObject(QJsonValue &out, int depth);
    bool parseArray(QJsonValue &out, int depth);
    bool parseString(QString &out);
    bool parseNumber(QJsonValue &out);
    bool parseLiteral(const char *literal, const QJsonValue &value, QJsonValue &out);
    bool appendUtf8Sequence(QString &out);
    void skipWhitespace();
    bool fail(const QString &message);

    int m_maxDepth;
    const char *m_data = nullptr;
    qsizetype m_size = 0;
    qsizetype m_pos = 0;
    Error m_error;
};
