#include "server/api/JsonRequestBody.h"

#include "shared/json/StrictJsonParser.h"

namespace JsonRequestBody {

bool requireJsonType(const RequestContext &call)
{
    const QByteArray mediaType = call.request.header("content-type").split(';').constFirst().trimmed().toLower();
    if (mediaType == "application/json")
        return true;
    call.replyProblem(
        {ProblemCode::UnsupportedMediaType, QStringLiteral("send the body as Content-Type: application/json")});
    return false;
}

std::optional<QJsonObject> object(const RequestContext &call)
{
    if (!requireJsonType(call))
        return std::nullopt;
    StrictJsonParser parser;
    const auto body = parser.parse(call.request.body);
    if (!body || !body->isObject()) {
        call.replyProblem({ProblemCode::ValidationFailed,
                           body ? QStringLiteral("body: must be a JSON object")
                                : QStringLiteral("body: invalid JSON at byte %1: %2")
                                      .arg(parser.error().offset)
                                      .arg(parser.error().message)});
        return std::nullopt;
    }
    return body->toObject();
}

} // namespace JsonRequestBody
