#pragma once

#include <QString>

namespace IdempotencyKeyFormat {
inline constexpr int kMaxLength = 255;
// 1..255 characters of [A-Za-z0-9_.:-].
bool isWellFormed(QStringView key);
}
