#include "shared/wire/ApiTypes.h"

#include "shared/json/CompactJsonWriter.h"

#include <QJsonArray>

namespace {

QString str(const QJsonObject &o, const char *name) { return o.value(QLatin1String(name)).toString(); }

bool hasStrings(const QJsonObject &o, std::initializer_list<const char *> names)
{
    for (const char *name : names) {
        if (!o.value(QLatin1String(name)).isString())
            return false;
    }
    return true;
}

bool hasIntegers(const QJsonObject &o, std::initializer_list<const char *> names)
{
    for (const char *name : names) {
        if (!o.value(QLatin1String(name)).isDouble())
            return false;
    }
    return true;
}

qint64 integer(const QJsonObject &o, const char *name) { return o.value(QLatin1String(name)).toInteger(); }

template <typename Item>
QJsonArray arrayOf(const QList<Item> &items)
{
    QJsonArray array;
    for (const Item &item : items)
        array.append(item.toJson());
    return array;
}

} // namespace

QJsonObject Account::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("owner"), owner},
            {QStringLiteral("currency"), currency},
            {QStringLiteral("balance"), balance}};
}

std::optional<Account> Account::fromJson(const QJsonObject &o)
{
    if (!hasStrings(o, {"id", "name", "owner", "currency"}) || !hasIntegers(o, {"balance"}))
        return std::nullopt;
    return Account{str(o, "id"), str(o, "name"), str(o, "owner"), str(o, "currency"), integer(o, "balance")};
}

QJsonObject Payee::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("name"), name},
            {QStringLiteral("owner_name"), ownerName},
            {QStringLiteral("currency"), currency}};
}

std::optional<Payee> Payee::fromJson(const QJsonObject &o)
{
    if (!hasStrings(o, {"id", "name", "owner_name"}))
        return std::nullopt;
    return Payee{str(o, "id"), str(o, "name"), str(o, "owner_name"), str(o, "currency")};
}

QJsonObject Transfer::toJson() const
{
    return {{QStringLiteral("id"), id},
            {QStringLiteral("from_account"), fromAccount},
            {QStringLiteral("to_account"), toAccount},
            {QStringLiteral("amount"), amount},
            {QStringLiteral("currency"), currency},
            {QStringLiteral("memo"), memo},
            {QStringLiteral("status"), status},
            {QStringLiteral("created_at"), createdAt},
            {QStringLiteral("idempotency_key"), idempotencyKey}};
}

QByteArray Transfer::toJsonBytes() const
{
    // toJson()'s members, in the order of their names.
    return CompactJsonWriter()
        .member(QLatin1String("amount"), amount)
        .member(QLatin1String("created_at"), createdAt)
        .member(QLatin1String("currency"), currency)
        .member(QLatin1String("from_account"), fromAccount)
        .member(QLatin1String("id"), id)
        .member(QLatin1String("idempotency_key"), idempotencyKey)
        .member(QLatin1String("memo"), memo)
        .member(QLatin1String("status"), status)
        .member(QLatin1String("to_account"), toAccount)
        .finish();
}

std::optional<Transfer> Transfer::fromJson(const QJsonObject &o)
{
    if (!hasStrings(o, {"id", "from_account", "to_account", "currency", "status", "created_at"})
        || !hasIntegers(o, {"amount"}))
        return std::nullopt;
    return Transfer{str(o, "id"),         str(o, "from_account"), str(o, "to_account"),
                    integer(o, "amount"), str(o, "currency"),     str(o, "memo"),
                    str(o, "status"),     str(o, "created_at"),   str(o, "idempotency_key")};
}

QJsonObject TransferPage::toJson() const
{
    return {{QStringLiteral("transfers"), arrayOf(transfers)}, {QStringLiteral("has_more"), hasMore}};
}

std::optional<TransferPage> TransferPage::fromJson(const QJsonObject &o)
{
    const auto transfers = itemsFromJson<Transfer>(o.value(QLatin1String("transfers")));
    if (!transfers)
        return std::nullopt;
    return TransferPage{*transfers, o.value(QLatin1String("has_more")).toBool()};
}

QJsonObject IdempotencyKeyInfo::toJson() const
{
    QJsonObject o{{QStringLiteral("key"), key},
                  {QStringLiteral("operation"), operation},
                  {QStringLiteral("status"), status},
                  {QStringLiteral("created_at"), createdAt},
                  {QStringLiteral("expires_at"), expiresAt}};
    if (responseStatus) {
        o.insert(QStringLiteral("response_status"), *responseStatus);
        o.insert(QStringLiteral("transfer_id"),
                 transferId.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(transferId));
    }
    if (replays)
        o.insert(QStringLiteral("replays"), *replays);
    return o;
}

QByteArray IdempotencyKeyInfo::toJsonBytes() const
{
    // toJson()'s members, in the order of their names.
    CompactJsonWriter json;
    json.member(QLatin1String("created_at"), createdAt)
        .member(QLatin1String("expires_at"), expiresAt)
        .member(QLatin1String("key"), key)
        .member(QLatin1String("operation"), operation);
    if (replays)
        json.member(QLatin1String("replays"), *replays);
    if (responseStatus)
        json.member(QLatin1String("response_status"), *responseStatus);
    json.member(QLatin1String("status"), status);
    if (responseStatus) {
        if (transferId.isEmpty())
            json.nullMember(QLatin1String("transfer_id"));
        else
            json.member(QLatin1String("transfer_id"), transferId);
    }
    return json.finish();
}

std::optional<IdempotencyKeyInfo> IdempotencyKeyInfo::fromJson(const QJsonObject &o)
{
    if (!hasStrings(o, {"key", "operation", "status", "expires_at"}))
        return std::nullopt;
    IdempotencyKeyInfo info{str(o, "key"),        str(o, "operation"), str(o, "status"),      str(o, "created_at"),
                            str(o, "expires_at"), std::nullopt,        str(o, "transfer_id"), std::nullopt};
    if (o.value(QLatin1String("response_status")).isDouble())
        info.responseStatus = int(integer(o, "response_status"));
    if (o.value(QLatin1String("replays")).isDouble())
        info.replays = integer(o, "replays");
    return info;
}

QJsonObject IdempotencyKeyPage::toJson() const
{
    return {{QStringLiteral("has_more"), hasMore}, {QStringLiteral("idempotency_keys"), arrayOf(keys)}};
}

std::optional<IdempotencyKeyPage> IdempotencyKeyPage::fromJson(const QJsonObject &o)
{
    const auto keys = itemsFromJson<IdempotencyKeyInfo>(o.value(QLatin1String("idempotency_keys")));
    if (!keys)
        return std::nullopt;
    return IdempotencyKeyPage{*keys, o.value(QLatin1String("has_more")).toBool()};
}

QJsonObject SessionInfo::toJson() const
{
    return {
        {QStringLiteral("token"), token}, {QStringLiteral("user"), user}, {QStringLiteral("expires_at"), expiresAt}};
}

std::optional<SessionInfo> SessionInfo::fromJson(const QJsonObject &o)
{
    if (!hasStrings(o, {"token", "user", "expires_at"}))
        return std::nullopt;
    return SessionInfo{str(o, "token"), str(o, "user"), str(o, "expires_at")};
}
