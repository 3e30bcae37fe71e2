#include "server/http/HttpResponse.h"

#include <QJsonDocument>

void HttpResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &entry : headers) {
        if (entry.first.compare(name, Qt::CaseInsensitive) == 0) {
            entry.second = value;
            return;
        }
    }
    headers.append({name, value});
}

QByteArray HttpResponse::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (name.compare(key, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

HttpResponse HttpResponse::json(int status, const QJsonObject &object)
{
    return jsonText(status, QJsonDocument(object).toJson(QJsonDocument::Compact));
}

HttpResponse HttpResponse::jsonText(int status, const QByteArray &text)
{
    return raw(status, "application/json", text);
}

HttpResponse HttpResponse::raw(int status, const QByteArray &contentType, const QByteArray &body)
{
    HttpResponse response;
    response.status = status;
    response.body = body;
    response.setHeader("Content-Type", contentType);
    return response;
}

HttpResponse HttpResponse::problem(const Problem &problem)
{
    HttpResponse response = raw(problem.status(), kProblemContentType, problem.toJsonBytes());
    qint64 retryAfterSeconds = problem.retryAfterSeconds;
    // Storage trouble (a lost database, a failover) and a key still in flight pass in a moment:
    // every such answer, whatever the endpoint, says when to come back.
    if (retryAfterSeconds == 0
        && (problem.code == ProblemCode::StorageUnavailable || problem.code == ProblemCode::StorageOutcomeUnknown
            || problem.code == ProblemCode::IdempotencyKeyInUse))
        retryAfterSeconds = 1;
    if (retryAfterSeconds > 0)
        response.setHeader("Retry-After", QByteArray::number(retryAfterSeconds));
    return response;
}

QByteArray HttpResponse::serialize(bool keepAlive) const
{
    // Appended piece by piece into one buffer: `"literal" + QByteArray` would copy the whole
    // array to insert in front of it, once per header.
    QByteArray out;
    out.reserve(256 + body.size());
    out.append("HTTP/1.1 ").append(QByteArray::number(status)).append(' ').append(reasonPhrase(status)).append("\r\n");
    for (const auto &[name, value] : headers)
        out.append(name).append(": ").append(value).append("\r\n");
    // RFC 9110, section 8.6: never on a 204, which has no content.
    if (status != 204)
        out.append("Content-Length: ").append(QByteArray::number(body.size())).append("\r\n");
    out.append(keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n");
    out.append("\r\n");
    out.append(body);
    return out;
}

QByteArray HttpResponse::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 421:
        return "Misdirected Request";
    case 422:
        return "Unprocessable Content";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    default:
        return "Unknown";
    }
}
