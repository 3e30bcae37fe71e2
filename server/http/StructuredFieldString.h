#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

// An RFC 8941 String (sf-string, section 3.3.3): DQUOTE, then printable ASCII in which only `"`
// and `\` are escaped, each by a backslash, then DQUOTE.
namespace StructuredFieldString {
// The value of the sf-string that `input` starts with (section 4.2.5), and in `consumed` how many
// bytes it took, both quotes included; nullopt if `input` does not start with a valid one: no
// opening or closing quote, a byte outside 0x20..0x7E, or a backslash before anything but `"`, `\`.
std::optional<QByteArray> parse(QByteArrayView input, qsizetype &consumed);
} // namespace StructuredFieldString
