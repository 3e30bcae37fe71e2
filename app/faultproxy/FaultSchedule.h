#pragma once

#include "app/faultproxy/FaultCase.h"

#include <QRandomGenerator>

// Which attempts fail, and how: none, the next one only, the first N from now, or a random share
// (seedable, so a test can replay the same sequence). Not thread-safe; FaultProxy guards it.
class FaultSchedule
{
public:
    enum class Mode { Never, NextOnly, FirstN, RandomPercent };

    FaultSchedule() = default;
    static FaultSchedule never();
    static FaultSchedule nextOnly(FaultCase failure);
    static FaultSchedule firstN(int count, FaultCase failure);
    // `percent` is clamped to 0..100. Without a seed the sequence differs on every run.
    static FaultSchedule randomPercent(int percent, FaultCase failure, std::optional<quint32> seed = std::nullopt);

    // The case for the next attempt; advances the schedule.
    FaultCase next();

    Mode mode() const { return m_mode; }
    FaultCase failure() const { return m_failure; }
    // NextOnly and FirstN: how many failures are still to come.
    int remaining() const { return m_remaining; }
    int percent() const { return m_percent; }

private:
    Mode m_mode = Mode::Never;
    FaultCase m_failure = FaultCase::Pass;
    int m_remaining = 0;
    int m_percent = 0;
    QRandomGenerator m_random;
};
