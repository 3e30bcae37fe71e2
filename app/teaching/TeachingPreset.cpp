#include "app/teaching/TeachingPreset.h"

#include "app/client/session/AccountDirectory.h"

QList<TeachingPreset> TeachingPreset::all()
{
    QList<TeachingPreset> presets;
    for (const bool withKey : {true, false}) {
        for (const FaultCase failure :
             {FaultCase::DropRequest, FaultCase::CutDuringProcessing, FaultCase::DropResponse})
            presets.append({failure, withKey});
    }
    presets.append({FaultCase::DropResponse, true, Point::KeyAnswer});
    presets.append({FaultCase::Pass, true, Point::ClientCrash});
    return presets;
}

QString TeachingPreset::automationName() const
{
    if (point == Point::KeyAnswer)
        return QStringLiteral("Run key answer lost");
    if (point == Point::ClientCrash)
        return QStringLiteral("Run client crash after send");
    return QStringLiteral("Run case %1 %2").arg(int(failure)).arg(withKey ? u"with key" : u"without key");
}

QString TeachingPreset::label() const
{
    if (point == Point::KeyAnswer)
        return tr("Key answer lost");
    if (point == Point::ClientCrash)
        return tr("Client crash after send");
    return withKey ? tr("Case %1 · key").arg(int(failure)) : tr("Case %1 · no key").arg(int(failure));
}

QString TeachingPreset::description() const
{
    if (point == Point::KeyAnswer)
        return tr("Throws away the bank's answer to the next key request and sends a new demo transfer: the client "
                  "asks again and gets a second key, the first stays unused (harmless), the money moves once.");
    if (point == Point::ClientCrash)
        return tr("Sends a new demo transfer and destroys the client once the request is on the network: its "
                  "transfer, key and form are gone, only the list of unfinished transfers on disk is left. “Restart "
                  "the client” asks the bank by the key: it happened, once.");
    const QString what = NetworkSimulation::caseName(failure);
    return withKey ? tr("Arms failure “%1” for the next attempt and sends a new demo transfer with an idempotency key: "
                        "the money moves once.")
                         .arg(what)
                   : tr("Arms failure “%1” for the next attempt and sends a new demo transfer without a key (unsafe): "
                        "the money moves %n time(s).",
                        nullptr, expectedDebits())
                         .arg(what);
}

NetworkSimulation TeachingPreset::simulation(const NetworkSimulation &current) const
{
    NetworkSimulation armed = current;
    armed.enabled = true;
    armed.failure = failure;
    armed.when = NetworkSimulation::When::NextAttempt;
    armed.unsafe = !withKey;
    armed.target
        = point == Point::KeyAnswer ? NetworkSimulation::Target::KeyRequests : NetworkSimulation::Target::Transfers;
    return armed;
}

int TeachingPreset::expectedDebits() const { return withKey || failure == FaultCase::DropRequest ? 1 : 2; }

std::optional<TransferRequest> TeachingPreset::demoTransfer(const AccountDirectory &directory) const
{
    if (directory.accounts().isEmpty())
        return std::nullopt;
    const Account &from = directory.accounts().constFirst();
    for (const Payee &payee : directory.payees()) {
        if (payee.currency == from.currency && payee.id != from.id)
            return TransferRequest{from.id, payee.id, kDemoAmount, from.currency, automationName()};
    }
    return std::nullopt;
}
