#include "shared/json/CompactJsonWriter.h"

namespace {

char hexDigit(uint value) { return "0123456789abcdef"[value & 0xf]; }

void appendEscapedUnit(QByteArray &out, char16_t unit)
{
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4)
        out += hexDigit(uint(unit) >> shift);
}

// `text` as a JSON string, escaped as Qt's JSON writer escapes it.
void appendString(QByteArray &out, QStringView text)
{
    out.reserve(out.size() + text.size() + 2);
    out += '"';
    const char16_t *unit = text.utf16();
    const char16_t *const end = unit + text.size();
    while (unit != end) {
        const char16_t u = *unit++;
        if (u >= 0x80) {
            // A surrogate pair is one character of four UTF-8 bytes; a lone surrogate has no UTF-8
            // form, and Qt writes it as an escape.
            if (QChar::isHighSurrogate(u) && unit != end && QChar::isLowSurrogate(*unit)) {
                out += QStringView(unit - 1, 2).toUtf8();
                ++unit;
            } else if (QChar::isSurrogate(u)) {
                appendEscapedUnit(out, u);
            } else {
                out += QStringView(unit - 1, 1).toUtf8();
            }
            continue;
        }
        switch (u) {
        case u'"':
            out += "\\\"";
            break;
        case u'\\':
            out += "\\\\";
            break;
        case u'\b':
            out += "\\b";
            break;
        case u'\f':
            out += "\\f";
            break;
        case u'\n':
            out += "\\n";
            break;
        case u'\r':
            out += "\\r";
            break;
        case u'\t':
            out += "\\t";
            break;
        default:
            if (u < 0x20)
                appendEscapedUnit(out, u);
            else
                out += char(u);
        }
    }
    out += '"';
}

} // namespace

QByteArray CompactJsonWriter::quoted(QStringView text)
{
    QByteArray out;
    appendString(out, text);
    return out;
}

CompactJsonWriter &CompactJsonWriter::member(QLatin1String name, QStringView value)
{
    this->name(name);
    string(value);
    return *this;
}

CompactJsonWriter &CompactJsonWriter::member(QStringView name, QStringView value)
{
    this->name(name);
    string(value);
    return *this;
}

CompactJsonWriter &CompactJsonWriter::beginObject(QLatin1String name)
{
    this->name(name);
    m_text += '{';
    return *this;
}

CompactJsonWriter &CompactJsonWriter::endObject()
{
    m_text += '}';
    return *this;
}

CompactJsonWriter &CompactJsonWriter::member(QLatin1String name, qint64 value)
{
    this->name(name);
    m_text += QByteArray::number(value);
    return *this;
}

CompactJsonWriter &CompactJsonWriter::nullMember(QLatin1String name)
{
    this->name(name);
    m_text += "null";
    return *this;
}

QByteArray CompactJsonWriter::finish()
{
    m_text += '}';
    return std::move(m_text);
}

void CompactJsonWriter::name(QLatin1String name)
{
    separate();
    m_text += '"';
    m_text += QByteArrayView(name.data(), name.size());
    m_text += "\":";
}

void CompactJsonWriter::name(QStringView name)
{
    separate();
    string(name);
    m_text += ':';
}

void CompactJsonWriter::separate()
{
    if (!m_text.endsWith('{'))
        m_text += ',';
}

void CompactJsonWriter::string(QStringView text) { appendString(m_text, text); }
