#include "idempotency/KeyState.h"

#include <QTest>

using Kind = KeyState::Decision::Kind;

class TestKeyState : public QObject
{
    Q_OBJECT
private:
    static constexpr qint64 kNow = 1'000'000;
    static StoredKey unusedKey()
    {
        StoredKey key;
        key.key = QStringLiteral("idk_1");
        key.userId = 7;
        key.operation = QStringLiteral("transfer");
        key.createdAt = kNow - 10;
        key.expiresAt = kNow + 1000;
        return key;
    }
    static StoredKey completedKey()
    {
        StoredKey key = unusedKey();
        key.fingerprint = "fp";
        key.responseStatus = 201;
        key.responseBody = "{}";
        return key;
    }
    static KeyState::Decision decide(const std::optional<StoredKey> &key, qint64 caller = 7, const char *op = "transfer",
                                     const QByteArray &fp = "fp", qint64 now = kNow, bool clientKeys = false)
    {
        return KeyState::decide(key, caller, QString::fromLatin1(op), fp, now, clientKeys);
    }

private slots:
    void unusedKeyProceeds() { QCOMPARE(decide(unusedKey()).kind, Kind::Proceed); }

    void unknownKeyIsRejected()
    {
        const auto decision = decide(std::nullopt);
        QCOMPARE(decision.kind, Kind::Reject);
        QCOMPARE(decision.problem.code, ProblemCode::IdempotencyKeyUnknown);
    }

    void unknownKeyIsRegisteredWithClientKeys()
    {
        QCOMPARE(decide(std::nullopt, 7, "transfer", "fp", kNow, true).kind, Kind::RegisterAndProceed);
    }

    void anotherUsersKeyLooksUnknownEvenWithClientKeys()
    {
        for (bool clientKeys : {false, true}) {
            for (const StoredKey &key : {unusedKey(), completedKey()}) {
                const auto decision = decide(key, 8, "transfer", "fp", kNow, clientKeys);
                QCOMPARE(decision.kind, Kind::Reject);
                QCOMPARE(decision.problem.code, ProblemCode::IdempotencyKeyUnknown);
            }
        }
    }

    void operationMismatchIsRejected()
    {
        const auto decision = decide(unusedKey(), 7, "refund");
        QCOMPARE(decision.problem.code, ProblemCode::IdempotencyKeyOperationMismatch);
    }

    void expiryIsExact()
    {
        QCOMPARE(decide(unusedKey(), 7, "transfer", "fp", kNow + 999).kind, Kind::Proceed);
        QCOMPARE(KeyState::status(unusedKey(), kNow + 999), KeyState::Status::Unused);
        QCOMPARE(KeyState::status(unusedKey(), kNow + 1000), KeyState::Status::Lapsed);
    }

    // The clock alone never says "expired": a lapsed key goes to the writer to be settled.
    void aLapsedKeyIsSettledNotRefused()
    {
        const auto decision = decide(unusedKey(), 7, "transfer", "fp", kNow + 1000);
        QCOMPARE(decision.kind, Kind::Expire);
        QCOMPARE(decision.problem.code, ProblemCode::IdempotencyKeyExpired);
    }

    // Once settled, the key is expired whatever a clock says, e.g. another instance's that is behind.
    void aSettledExpiryHoldsForEveryClock()
    {
        StoredKey expired = unusedKey();
        expired.expiredAt = kNow + 1000;
        for (const qint64 now : {kNow, kNow + 1000, kNow + 5000}) {
            const auto decision = decide(expired, 7, "transfer", "fp", now);
            QCOMPARE(decision.kind, Kind::Reject);
            QCOMPARE(decision.problem.code, ProblemCode::IdempotencyKeyExpired);
            QCOMPARE(KeyState::status(expired, now), KeyState::Status::Expired);
        }
    }

    void completedKeyReplaysTheSameRequest() { QCOMPARE(decide(completedKey()).kind, Kind::Replay); }

    void completedKeyReplaysAfterExpiryUntilPurged()
    {
        QCOMPARE(decide(completedKey(), 7, "transfer", "fp", kNow + 5000).kind, Kind::Replay);
        QCOMPARE(KeyState::status(completedKey(), kNow + 5000), KeyState::Status::Completed);
    }

    void completedKeyRejectsADifferentRequest()
    {
        const auto decision = decide(completedKey(), 7, "transfer", "other");
        QCOMPARE(decision.kind, Kind::Reject);
        QCOMPARE(decision.problem.code, ProblemCode::IdempotencyKeyReused);
    }

    void statusNames()
    {
        QCOMPARE(KeyState::statusName(KeyState::status(unusedKey(), kNow)), QStringLiteral("unused"));
        QCOMPARE(KeyState::statusName(KeyState::status(completedKey(), kNow)), QStringLiteral("completed"));
        QCOMPARE(KeyState::statusName(KeyState::Status::Expired), QStringLiteral("expired"));
        QCOMPARE(KeyState::statusName(KeyState::Status::Lapsed), QStringLiteral("unused"));
    }
};

QTEST_GUILESS_MAIN(TestKeyState)
#include "tst_keystate.moc"
