#include "shared/wire/TransferRequest.h"

#include "shared/core/StorableText.h"
#include "shared/json/StrictJsonParser.h"
#include "shared/money/Money.h"

#include <QSet>

namespace {

Problem invalid(const QString &detail) { return Problem(ProblemCode::ValidationFailed, detail); }

qsizetype codePointCount(const QString &text)
{
    qsizetype count = 0;
    for (const QChar c : text) {
        if (!c.isLowSurrogate())
            ++count;
    }
    return count;
}

} // namespace

QJsonObject TransferRequest::toJson() const
{
    QJsonObject o{{QStringLiteral("from_account"), fromAccount},
                  {QStringLiteral("to_account"), toAccount},
                  {QStringLiteral("amount"), amount},
                  {QStringLiteral("currency"), currency}};
    if (!memo.isEmpty())
        o.insert(QStringLiteral("memo"), memo);
    return o;
}

Result<QJsonValue> TransferRequest::parseBody(const QByteArray &body)
{
    StrictJsonParser parser(StrictJsonParser::Numbers::IntegersOnly);
    const auto value = parser.parse(body);
    if (!value)
        return invalid(
            QStringLiteral("invalid JSON at byte %1: %2").arg(parser.error().offset).arg(parser.error().message));
    return *value;
}

Result<TransferRequest> TransferRequest::fromBody(const QByteArray &body, QJsonValue *parsed)
{
    const auto value = parseBody(body);
    if (!value)
        return value.problem();
    if (parsed)
        *parsed = *value;
    return fromJson(*value);
}

Result<TransferRequest> TransferRequest::fromJson(const QJsonValue &body)
{
    if (!body.isObject())
        return invalid(QStringLiteral("the body must be a JSON object"));
    const QJsonObject o = body.toObject();
    static const QSet<QString> known{QStringLiteral("from_account"), QStringLiteral("to_account"),
                                     QStringLiteral("amount"), QStringLiteral("currency"), QStringLiteral("memo")};
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!known.contains(it.key()))
            return invalid(QStringLiteral("unknown field \"%1\"").arg(it.key()));
    }

    TransferRequest request;
    for (const auto &[name, target] :
         {std::pair{"from_account", &request.fromAccount}, std::pair{"to_account", &request.toAccount}}) {
        const QJsonValue value = o.value(QLatin1String(name));
        if (value.isUndefined())
            return invalid(QStringLiteral("%1: required").arg(QLatin1String(name)));
        if (!value.isString() || value.toString().isEmpty() || value.toString().size() > kMaxAccountIdLength)
            return invalid(QStringLiteral("%1: must be an account id").arg(QLatin1String(name)));
        // Before the from/to comparison: SQLite would read "\ufeffacc_1" as "acc_1".
        if (auto refused = StorableText::refusal(QLatin1String(name), value.toString()))
            return *std::move(refused);
        *target = value.toString();
    }

    const QJsonValue amount = o.value(QLatin1String("amount"));
    if (amount.isUndefined())
        return invalid(QStringLiteral("amount: required"));
    // toInteger() is 0 for a non-integral double, and fromBody() lets only integers through.
    if (!amount.isDouble() || amount.toInteger() <= 0 || amount.toInteger() > Money::kMaxAmountMinor)
        return invalid(QStringLiteral("amount: must be a positive integer number of minor units, at most %1")
                           .arg(Money::kMaxAmountMinor));
    request.amount = amount.toInteger();

    const QJsonValue currency = o.value(QLatin1String("currency"));
    if (currency.isUndefined())
        return invalid(QStringLiteral("currency: required"));
    if (!currency.isString() || !Money::isCurrencyCode(currency.toString()))
        return invalid(QStringLiteral("currency: must be an ISO 4217 code such as \"USD\""));
    request.currency = currency.toString();

    const QJsonValue memo = o.value(QLatin1String("memo"));
    if (!memo.isUndefined() && !memo.isNull()) {
        if (!memo.isString())
            return invalid(QStringLiteral("memo: must be a string"));
        request.memo = memo.toString();
        if (codePointCount(request.memo) > kMaxMemoLength)
            return invalid(QStringLiteral("memo: at most %1 characters").arg(kMaxMemoLength));
        if (auto refused = StorableText::refusal(u"memo", request.memo))
            return *std::move(refused);
    }

    if (request.fromAccount == request.toAccount)
        return invalid(QStringLiteral("to_account: must differ from from_account"));
    return request;
}
