#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// The operations the bank runs exactly once per idempotency key, and the endpoint each one's keys
// are for. The only place that knows them: the key store, the key state machine and the replay
// path take an operation as a name, and a key issued for one is refused on another's endpoint.
// A new operation is an entry here and a handler that runs through IdempotentExecutor.
namespace OperationRegistry {

struct Operation
{
    QString name;      // what POST /v1/idempotency-keys takes, e.g. "transfer"
    QByteArray method; // the request its keys are for
    QByteArray path;
};

const QList<Operation> &all();
// The operation of that name; nullptr when there is none.
const Operation *find(const QString &name);
// The names for an error message: "\"transfer\" or \"scheduled_transfer\"".
QString namesForMessage();

} // namespace OperationRegistry
