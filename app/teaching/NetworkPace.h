#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

// How fast the simulated network delivers transfer requests and their answers: at full speed, in
// slow motion (each waits at every hop where the proxy can hold it, FaultHop), or one hop per
// "Next" (step mode). A value; SimulatedNetwork puts it into effect in the proxy.
struct NetworkPace
{
    Q_DECLARE_TR_FUNCTIONS(NetworkPace)
public:
    enum class Speed { Full, Half, Quarter, Step };

    Speed speed = Speed::Full;

    // ½×: loopback delivers in about a millisecond, so "half speed" is a wait per hop that a class
    // can follow; ¼× waits twice as long.
    static constexpr int kHalfSpeedHopMs = 500;

    // In the order of the speed control.
    static QList<Speed> all();
    int hopDelayMs() const;
    bool stepping() const { return speed == Speed::Step; }
    // "1×", "½× (0.5 s per hop)", ...
    QString label() const;

    bool operator==(const NetworkPace &other) const = default;
};
