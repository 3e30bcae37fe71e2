// libFuzzer target: the canonical JSON fingerprint. Canonical output must itself be valid strict
// JSON, canonicalising must be idempotent, and a document and its canonical form must have the
// same fingerprint (so a retry re-encoded by a different client still matches).
#include "shared/json/CanonicalJson.h"
#include "shared/json/StrictJsonParser.h"
#include "tests/fuzz/FuzzCheck.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    StrictJsonParser parser;
    const auto value = parser.parse(input);
    if (!value)
        return 0;
    const QByteArray canonical = CanonicalJson::serialize(*value);
    StrictJsonParser reparser;
    const auto reparsed = reparser.parse(canonical);
    FUZZ_CHECK(reparsed.has_value());
    FUZZ_CHECK(CanonicalJson::serialize(*reparsed) == canonical);
    const QByteArray fingerprint = CanonicalJson::fingerprint("POST", "/v1/transfers", *value);
    FUZZ_CHECK(fingerprint.size() == 64);
    FUZZ_CHECK(fingerprint == CanonicalJson::fingerprint("POST", "/v1/transfers", *reparsed));
    // Method and path are part of what is fingerprinted.
    FUZZ_CHECK(fingerprint != CanonicalJson::fingerprint("PUT", "/v1/transfers", *value));
    return 0;
}
