#include "server/reliability/FaultPoints.h"

#include <QByteArray>

#include <csignal>
#include <cstdio>
#include <cstdlib>

namespace {

constexpr FaultPoint kAllPoints[] = {FaultPoint::BeforeCommit, FaultPoint::AfterCommit, FaultPoint::DuringKeyIssue,
                                     FaultPoint::OccurrenceBeforeCommit, FaultPoint::OccurrenceAfterCommit};

std::optional<FaultPoint> readEnvironment()
{
    const QByteArray value = qgetenv("BANK_FAULT_POINT");
    if (value.isEmpty())
        return std::nullopt;
    for (const FaultPoint point : kAllPoints) {
        if (value == FaultPoints::name(point).toLatin1()) {
            std::fprintf(stderr, "bank-server: fault point %s is armed (test only)\n", value.constData());
            return point;
        }
    }
    std::fprintf(stderr, "bank-server: ignoring unknown BANK_FAULT_POINT \"%s\"\n", value.constData());
    return std::nullopt;
}

} // namespace

namespace FaultPoints {

QString name(FaultPoint point)
{
    switch (point) {
    case FaultPoint::BeforeCommit:
        return QStringLiteral("before_commit");
    case FaultPoint::AfterCommit:
        return QStringLiteral("after_commit");
    case FaultPoint::DuringKeyIssue:
        return QStringLiteral("during_key_issue");
    case FaultPoint::OccurrenceBeforeCommit:
        return QStringLiteral("occurrence_before_commit");
    case FaultPoint::OccurrenceAfterCommit:
        return QStringLiteral("occurrence_after_commit");
    }
    return {};
}

std::optional<FaultPoint> armed()
{
    static const std::optional<FaultPoint> point = readEnvironment();
    return point;
}

int holdBeforeCommitMs()
{
    bool ok = false;
    const int ms = qEnvironmentVariableIntValue("BANK_HOLD_BEFORE_COMMIT_MS", &ok);
    if (!ok || ms <= 0)
        return 0;
    std::fprintf(stderr, "bank-server: transfers are held %d ms before commit (test only)\n", ms);
    return ms;
}

void dieIfArmed(FaultPoint point)
{
    if (armed() != point)
        return;
    std::fprintf(stderr, "bank-server: fault point %s reached; dying now\n", qPrintable(name(point)));
    std::raise(SIGKILL);
    std::_Exit(128 + SIGKILL); // not reached: SIGKILL cannot be caught
}

} // namespace FaultPoints
