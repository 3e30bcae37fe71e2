#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

// The resources of the bank API and their JSON codecs, shared by server and client so both sides
// agree on every field name.

// The items of a JSON array of `Item` objects (each read with Item::fromJson); nullopt if `array`
// is not one.
template <typename Item>
std::optional<QList<Item>> itemsFromJson(const QJsonValue &array)
{
    if (!array.isArray())
        return std::nullopt;
    QList<Item> items;
    for (const QJsonValue value : array.toArray()) {
        auto item = Item::fromJson(value.toObject());
        if (!item)
            return std::nullopt;
        items.append(std::move(*item));
    }
    return items;
}

struct Account
{
    QString id;
    QString name;
    QString owner;
    QString currency;
    qint64 balance = 0;

    QJsonObject toJson() const;
    static std::optional<Account> fromJson(const QJsonObject &object);
};

struct Payee
{
    QString id;
    QString name;
    QString ownerName; // the owner's display name, never their login name
    QString currency;

    QJsonObject toJson() const;
    static std::optional<Payee> fromJson(const QJsonObject &object);
};

struct Transfer
{
    QString id;
    QString fromAccount;
    QString toAccount;
    qint64 amount = 0;
    QString currency;
    QString memo;
    QString status = QStringLiteral("completed");
    QString createdAt;
    QString idempotencyKey;

    QJsonObject toJson() const;
    // The text of toJson() in compact form, the same bytes, written without building the object.
    QByteArray toJsonBytes() const;
    static std::optional<Transfer> fromJson(const QJsonObject &object);
};

struct TransferPage
{
    QList<Transfer> transfers;
    bool hasMore = false;

    QJsonObject toJson() const;
    static std::optional<TransferPage> fromJson(const QJsonObject &object);
};

struct IdempotencyKeyInfo
{
    QString key;
    QString operation;
    QString status; // unused, completed, expired, abandoned
    QString createdAt;
    QString expiresAt;
    std::optional<int> responseStatus;
    QString transferId;
    std::optional<qint64> replays; // once completed: retries answered with the stored response

    QJsonObject toJson() const;
    // QJsonDocument(toJson()).toJson(Compact), written directly.
    QByteArray toJsonBytes() const;
    static std::optional<IdempotencyKeyInfo> fromJson(const QJsonObject &object);
};

struct IdempotencyKeyPage
{
    QList<IdempotencyKeyInfo> keys;
    bool hasMore = false;

    QJsonObject toJson() const;
    static std::optional<IdempotencyKeyPage> fromJson(const QJsonObject &object);
};

struct SessionInfo
{
    QString token;
    QString user;
    QString expiresAt;

    QJsonObject toJson() const;
    static std::optional<SessionInfo> fromJson(const QJsonObject &object);
};

namespace ApiOperations {
inline const QString kTransfer = QStringLiteral("transfer");
inline const QString kScheduledTransfer = QStringLiteral("scheduled_transfer");
} // namespace ApiOperations
