#include "shared/json/StrictJsonParser.h"

#include "shared/encoding/HexDigit.h"

#include <QJsonArray>
#include <QJsonObject>

#include <charconv>
#include <cstdlib>
#include <string>

StrictJsonParser::StrictJsonParser(Numbers numbers, int maxDepth) : m_numbers(numbers), m_maxDepth(maxDepth) {}

std::optional<QJsonValue> StrictJsonParser::parse(const QByteArray &input)
{
    m_data = input.constData();
    m_size = input.size();
    m_pos = 0;
    m_error = {};
    QJsonValue value;
    skipWhitespace();
    if (!parseValue(value, 0))
        return std::nullopt;
    skipWhitespace();
    if (m_pos != m_size) {
        fail(QStringLiteral("unexpected data after the JSON value"));
        return std::nullopt;
    }
    return value;
}

bool StrictJsonParser::fail(const QString &message)
{
    if (m_error.message.isEmpty())
        m_error = {m_pos, message};
    return false;
}

void StrictJsonParser::skipWhitespace()
{
    while (m_pos < m_size) {
        const char c = m_data[m_pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return;
        ++m_pos;
    }
}

bool StrictJsonParser::parseValue(QJsonValue &out, int depth)
{
    if (m_pos >= m_size)
        return fail(QStringLiteral("unexpected end of input"));
    switch (m_data[m_pos]) {
    case '{':
        return parseObject(out, depth + 1);
    case '[':
        return parseArray(out, depth + 1);
    case '"': {
        QString text;
        if (!parseString(text))
            return false;
        out = text;
        return true;
    }
    case 't':
        return parseLiteral("true", QJsonValue(true), out);
    case 'f':
        return parseLiteral("false", QJsonValue(false), out);
    case 'n':
        return parseLiteral("null", QJsonValue(QJsonValue::Null), out);
    default:
        return parseNumber(out);
    }
}

bool StrictJsonParser::parseLiteral(const char *literal, const QJsonValue &value, QJsonValue &out)
{
    const qsizetype length = qsizetype(std::char_traits<char>::length(literal));
    if (m_size - m_pos < length || QByteArrayView(m_data + m_pos, length) != QByteArrayView(literal, length))
        return fail(QStringLiteral("invalid literal"));
    m_pos += length;
    out = value;
    return true;
}

bool StrictJsonParser::parseObject(QJsonValue &out, int depth)
{
    if (depth > m_maxDepth)
        return fail(QStringLiteral("nesting deeper than %1 levels").arg(m_maxDepth));
    ++m_pos; // '{'
    QJsonObject object;
    skipWhitespace();
    if (m_pos < m_size && m_data[m_pos] == '}') {
        ++m_pos;
        out = object;
        return true;
    }
    while (true) {
        skipWhitespace();
        if (m_pos >= m_size || m_data[m_pos] != '"')
            return fail(QStringLiteral("expected a member name"));
        QString name;
        if (!parseString(name))
            return false;
        if (object.contains(name))
            return fail(QStringLiteral("duplicate member \"%1\"").arg(name));
        skipWhitespace();
        if (m_pos >= m_size || m_data[m_pos] != ':')
            return fail(QStringLiteral("expected ':'"));
        ++m_pos;
        skipWhitespace();
        QJsonValue member;
        m_member = name;
        if (!parseValue(member, depth))
            return false;
        object.insert(name, member);
        skipWhitespace();
        if (m_pos >= m_size)
            return fail(QStringLiteral("unterminated object"));
        if (m_data[m_pos] == ',') {
            ++m_pos;
            continue;
        }
        if (m_data[m_pos] == '}') {
            ++m_pos;
            out = object;
            return true;
        }
        return fail(QStringLiteral("expected ',' or '}'"));
    }
}

bool StrictJsonParser::parseArray(QJsonValue &out, int depth)
{
    if (depth > m_maxDepth)
        return fail(QStringLiteral("nesting deeper than %1 levels").arg(m_maxDepth));
    ++m_pos; // '['
    QJsonArray array;
    skipWhitespace();
    if (m_pos < m_size && m_data[m_pos] == ']') {
        ++m_pos;
        out = array;
        return true;
    }
    while (true) {
        skipWhitespace();
        QJsonValue element;
        if (!parseValue(element, depth))
            return false;
        array.append(element);
        skipWhitespace();
        if (m_pos >= m_size)
            return fail(QStringLiteral("unterminated array"));
        if (m_data[m_pos] == ',') {
            ++m_pos;
            continue;
        }
        if (m_data[m_pos] == ']') {
            ++m_pos;
            out = array;
            return true;
        }
        return fail(QStringLiteral("expected ',' or ']'"));
    }
}

bool StrictJsonParser::appendUtf8Sequence(QString &out)
{
    const auto lead = static_cast<unsigned char>(m_data[m_pos]);
    int length = 0;
    char32_t codePoint = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
        codePoint = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        codePoint = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        codePoint = lead & 0x07;
    } else {
        return fail(QStringLiteral("invalid UTF-8"));
    }
    if (m_size - m_pos < length)
        return fail(QStringLiteral("invalid UTF-8"));
    for (int i = 1; i < length; ++i) {
        const auto next = static_cast<unsigned char>(m_data[m_pos + i]);
        if ((next & 0xC0) != 0x80)
            return fail(QStringLiteral("invalid UTF-8"));
        codePoint = (codePoint << 6) | (next & 0x3F);
    }
    const bool overlong = (length == 3 && codePoint < 0x800) || (length == 4 && codePoint < 0x10000);
    const bool surrogate = codePoint >= 0xD800 && codePoint <= 0xDFFF;
    if (overlong || surrogate || codePoint > 0x10FFFF)
        return fail(QStringLiteral("invalid UTF-8"));
    // Not QString::fromUcs4: it drops U+FEFF as a byte order mark, and this one is content.
    if (QChar::requiresSurrogates(codePoint)) {
        out.append(QChar(QChar::highSurrogate(codePoint)));
        out.append(QChar(QChar::lowSurrogate(codePoint)));
    } else {
        out.append(QChar(char16_t(codePoint)));
    }
    m_pos += length;
    return true;
}

