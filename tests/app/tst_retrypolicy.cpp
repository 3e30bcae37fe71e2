// RetryPolicy on its own, with an injected random source: what is retried, the backoff with full
// jitter (base 250 ms, cap 4 s, at most 6 attempts), and Retry-After.
#include "app/client/transfer/RetryPolicy.h"

#include <QSet>
#include <QTest>

namespace {

ApiFailure problem(ProblemCode code, std::optional<int> retryAfter = {})
{
    return ApiFailure::fromProblem(Problem(code, QStringLiteral("x")), ProblemCodes::httpStatus(code), retryAfter);
}

RetryPolicy withRandom(double value)
{
    return RetryPolicy({}, [value] { return value; });
}

} // namespace

class TestRetryPolicy : public QObject
{
    Q_OBJECT
private slots:
    void defaultsAreTheDocumentedOnes()
    {
        const RetryPolicy policy;
        QCOMPARE(policy.settings().baseDelayMs, 250);
        QCOMPARE(policy.settings().maxDelayMs, 4000);
        QCOMPARE(policy.settings().maxAttempts, 6);
    }

    void retriesOnlyWhatARetryCanCure_data()
    {
        QTest::addColumn<ApiFailure>("failure");
        QTest::addColumn<bool>("retryable");
        QTest::newRow("no answer") << ApiFailure::noAnswer(QStringLiteral("Connection closed")) << true;
        QTest::newRow("409 in use") << problem(ProblemCode::IdempotencyKeyInUse, 1) << true;
        QTest::newRow("503 storage") << problem(ProblemCode::StorageUnavailable, 1) << true;
        QTest::newRow("503 outcome unknown") << problem(ProblemCode::StorageOutcomeUnknown, 1) << true;
        QTest::newRow("503 service") << problem(ProblemCode::ServiceUnavailable) << true;
        QTest::newRow("503 without problem+json") << ApiFailure::unreadable(503, QStringLiteral("html")) << true;
        QTest::newRow("502 without problem+json") << ApiFailure::unreadable(502, QStringLiteral("html")) << false;
        QTest::newRow("400 validation") << problem(ProblemCode::ValidationFailed) << false;
        QTest::newRow("401") << problem(ProblemCode::Unauthenticated) << false;
        QTest::newRow("403") << problem(ProblemCode::Forbidden) << false;
        QTest::newRow("422 insufficient funds") << problem(ProblemCode::InsufficientFunds) << false;
        QTest::newRow("422 key reused") << problem(ProblemCode::IdempotencyKeyReused) << false;
        QTest::newRow("422 key expired") << problem(ProblemCode::IdempotencyKeyExpired) << false;
        QTest::newRow("429 even with Retry-After") << problem(ProblemCode::TooManyRequests, 1) << false;
        QTest::newRow("500") << problem(ProblemCode::InternalError) << false;
        QTest::newRow("not sent") << ApiFailure::notSent(QStringLiteral("no key")) << false;
        QTest::newRow("untrusted certificate") << ApiFailure::secureConnectionFailed(
            QStringLiteral("SSL handshake failed"), {QStringLiteral("self-signed")})
                                               << false;
    }
    void retriesOnlyWhatARetryCanCure()
    {
        QFETCH(ApiFailure, failure);
        QFETCH(bool, retryable);
        QCOMPARE(RetryPolicy::isRetryable(failure), retryable);
        QCOMPARE(withRandom(0.5).delayBeforeRetry(1, failure).has_value(), retryable);
    }

    void ceilingDoublesUpToTheCap()
    {
        const RetryPolicy policy;
        const QList<int> expected{250, 500, 1000, 2000, 4000, 4000, 4000};
        for (int attempts = 1; attempts <= expected.size(); ++attempts)
            QCOMPARE(policy.ceilingMs(attempts), expected.at(attempts - 1));
        QCOMPARE(policy.ceilingMs(1000), 4000); // no overflow far out
    }

    void fullJitterSpansZeroToTheCeiling()
    {
        const ApiFailure lost = ApiFailure::noAnswer({});
        QCOMPARE(*withRandom(0.0).delayBeforeRetry(1, lost), 0);
        QCOMPARE(*withRandom(0.5).delayBeforeRetry(1, lost), 125);
        QCOMPARE(*withRandom(0.75).delayBeforeRetry(3, lost), 750);
        QCOMPARE(*withRandom(0.5).delayBeforeRetry(5, lost), 2000);
        // A sequence of draws, as the flow would make them (binary fractions: exact products).
        QList<double> draws{0.125, 0.875, 0.375, 0.625, 0.25};
        qsizetype next = 0;
        const RetryPolicy policy({}, [&] { return draws.at(next++); });
        QList<int> delays;
        for (int attempts = 1; attempts <= 5; ++attempts)
            delays.append(*policy.delayBeforeRetry(attempts, lost));
        QCOMPARE(delays, (QList<int>{31, 437, 375, 1250, 1000}));
    }

    void theRealRandomSourceStaysWithinTheCeiling()
    {
        const RetryPolicy policy;
        QSet<int> seen;
        for (int i = 0; i < 200; ++i) {
            const int delay = *policy.delayBeforeRetry(2, ApiFailure::noAnswer({}));
            QVERIFY(delay >= 0 && delay <= 500);
            seen.insert(delay);
        }
        QVERIFY(seen.size() > 20); // jittered, not a constant
    }

    void atMostSixAttemptsInAll()
    {
        const RetryPolicy policy = withRandom(0.5);
        const ApiFailure lost = ApiFailure::noAnswer({});
        for (int attempts = 1; attempts <= 5; ++attempts)
            QVERIFY(policy.delayBeforeRetry(attempts, lost));
        QVERIFY(!policy.delayBeforeRetry(6, lost));
        QVERIFY(!policy.delayBeforeRetry(7, lost));
    }

    void retryAfterIsAFloor()
    {
        const RetryPolicy policy = withRandom(0.0);
        QCOMPARE(*policy.delayBeforeRetry(1, problem(ProblemCode::IdempotencyKeyInUse, 1)), 1000);
        QCOMPARE(*policy.delayBeforeRetry(1, problem(ProblemCode::StorageUnavailable, 3)), 3000);
        // A longer backoff wins over a short Retry-After.
        QCOMPARE(*withRandom(0.875).delayBeforeRetry(5, problem(ProblemCode::IdempotencyKeyInUse, 1)), 3500);
        QCOMPARE(*policy.delayBeforeRetry(1, problem(ProblemCode::IdempotencyKeyInUse, 0)), 0);
    }

    void aRetryAfterLongerThanTheLimitIsLeftToTheUser()
    {
        RetryPolicy::Settings settings;
        settings.maxRetryAfterMs = 5000;
        const RetryPolicy policy(settings, [] { return 0.5; });
        QVERIFY(policy.delayBeforeRetry(1, problem(ProblemCode::ServiceUnavailable, 5)));
        QVERIFY(!policy.delayBeforeRetry(1, problem(ProblemCode::ServiceUnavailable, 6)));
    }

    void settingsAreInjectable()
    {
        const RetryPolicy fast({10, 40, 3, 30'000}, [] { return 1.0; });
        const ApiFailure lost = ApiFailure::noAnswer({});
        QCOMPARE(*fast.delayBeforeRetry(1, lost), 10);
        QCOMPARE(*fast.delayBeforeRetry(2, lost), 20);
        QVERIFY(!fast.delayBeforeRetry(3, lost));
        QCOMPARE(fast.ceilingMs(5), 40);
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
