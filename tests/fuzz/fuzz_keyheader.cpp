// libFuzzer target: the Idempotency-Key header, bare or as an RFC 8941 String. The input is one
// field value. An sf-string that parses must be exactly the bytes a serializer would write for its
// value; an accepted key must be well-formed, and its other form (bare or quoted) must name the
// same key.
#include "server/api/IdempotencyKeyHeader.h"
#include "server/http/StructuredFieldString.h"
#include "shared/wire/IdempotencyKeyFormat.h"
#include "tests/fuzz/FuzzCheck.h"

#include <cstddef>
#include <cstdint>

namespace {

Result<QString> readField(const QByteArray &value)
{
    HttpRequest request;
    request.headers.append({"idempotency-key", value});
    return IdempotencyKeyHeader::read(request);
}

// RFC 8941 section 4.1.6.
QByteArray serialized(const QByteArray &value)
{
    QByteArray out = "\"";
    for (const char c : value) {
        if (c == '"' || c == '\\')
            out.append('\\');
        out.append(c);
    }
    return out + '"';
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    qsizetype consumed = 0;
    if (const auto value = StructuredFieldString::parse(input, consumed)) {
        FUZZ_CHECK(consumed >= 2 && consumed <= input.size());
        FUZZ_CHECK(serialized(*value) == input.left(consumed));
        for (const char c : *value)
            FUZZ_CHECK(c >= 0x20 && c <= 0x7e);
    }

    // The HTTP parser hands over values without CR, LF or NUL, trimmed of spaces and tabs.
    const QByteArray value = input.trimmed();
    if (value.contains('\r') || value.contains('\n') || value.contains('\0'))
        return 0;
    const Result<QString> key = readField(value);
    if (!key) {
        FUZZ_CHECK(key.problem().status() == 400);
        return 0;
    }
    FUZZ_CHECK(IdempotencyKeyFormat::isWellFormed(key.value()));
    const QByteArray bare = key.value().toLatin1();
    FUZZ_CHECK(value == bare || value == serialized(bare));
    for (const QByteArray &form : {bare, serialized(bare)}) {
        const Result<QString> again = readField(form);
        FUZZ_CHECK(again && again.value() == key.value());
    }
    return 0;
}
