#include "app/faultproxy/FaultSchedule.h"

#include <algorithm>

FaultSchedule FaultSchedule::never() { return {}; }

FaultSchedule FaultSchedule::nextOnly(FaultCase failure)
{
    FaultSchedule schedule = firstN(1, failure);
    schedule.m_mode = Mode::NextOnly;
    return schedule;
}

FaultSchedule FaultSchedule::firstN(int count, FaultCase failure)
{
    FaultSchedule schedule;
    schedule.m_mode = Mode::FirstN;
    schedule.m_failure = failure;
    schedule.m_remaining = std::max(count, 0);
    return schedule;
}

FaultSchedule FaultSchedule::randomPercent(int percent, FaultCase failure, std::optional<quint32> seed)
{
    FaultSchedule schedule;
    schedule.m_mode = Mode::RandomPercent;
    schedule.m_failure = failure;
    schedule.m_percent = std::clamp(percent, 0, 100);
    schedule.m_random.seed(seed.value_or(QRandomGenerator::global()->generate()));
    return schedule;
}

FaultCase FaultSchedule::next()
{
    switch (m_mode) {
    case Mode::Never:
        return FaultCase::Pass;
    case Mode::NextOnly:
    case Mode::FirstN:
        if (m_remaining <= 0)
            return FaultCase::Pass;
        --m_remaining;
        return m_failure;
    case Mode::RandomPercent:
        return int(m_random.bounded(100)) < m_percent ? m_failure : FaultCase::Pass;
    }
    return FaultCase::Pass;
}
