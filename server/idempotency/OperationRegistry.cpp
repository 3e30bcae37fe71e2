#include "server/idempotency/OperationRegistry.h"

#include "shared/wire/ApiTypes.h"

#include <QStringList>

namespace OperationRegistry {

const QList<Operation> &all()
{
    static const QList<Operation> operations{
        {ApiOperations::kTransfer, "POST", "/v1/transfers"},
        {ApiOperations::kScheduledTransfer, "POST", "/v1/scheduled-transfers"},
    };
    return operations;
}

const Operation *find(const QString &name)
{
    for (const Operation &operation : all()) {
        if (operation.name == name)
            return &operation;
    }
    return nullptr;
}

QString namesForMessage()
{
    QStringList quoted;
    for (const Operation &operation : all())
        quoted.append(QLatin1Char('"') + operation.name + QLatin1Char('"'));
    if (quoted.size() == 1)
        return quoted.first();
    const QString last = quoted.takeLast();
    return quoted.join(QLatin1String(", ")) + QLatin1String(" or ") + last;
}

} // namespace OperationRegistry
