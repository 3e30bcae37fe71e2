#pragma once

#include "shared/core/Problem.h"

#include <QString>
#include <QStringList>

#include <optional>

// Why a call to the bank produced no value. Either the server answered with a problem (its
// stable code says what happened), or no answer that could be understood arrived; then what the
// server did is unknown, which matters for a transfer: it may or may not have happened.
struct ApiFailure
{
    enum class Kind {
        Problem,          // the server answered with application/problem+json
        NoAnswer,         // connection refused, reset, timed out: no HTTP response
        UnreadableAnswer, // an HTTP response this client cannot read (not the API's JSON)
        NotSent,          // refused before sending: the request would have broken the contract
        // The TLS handshake failed (an untrusted or wrong certificate, most often): the request
        // never reached the bank, and sending it again would only meet the same certificate.
        SecureConnectionFailed,
    };

    Kind kind = Kind::NoAnswer;
    Problem problem;    // Kind::Problem
    int httpStatus = 0; // 0 without an HTTP response
    std::optional<int> retryAfterSeconds;
    QString diagnostic; // transport error or parse error, for logs and tooltips, never the message
    // Kind::SecureConnectionFailed: what was wrong with the bank's certificate, as Qt's TLS backend
    // says it (QSslError::errorString); empty when the handshake failed for another reason.
    QStringList certificateErrors;

    static ApiFailure fromProblem(Problem problem, int httpStatus, std::optional<int> retryAfterSeconds = {});
    static ApiFailure noAnswer(QString diagnostic);
    static ApiFailure unreadable(int httpStatus, QString diagnostic);
    static ApiFailure notSent(QString diagnostic);
    static ApiFailure secureConnectionFailed(QString diagnostic, QStringList certificateErrors);

    bool isProblem(ProblemCode code) const { return kind == Kind::Problem && problem.code == code; }
    // True when the request reached the network but no readable answer came back.
    bool outcomeUnknown() const { return kind == Kind::NoAnswer || kind == Kind::UnreadableAnswer; }
};
