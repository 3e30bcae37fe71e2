#pragma once

#include <QString>

#include <optional>

// What the proxy does to one attempt (one HTTP request and its response).
enum class FaultCase {
    Pass,                // forward the request and relay the response
    DropRequest,         // 1: close the client connection before forwarding a byte
    CutDuringProcessing, // 2: forward the request, then cut the client connection before the response
    DropResponse,        // 3: forward the request, read the whole response, discard it, cut the client
};

namespace FaultCases {
// Stable names ("pass", "drop_request", "cut_during_processing", "drop_response").
QString toString(FaultCase failure);
std::optional<FaultCase> fromString(const QString &name);
} // namespace FaultCases
