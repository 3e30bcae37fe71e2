// libFuzzer target: the JSON request decoders. StrictJsonParser in both number modes and
// TransferRequest::fromBody must never crash, must agree with each other, and whatever they
// accept must be a valid transfer that survives a round trip unchanged.
#include "shared/json/StrictJsonParser.h"
#include "shared/money/Money.h"
#include "shared/wire/TransferRequest.h"
#include "tests/fuzz/FuzzCheck.h"

#include <QJsonDocument>

#include <cstddef>
#include <cstdint>

namespace {

bool sameTransfer(const TransferRequest &a, const TransferRequest &b)
{
    return a.fromAccount == b.fromAccount && a.toAccount == b.toAccount && a.amount == b.amount
        && a.currency == b.currency && a.memo == b.memo;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));

    StrictJsonParser any;
    StrictJsonParser integers(StrictJsonParser::Numbers::IntegersOnly);
    const auto anyValue = any.parse(body);
    const auto integerValue = integers.parse(body);
    // Integers-only accepts a subset of what Any accepts, and reads it the same way.
    if (integerValue) {
        FUZZ_CHECK(anyValue.has_value());
        FUZZ_CHECK(*anyValue == *integerValue);
    }
    if (!anyValue)
        FUZZ_CHECK(!any.error().message.isEmpty() && any.error().offset >= 0 && any.error().offset <= body.size());

    QJsonValue parsed;
    const Result<TransferRequest> transfer = TransferRequest::fromBody(body, &parsed);
    if (!transfer) {
        FUZZ_CHECK(transfer.problem().code == ProblemCode::ValidationFailed);
        return 0;
    }
    FUZZ_CHECK(integerValue.has_value() && parsed == *integerValue);
    const TransferRequest &request = transfer.value();
    FUZZ_CHECK(request.amount > 0 && request.amount <= Money::kMaxAmountMinor);
    FUZZ_CHECK(!request.fromAccount.isEmpty() && !request.toAccount.isEmpty()
               && request.fromAccount != request.toAccount);
    FUZZ_CHECK(Money::isCurrencyCode(request.currency));
    FUZZ_CHECK(!request.memo.contains(QChar(0)) && !request.memo.contains(QChar::ByteOrderMark));
    // What the client library would send for it decodes to the same transfer.
    const QByteArray resent = QJsonDocument(request.toJson()).toJson(QJsonDocument::Compact);
    const Result<TransferRequest> again = TransferRequest::fromBody(resent);
    FUZZ_CHECK(again.ok() && sameTransfer(again.value(), request));
    return 0;
}
