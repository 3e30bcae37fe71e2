#pragma once

#include "app/faultproxy/FaultCase.h"
#include "app/teaching/NetworkSimulation.h"
#include "shared/wire/TransferRequest.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

#include <optional>

class AccountDirectory;

// One scenario of the lesson in one action: the failure the proxy is armed with for the next
// attempt, whether the transfer carries a key, where the failure strikes, and the fixed demo
// transfer it sends. A value; DesktopApp::runPreset puts it into effect.
struct TeachingPreset
{
    Q_DECLARE_TR_FUNCTIONS(TeachingPreset)
public:
    // Where it fails: one of the three cases of the transfer, or one of the two failure points
    // server-issued keys add: the answer to the key request before it is lost, or the client dies
    // once the transfer's request is on the network (`failure` is then what the network does to
    // that request: Pass, the bank gets it; DropRequest, it never does).
    enum class Point { Transfer, KeyAnswer, ClientCrash };

    FaultCase failure = FaultCase::DropRequest;
    bool withKey = true;
    Point point = Point::Transfer;

    // $30.00 (in the first account's currency): small enough for many runs, large enough to read.
    static constexpr qint64 kDemoAmount = 3'000;

    // In the order of the buttons: cases 1–3 with a key, cases 1–3 without one, then the key
    // answer lost and the client crash after send (the bank has the request).
    static QList<TeachingPreset> all();

    // "Run case 1 with key", "Run key answer lost", "Run client crash after send": the accessible name and objectName,
    // part of the automation contract (docs/automation.md), so never translated.
    QString automationName() const;
    // The button's short text, e.g. "Case 1 · key", "Key answer lost" (translated).
    QString label() const;
    // What it does, for the tooltip.
    QString description() const;
    // `current` with this failure armed for the next attempt (of a transfer, or of a key request)
    // and the key switched on or off; the processing delay of case 2 is kept.
    NetworkSimulation simulation(const NetworkSimulation &current) const;
    // How many times the money moves on the bank's ledger: once, except without a key where the
    // bank got the first attempt (cases 2 and 3).
    int expectedDebits() const;
    // kDemoAmount from the user's first account to the first payee in its currency, with the
    // automation name as memo (the history then says which preset made it); nullopt when the
    // directory has no such pair.
    std::optional<TransferRequest> demoTransfer(const AccountDirectory &directory) const;

    bool operator==(const TeachingPreset &other) const = default;
};
