#pragma once

#include "server/api/KeyedReplies.h"
#include "server/api/RequestContext.h"

#include <QSqlDatabase>

class IdempotentExecutor;
class Metrics;
class Storage;

// The second keyed operation, "scheduled_transfer": POST /v1/scheduled-transfers creates a
// schedule exactly once per key through the same IdempotentExecutor as transfers (the same key
// checks, replays and refusals), GET lists and shows schedules with their occurrences, DELETE
// cancels one.
class ScheduleEndpoints
{
    Q_DISABLE_COPY_MOVE(ScheduleEndpoints)
public:
    ScheduleEndpoints(Storage &storage, IdempotentExecutor &executor, Metrics &metrics);

    // As TransferEndpoints::createTransfer: answered from memory where the key's answer is kept
    // there (nothing returned), else the reader's part.
    ReaderWork createSchedule(const RequestContext &call);
    void listSchedules(const RequestContext &call, QSqlDatabase &db);
    void getSchedule(const RequestContext &call, QSqlDatabase &db);
    void cancelSchedule(const RequestContext &call, QSqlDatabase &db);

private:
    Storage &m_storage;
    IdempotentExecutor &m_executor;
    KeyedReplies m_replies;
};