bool StrictJsonParser::parseString(QString &out)
{
    ++m_pos; // opening quote
    while (m_pos < m_size) {
        const auto c = static_cast<unsigned char>(m_data[m_pos]);
        if (c == '"') {
            ++m_pos;
            return true;
        }
        if (c < 0x20)
            return fail(QStringLiteral("control character in string"));
        if (c >= 0x80) {
            if (!appendUtf8Sequence(out))
                return false;
            continue;
        }
        if (c != '\\') {
            out.append(QLatin1Char(char(c)));
            ++m_pos;
            continue;
        }
        if (++m_pos >= m_size)
            return fail(QStringLiteral("unterminated escape"));
        const char escape = m_data[m_pos++];
        switch (escape) {
        case '"':
            out.append(u'"');
            break;
        case '\\':
            out.append(u'\\');
            break;
        case '/':
            out.append(u'/');
            break;
        case 'b':
            out.append(u'\b');
            break;
        case 'f':
            out.append(u'\f');
            break;
        case 'n':
            out.append(u'\n');
            break;
        case 'r':
            out.append(u'\r');
            break;
        case 't':
            out.append(u'\t');
            break;
        case 'u': {
            auto readHex4 = [this](char16_t &unit) {
                if (m_size - m_pos < 4)
                    return false;
                unit = 0;
                for (int i = 0; i < 4; ++i) {
                    const int v = hexDigitValue(m_data[m_pos + i]);
                    if (v < 0)
                        return false;
                    unit = char16_t((unit << 4) | v);
                }
                m_pos += 4;
                return true;
            };
            char16_t unit = 0;
            if (!readHex4(unit))
                return fail(QStringLiteral("invalid \\u escape"));
            if (QChar::isLowSurrogate(unit))
                return fail(QStringLiteral("unpaired surrogate"));
            if (QChar::isHighSurrogate(unit)) {
                char16_t low = 0;
                if (m_size - m_pos < 2 || m_data[m_pos] != '\\' || m_data[m_pos + 1] != 'u')
                    return fail(QStringLiteral("unpaired surrogate"));
                m_pos += 2;
                if (!readHex4(low) || !QChar::isLowSurrogate(low))
                    return fail(QStringLiteral("unpaired surrogate"));
                out.append(QChar(unit));
                out.append(QChar(low));
            } else {
                out.append(QChar(unit));
            }
            break;
        }
        default:
            return fail(QStringLiteral("invalid escape"));
        }
    }
    return fail(QStringLiteral("unterminated string"));
}

bool StrictJsonParser::parseNumber(QJsonValue &out)
{
    const qsizetype start = m_pos;
    auto digitAt = [this](qsizetype i) { return i < m_size && m_data[i] >= '0' && m_data[i] <= '9'; };
    if (m_pos < m_size && m_data[m_pos] == '-')
        ++m_pos;
    if (!digitAt(m_pos))
        return fail(QStringLiteral("invalid value"));
    if (m_data[m_pos] == '0') {
        ++m_pos;
        if (digitAt(m_pos))
            return fail(QStringLiteral("leading zero in number"));
    } else {
        while (digitAt(m_pos))
            ++m_pos;
    }
    bool integer = true;
    if (m_pos < m_size && m_data[m_pos] == '.') {
        integer = false;
        ++m_pos;
        if (!digitAt(m_pos))
            return fail(QStringLiteral("invalid number"));
        while (digitAt(m_pos))
            ++m_pos;
    }
    if (m_pos < m_size && (m_data[m_pos] == 'e' || m_data[m_pos] == 'E')) {
        integer = false;
        ++m_pos;
        if (m_pos < m_size && (m_data[m_pos] == '+' || m_data[m_pos] == '-'))
            ++m_pos;
        if (!digitAt(m_pos))
            return fail(QStringLiteral("invalid number"));
        while (digitAt(m_pos))
            ++m_pos;
    }
    const char *first = m_data + start;
    const char *last = m_data + m_pos;
    if (integer) {
        qint64 value = 0;
        const auto [ptr, ec] = std::from_chars(first, last, value);
        if (ec == std::errc() && ptr == last) {
            out = QJsonValue(value);
            return true;
        }
    }
    if (m_numbers == Numbers::IntegersOnly) {
        const QString where = m_member.isEmpty() ? QStringLiteral("number") : QStringLiteral("\"%1\"").arg(m_member);
        return fail(QStringLiteral("%1: must be an integer (no fraction or exponent, at most 64 bits)").arg(where));
    }
    const std::string text(first, last);
    out = QJsonValue(std::strtod(text.c_str(), nullptr));
    return true;
}
