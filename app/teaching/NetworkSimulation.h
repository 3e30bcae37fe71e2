#pragma once

#include "app/faultproxy/FaultCase.h"
#include "app/faultproxy/FaultSchedule.h"

#include <QByteArrayList>
#include <QCoreApplication>
#include <QString>

#include <optional>

// What the teacher chose in "Simulate network failure": which of the three failures, when it
// strikes, the server's processing delay for case 2, and whether transfers go out without a key
// (the unsafe demonstration). A value; DesktopApp puts it into effect.
struct NetworkSimulation
{
    Q_DECLARE_TR_FUNCTIONS(NetworkSimulation)
public:
    enum class When { NextAttempt, FirstAttempts, RandomShare };
    // Which requests the failure strikes: the transfers and scheduled transfers (the three cases),
    // or the requests for a key that come before them (the failure point server-issued keys add).
    enum class Target { Transfers, KeyRequests };

    bool enabled = false;
    FaultCase failure = FaultCase::DropResponse;
    When when = When::NextAttempt;
    int count = 2;    // FirstAttempts
    int percent = 30; // RandomShare
    // Case 2 needs the bank to be still working when the connection is cut (and when the retry
    // arrives, to show 409): the integrated server holds each transfer this long.
    int processingDelayMs = 1'500;
    bool unsafe = false;
    Target target = Target::Transfers;

    static constexpr int kMaxProcessingDelayMs = 10'000;

    // A fresh schedule for the proxy ("next attempt only" fails exactly once from now; nothing
    // fails with FaultCase::Pass); a random share draws from `seed` (else from a random one).
    FaultSchedule schedule(std::optional<quint32> seed = {}) const;
    // The delay the integrated server must run with: only for case 2, only while simulating.
    int serverProcessingDelayMs() const;
    static QString caseName(FaultCase failure);
    // The request lines (FaultProxy::setTargets) of `target`'s requests.
    static QByteArrayList requestLines(Target target);

    bool operator==(const NetworkSimulation &other) const = default;
};
