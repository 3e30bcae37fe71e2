#pragma once

#include "app/client/transport/ApiClient.h"

#include <QTest>

#include <optional>

// Runs one asynchronous ApiClient call and waits (processing events) for its answer.
// `start` receives the callback to pass to the call; nullopt if no answer came in time.
template <typename Answer, typename Start>
std::optional<Answer> awaitAnswer(Start start, int timeoutMs = 20'000)
{
    std::optional<Answer> answer;
    start([&answer](const Answer &given) { answer = given; });
    if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, timeoutMs))
        return std::nullopt;
    return answer;
}

template <typename T, typename Start>
std::optional<ApiResult<T>> awaitResult(Start start, int timeoutMs = 20'000)
{
    return awaitAnswer<ApiResult<T>>(start, timeoutMs);
}

template <typename Start>
std::optional<TransferAttempt> awaitAttempt(Start start, int timeoutMs = 20'000)
{
    return awaitAnswer<TransferAttempt>(start, timeoutMs);
}

struct SignedIn
{
    QList<Account> accounts;
    QList<Payee> payees;
};

// Signs `api` in at `url` as a demo user (base URL and token set) and loads the user's accounts
// and payees; nullopt if a step failed.
inline std::optional<SignedIn> signIn(ApiClient &api, const QUrl &url, const QString &username, const QString &password,
                                      QObject *context)
{
    api.setBaseUrl(url);
    const auto session = awaitResult<SessionInfo>([&](auto done) { api.login(username, password, context, done); });
    if (!session || !session->ok())
        return std::nullopt;
    api.setToken(session->value().token);
    const auto accounts = awaitResult<QList<Account>>([&](auto done) { api.listAccounts(context, done); });
    const auto payees = awaitResult<QList<Payee>>([&](auto done) { api.listPayees(context, done); });
    if (!accounts || !accounts->ok() || !payees || !payees->ok())
        return std::nullopt;
    return SignedIn{accounts->value(), payees->value()};
}
