#pragma once

#include <QString>

namespace IdempotencyKeyFormat {
inline constexpr int kMaxLength = 255;
inline constexpr QStringView kIssuedPrefix = u"idk_";
inline constexpr int kIssuedHexDigits = 32;
// 1..255 characters of [A-Za-z0-9_.:-].
bool isWellFormed(QStringView key);
// The form of the keys the bank issues, "idk_" and 32 lowercase hex digits. A server that accepts
// client-chosen keys never registers a key of this form: an issued key it does not know was
// purged (or never issued), and must not be able to start a transfer after all.
bool isIssuedForm(QStringView key);
// The keys the unsafe demonstration (POST /v1/demo/unsafe-transfers) makes up for its transfers'
// records, so that a history can tell them from real ones: "unsafe_" and 32 lowercase hex digits.
inline constexpr QStringView kUnsafeDemoPrefix = u"unsafe_";
inline bool isUnsafeDemoKey(QStringView key) { return key.startsWith(kUnsafeDemoPrefix); }
} // namespace IdempotencyKeyFormat
