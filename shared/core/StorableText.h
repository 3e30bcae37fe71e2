#pragma once

#include "shared/core/Problem.h"

#include <QAnyStringView>
#include <QStringView>

#include <optional>

// Whether a client's text can be bound to SQL and read back exactly as sent, on every store.
// Qt's SQLite driver binds a QString as UTF-16, and SQLite reads a leading U+FEFF or U+FFFE as a
// byte order mark: it drops the first, and drops the second and byte-swaps the rest. PostgreSQL
// cannot hold U+0000 at all. Every client string that reaches SQL (memos, account ids, usernames,
// transfer ids, cursors) is checked here first, and text with a flaw is refused, never altered:
// identifiers are then compared exactly as the database compares them.
namespace StorableText {

enum class Flaw {
    None,
    ControlCharacter,  // C0 (U+0000 included), DEL, C1
    ByteOrderMark,     // U+FEFF, anywhere (Qt's own decoders drop it too)
    Noncharacter,      // U+FFFE (a byte-swapped byte order mark), U+FFFF, U+FDD0..U+FDEF, U+nFFFE/U+nFFFF
    UnpairedSurrogate, // not Unicode text; converting it to UTF-8 replaces it
};

Flaw firstFlaw(QStringView text);
inline bool isStorable(QStringView text) { return firstFlaw(text) == Flaw::None; }
// 400 validation_failed naming `field` ("memo: control characters are not allowed"), or nullopt
// if `text` is storable.
std::optional<Problem> refusal(QAnyStringView field, QStringView text);

} // namespace StorableText
