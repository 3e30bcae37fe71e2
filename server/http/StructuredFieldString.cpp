#include "server/http/StructuredFieldString.h"

namespace StructuredFieldString {

std::optional<QByteArray> parse(QByteArrayView input, qsizetype &consumed)
{
    if (!input.startsWith('"'))
        return std::nullopt;
    QByteArray value;
    for (qsizetype at = 1; at < input.size(); ++at) {
        char c = input[at];
        if (c == '\\') {
            if (++at == input.size())
                return std::nullopt;
            c = input[at];
            if (c != '"' && c != '\\')
                return std::nullopt;
        } else if (c == '"') {
            consumed = at + 1;
            return value;
        } else if (uchar(c) < 0x20 || uchar(c) > 0x7e) {
            return std::nullopt;
        }
        value.append(c);
    }
    return std::nullopt;
}

} // namespace StructuredFieldString
