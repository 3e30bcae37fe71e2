#pragma once

#include "shared/core/Problem.h"

#include <utility>
#include <variant>

// Errors are values at the boundaries: a Result carries either a value or the Problem that
// the HTTP layer turns into an application/problem+json body.
template <typename T>
class Result
{
public:
    Result(T value) : m_state(std::move(value)) {}
    Result(Problem problem) : m_state(std::move(problem)) {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return std::get<T>(m_state); }
    T &value() & { return std::get<T>(m_state); }
    T &&value() && { return std::get<T>(std::move(m_state)); }
    const T &operator*() const & { return value(); }
    const T *operator->() const { return &value(); }

    const Problem &problem() const { return std::get<Problem>(m_state); }

private:
    std::variant<T, Problem> m_state;
};
