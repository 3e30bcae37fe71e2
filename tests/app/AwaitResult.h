#pragma once

#include "ApiClient.h"

#include <QTest>

#include <optional>

// Runs one asynchronous ApiClient call and waits (processing events) for its answer.
// `start` receives the callback to pass to the call; nullopt if no answer came in time.
template <typename T, typename Start>
std::optional<ApiResult<T>> awaitResult(Start start, int timeoutMs = 20'000)
{
    std::optional<ApiResult<T>> result;
    start([&result](const ApiResult<T> &answer) { result = answer; });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, timeoutMs))
        return std::nullopt;
    return result;
}

template <typename Start>
std::optional<TransferAttempt> awaitAttempt(Start start, int timeoutMs = 20'000)
{
    std::optional<TransferAttempt> attempt;
    start([&attempt](const TransferAttempt &answer) { attempt = answer; });
    if (!QTest::qWaitFor([&attempt] { return attempt.has_value(); }, timeoutMs))
        return std::nullopt;
    return attempt;
}
