// libFuzzer target: the HTTP/1.x request parser. The first byte picks a chunk size; the rest is
// fed once whole and once in chunks, and both must give the same requests and the same verdict
// (a parser must not care how the bytes arrive). Every request it accepts must be well-formed.
#include "server/http/HttpRequestParser.h"
#include "tests/fuzz/FuzzCheck.h"

#include <QList>

#include <algorithm>

#include <cstddef>
#include <cstdint>

namespace {

struct Outcome
{
    QList<HttpRequest> requests;
    HttpRequestParser::Status last = HttpRequestParser::Status::Incomplete;
    int errorStatus = 0;
};

bool sameRequest(const HttpRequest &a, const HttpRequest &b)
{
    return a.method == b.method && a.target == b.target && a.path == b.path && a.query == b.query
        && a.minorVersion == b.minorVersion && a.headers == b.headers && a.body == b.body;
}

bool isWellFormed(const HttpRequest &request, const HttpServerLimits &limits)
{
    if (request.method.isEmpty() || !request.target.startsWith('/') || request.body.size() > limits.maxBodyBytes)
        return false;
    for (const char c : request.method) {
        if (c < 'A' || c > 'Z')
            return false;
    }
    for (const auto &[name, value] : request.headers) {
        if (name.isEmpty() || name != name.toLower() || name.contains(':'))
            return false;
        if (value.contains('\r') || value.contains('\n') || value.contains('\0'))
            return false;
    }
    // A body is only ever taken from a Content-Length: never chunked, never guessed.
    if (request.hasHeader("transfer-encoding"))
        return false;
    if (!request.body.isEmpty() && request.header("content-length").toLongLong() != request.body.size())
        return false;
    return true;
}

Outcome parse(QByteArrayView input, const HttpServerLimits &limits, qsizetype chunk)
{
    HttpRequestParser parser(limits);
    Outcome outcome;
    for (qsizetype at = 0; at < input.size() && outcome.last != HttpRequestParser::Status::Failed; at += chunk) {
        parser.append(input.sliced(at, std::min(chunk, input.size() - at)));
        while ((outcome.last = parser.next()) == HttpRequestParser::Status::Complete)
            outcome.requests.append(parser.takeRequest());
    }
    if (outcome.last == HttpRequestParser::Status::Failed)
        outcome.errorStatus = parser.error().status();
    return outcome;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    HttpServerLimits limits; // small, so that inputs reach them
    limits.maxHeaderBytes = 512;
    limits.maxBodyBytes = 256;
    const qsizetype chunk = data[0] % 16 + 1;
    const QByteArrayView input(reinterpret_cast<const char *>(data) + 1, qsizetype(size) - 1);

    const Outcome whole = parse(input, limits, qMax<qsizetype>(1, input.size()));
    const Outcome pieces = parse(input, limits, chunk);
    FUZZ_CHECK(whole.last == pieces.last);
    FUZZ_CHECK(whole.errorStatus == pieces.errorStatus);
    FUZZ_CHECK(whole.requests.size() == pieces.requests.size());
    for (qsizetype i = 0; i < whole.requests.size(); ++i) {
        FUZZ_CHECK(sameRequest(whole.requests[i], pieces.requests[i]));
        FUZZ_CHECK(isWellFormed(whole.requests[i], limits));
    }
    if (whole.last == HttpRequestParser::Status::Failed)
        FUZZ_CHECK(whole.errorStatus >= 400 && whole.errorStatus < 600);
    return 0;
}
