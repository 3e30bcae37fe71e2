#pragma once

#include "shared/core/Result.h"

#include <QJsonObject>
#include <QString>

// The body of POST /v1/transfers, validated on its own (what needs the ledger is checked there).
struct TransferRequest
{
    QString fromAccount;
    QString toAccount;
    qint64 amount = 0;
    QString currency;
    QString memo;

    static constexpr int kMaxMemoLength = 140;
    static constexpr int kMaxAccountIdLength = 64;

    QJsonObject toJson() const;
    static Result<TransferRequest> fromJson(const QJsonValue &body);
    // Parses the raw body strictly (integers only) and validates it; `parsed` receives the JSON
    // value, for the request's fingerprint.
    static Result<TransferRequest> fromBody(const QByteArray &body, QJsonValue *parsed = nullptr);
    // The raw body parsed strictly (integers only), or 400 validation_failed saying where it is not JSON.
    static Result<QJsonValue> parseBody(const QByteArray &body);
};
