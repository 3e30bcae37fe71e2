#pragma once

#include "shared/core/Problem.h"

#include <QByteArray>
#include <QByteArrayView>

// The secret that makes the desktop app's integrated server (and the fault proxy in front of it)
// answer only the app that started it and the owner's tools, which read it from the runtime file
// (docs/automation.md). Made afresh at each launch; every request carries it in kHeader.
namespace IntegratedSecret {

inline constexpr char kHeader[] = "X-Integrated-Secret";

// 256 bits from the operating system's random source, base64url without padding (43 characters).
QByteArray generate();
// Whether `given` is `secret`; the time taken does not depend on where they differ.
bool matches(QByteArrayView given, QByteArrayView secret);
// The answer to a request without the secret or with a wrong one.
Problem refusal();

} // namespace IntegratedSecret
