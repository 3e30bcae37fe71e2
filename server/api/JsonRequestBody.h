#pragma once

#include "server/api/RequestContext.h"

#include <QJsonObject>

#include <optional>

// The body of an API request that must be JSON.
namespace JsonRequestBody {
// Whether the request says its body is JSON (Content-Type: application/json, parameters
// allowed); if it does not, replies 415 and returns false.
bool requireJsonType(const RequestContext &call);
// The request's JSON object body, or nullopt after replying 415/400.
std::optional<QJsonObject> object(const RequestContext &call);
} // namespace JsonRequestBody
