#pragma once

#include "app/client/transport/ApiFailure.h"

#include <utility>
#include <variant>

// The client's Result: a value or the ApiFailure saying why not. The shared Result<T> carries
// only a Problem, which the server always has; a client also has to say "no answer arrived".
template <typename T>
class ApiResult
{
public:
    ApiResult(T value) : m_state(std::move(value)) {}
    ApiResult(ApiFailure failure) : m_state(std::move(failure)) {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T &value() const { return std::get<T>(m_state); }
    const T *operator->() const { return &value(); }
    const ApiFailure &failure() const { return std::get<ApiFailure>(m_state); }

private:
    std::variant<T, ApiFailure> m_state;
};
