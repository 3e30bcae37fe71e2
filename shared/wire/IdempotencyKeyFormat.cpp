#include "shared/wire/IdempotencyKeyFormat.h"

namespace IdempotencyKeyFormat {

bool isWellFormed(QStringView key)
{
    if (key.isEmpty() || key.size() > kMaxLength)
        return false;
    for (const QChar c : key) {
        const char16_t u = c.unicode();
        const bool allowed = (u >= u'a' && u <= u'z') || (u >= u'A' && u <= u'Z') || (u >= u'0' && u <= u'9')
            || u == u'_' || u == u'.' || u == u':' || u == u'-';
        if (!allowed)
            return false;
    }
    return true;
}

bool isIssuedForm(QStringView key)
{
    if (key.size() != kIssuedPrefix.size() + kIssuedHexDigits || !key.startsWith(kIssuedPrefix))
        return false;
    for (const QChar c : key.mid(kIssuedPrefix.size())) {
        const char16_t u = c.unicode();
        if (!((u >= u'0' && u <= u'9') || (u >= u'a' && u <= u'f')))
            return false;
    }
    return true;
}

} // namespace IdempotencyKeyFormat
