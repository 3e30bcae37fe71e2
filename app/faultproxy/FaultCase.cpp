#include "app/faultproxy/FaultCase.h"

#include <array>

namespace {
constexpr std::array kCases{FaultCase::Pass, FaultCase::DropRequest, FaultCase::CutDuringProcessing,
                            FaultCase::DropResponse};
}

namespace FaultCases {

QString toString(FaultCase failure)
{
    switch (failure) {
    case FaultCase::Pass:
        return QStringLiteral("pass");
    case FaultCase::DropRequest:
        return QStringLiteral("drop_request");
    case FaultCase::CutDuringProcessing:
        return QStringLiteral("cut_during_processing");
    case FaultCase::DropResponse:
        return QStringLiteral("drop_response");
    }
    return {};
}

std::optional<FaultCase> fromString(const QString &name)
{
    for (const FaultCase failure : kCases) {
        if (toString(failure) == name)
            return failure;
    }
    return std::nullopt;
}

} // namespace FaultCases
