#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

#include <optional>

// A strict RFC 8259 parser for request bodies. Stricter than QJsonDocument where money is at
// stake: invalid UTF-8, duplicate member names, nesting deeper than maxDepth, and trailing bytes
// are errors. With IntegersOnly, a number with a fraction or exponent, or beyond int64, is an
// error naming its member: QJsonValue keeps 100.0 as the integer 100, so a validator looking at
// the value could not refuse it.
class StrictJsonParser
{
public:
    enum class Numbers { Any, IntegersOnly };

    struct Error
    {
        qsizetype offset = 0;
        QString message;
    };

    explicit StrictJsonParser(Numbers numbers = Numbers::Any, int maxDepth = 32);

    std::optional<QJsonValue> parse(const QByteArray &input);
    const Error &error() const { return m_error; }

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

    Numbers m_numbers;
    int m_maxDepth;
    QString m_member; // the member whose value is being parsed, for error messages
    const char *m_data = nullptr;
    qsizetype m_size = 0;
    qsizetype m_pos = 0;
    Error m_error;
};
