#pragma once

#include "shared/wire/TransferRequest.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

// One run of a scheduled transfer: when it is due and what became of it. "pending" until the
// scheduler runs it, then "executed" (with the transfer it made) or "failed" (with the problem
// code, e.g. insufficient_funds); "cancelled" when its schedule was cancelled first.
struct ScheduledOccurrence
{
    int number = 0;
    QString dueAt;
    QString status;
    QString transferId;
    QString problemCode;

    QJsonObject toJson() const;
    static std::optional<ScheduledOccurrence> fromJson(const QJsonObject &object);
};

// A scheduled (standing) transfer as GET /v1/scheduled-transfers/{id} shows it.
struct ScheduledTransfer
{
    QString id;
    QString status; // active, completed (every occurrence ran), cancelled
    TransferRequest transfer;
    QString firstRunAt;
    QString every; // day, week, month; empty: runs once
    int count = 1;
    QString nextRunAt; // the next pending occurrence's time; empty when there is none
    QString createdAt;
    QString idempotencyKey;
    QList<ScheduledOccurrence> occurrences; // only where withOccurrences

    QJsonObject toJson(bool withOccurrences) const;
    // Occurrences are read when the object has them (GET /v1/scheduled-transfers/{id}, the 201).
    static std::optional<ScheduledTransfer> fromJson(const QJsonObject &object);
};

struct ScheduledTransferPage
{
    QList<ScheduledTransfer> schedules;
    bool hasMore = false;

    QJsonObject toJson() const;
    static std::optional<ScheduledTransferPage> fromJson(const QJsonObject &object);
};
