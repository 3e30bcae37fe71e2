#include "shared/core/StorableText.h"

namespace StorableText {

Flaw firstFlaw(QStringView text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar unit = text[i];
        char32_t codePoint = unit.unicode();
        if (unit.isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            codePoint = QChar::surrogateToUcs4(unit, text[i + 1]);
            ++i;
        } else if (unit.isSurrogate()) {
            return Flaw::UnpairedSurrogate;
        }
        if (QChar::category(codePoint) == QChar::Other_Control)
            return Flaw::ControlCharacter;
        if (codePoint == QChar::ByteOrderMark)
            return Flaw::ByteOrderMark;
        if (QChar::isNonCharacter(codePoint))
            return Flaw::Noncharacter;
    }
    return Flaw::None;
}

std::optional<Problem> refusal(QAnyStringView field, QStringView text)
{
    QString why;
    switch (firstFlaw(text)) {
    case Flaw::None:
        return std::nullopt;
    case Flaw::ControlCharacter:
        why = QStringLiteral("control characters are not allowed");
        break;
    case Flaw::ByteOrderMark:
        why = QStringLiteral("U+FEFF (byte order mark) is not allowed");
        break;
    case Flaw::Noncharacter:
        why = QStringLiteral("noncharacters such as U+FFFE are not allowed");
        break;
    case Flaw::UnpairedSurrogate:
        why = QStringLiteral("unpaired surrogates are not allowed");
        break;
    }
    return Problem(ProblemCode::ValidationFailed, field.toString() + QStringLiteral(": ") + why);
}

} // namespace StorableText
