#pragma once

// bank-server's stderr holds the request log and lines that begin "bank-server: " (docs/api.md
// §6). Qt's messages, its drivers' included, would otherwise arrive in whatever shape Qt gives
// them, some over several lines; this handler makes each one a single line of that shape.
namespace DiagnosticLog {
// Sends every Qt message of this process to stderr as "bank-server: CATEGORY: MESSAGE" on one
// line; Qt's uncategorised messages have CATEGORY "qt".
void install();
} // namespace DiagnosticLog
