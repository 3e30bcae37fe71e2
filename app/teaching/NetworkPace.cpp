#include "app/teaching/NetworkPace.h"

#include <QLocale>

QList<NetworkPace::Speed> NetworkPace::all() { return {Speed::Full, Speed::Half, Speed::Quarter, Speed::Step}; }

int NetworkPace::hopDelayMs() const
{
    switch (speed) {
    case Speed::Half:
        return kHalfSpeedHopMs;
    case Speed::Quarter:
        return 2 * kHalfSpeedHopMs;
    case Speed::Full:
    case Speed::Step:
        break;
    }
    return 0;
}

QString NetworkPace::label() const
{
    const QString seconds = QLocale().toString(hopDelayMs() / 1000.0, 'g', 2);
    switch (speed) {
    case Speed::Full:
        return tr("1×");
    case Speed::Half:
        return tr("½× (%1 s per hop)").arg(seconds);
    case Speed::Quarter:
        return tr("¼× (%1 s per hop)").arg(seconds);
    case Speed::Step:
        return tr("step (Next)");
    }
    return {};
}
