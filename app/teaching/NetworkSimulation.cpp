#include "app/teaching/NetworkSimulation.h"

#include <QCoreApplication>

FaultSchedule NetworkSimulation::schedule(std::optional<quint32> seed) const
{
    if (!enabled || failure == FaultCase::Pass)
        return FaultSchedule::never();
    switch (when) {
    case When::NextAttempt:
        return FaultSchedule::nextOnly(failure);
    case When::FirstAttempts:
        return FaultSchedule::firstN(count, failure);
    case When::RandomShare:
        return FaultSchedule::randomPercent(percent, failure, seed);
    }
    return FaultSchedule::never();
}

int NetworkSimulation::serverProcessingDelayMs() const
{
    return enabled && failure == FaultCase::CutDuringProcessing ? processingDelayMs : 0;
}

QString NetworkSimulation::caseName(FaultCase failure)
{
    switch (failure) {
    case FaultCase::Pass:
        return tr("nothing fails");
    case FaultCase::DropRequest:
        return tr("1 — the request is lost on the way to the bank");
    case FaultCase::CutDuringProcessing:
        return tr("2 — the connection drops while the bank is working");
    case FaultCase::DropResponse:
        return tr("3 — the answer is lost on the way back");
    }
    return {};
}

QByteArrayList NetworkSimulation::requestLines(Target target)
{
    switch (target) {
    case Target::Transfers:
        // Only the keyed operations' requests fail (and the unsafe transfer); sign-in, balances and
        // history always get through. A scheduled transfer's creation meets the same failures as
        // a transfer, which shows that the idempotency layer is one for both.
        return {"POST /v1/transfers ", "POST /v1/demo/unsafe-transfers ", "POST /v1/scheduled-transfers "};
    case Target::KeyRequests:
        return {"POST /v1/idempotency-keys "};
    }
    return {};
}
