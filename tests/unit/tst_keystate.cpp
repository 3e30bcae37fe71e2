#include "server/idempotency/KeyState.h"
#include "server/idempotency/RequestDigest.h"

#include "shared/json/CanonicalJson.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <optional>

Q_DECLARE_METATYPE(std::optional<StoredKey>)

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
    static KeyState::Decision decide(const std::optional<StoredKey> &key, qint64 caller = 7,
                                     const char *op = "transfer", const QByteArray &fp = "fp", qint64 now = kNow,
                                     bool clientKeys = false)
    {
        return KeyState::decide(key, caller, QString::fromLatin1(op), fp, {}, now, clientKeys);
    }
    static StoredKey abandonedKey()
    {
        StoredKey key = unusedKey();
        key.expiredAt = kNow;
        key.abandonedAt = kNow;
        return key;
    }
    static QJsonObject body(qint64 amount, const QJsonValue &memo = QJsonValue::Undefined)
    {
        QJsonObject o{{QStringLiteral("from_account"), QStringLiteral("acc_a")},
                      {QStringLiteral("to_account"), QStringLiteral("acc_b")},
                      {QStringLiteral("amount"), amount},
                      {QStringLiteral("currency"), QStringLiteral("USD")}};
        if (!memo.isUndefined())
            o.insert(QStringLiteral("memo"), memo);
        return o;
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

    // Only the fingerprint decides; the digest names what differs, by member, never by value.
    void aReusedKeyNamesWhatDiffers_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("path");
        QTest::addColumn<QJsonObject>("request");
        QTest::addColumn<QStringList>("differs");
        QTest::newRow("amount") << QByteArray("POST") << QByteArray("/v1/transfers") << body(101)
                                << QStringList{QStringLiteral("amount")};
        QTest::newRow("amount and memo") << QByteArray("POST") << QByteArray("/v1/transfers")
                                         << body(101, QStringLiteral("rent"))
                                         << QStringList{QStringLiteral("amount"), QStringLiteral("memo")};
        QTest::newRow("memo null, not absent") << QByteArray("POST") << QByteArray("/v1/transfers")
                                               << body(100, QJsonValue::Null) << QStringList{QStringLiteral("memo")};
        QTest::newRow("method and path") << QByteArray("PUT") << QByteArray("/v1/other") << body(100)
                                         << QStringList{QStringLiteral("method"), QStringLiteral("path")};
        QTest::newRow("nothing but the fingerprint")
            << QByteArray("POST") << QByteArray("/v1/transfers") << body(100) << QStringList{};
    }
    void aReusedKeyNamesWhatDiffers()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, path);
        QFETCH(QJsonObject, request);
        QFETCH(QStringList, differs);
        StoredKey key = completedKey();
        key.requestDigest = RequestDigest::of("POST", "/v1/transfers", body(100));
        QVERIFY(!key.requestDigest.contains("100")); // a hash per member, not the value
        const auto decision = KeyState::decide(key, 7, QStringLiteral("transfer"), "other",
                                               RequestDigest::of(method, path, request), kNow, false);
        QCOMPARE(decision.kind, Kind::Reject);
        QCOMPARE(decision.problem.code, ProblemCode::IdempotencyKeyReused);
        QCOMPARE(decision.problem.differs, differs);
        QCOMPARE(decision.problem.toJson().contains(QLatin1String("differs")), !differs.isEmpty());
    }

    // The digest is the text Qt wrote for it as a QJsonObject (as keys completed before hold it):
    // a hash of each body member's canonical JSON, of the method and of the path.
    void theDigestIsTheJsonObjectQtWrites()
    {
        const auto hash = [](QByteArrayView bytes) {
            return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).first(8).toHex());
        };
        QJsonObject odd = body(100, QStringLiteral("\"rent\" \u00fc\U0001F600"));
        odd.insert(QStringLiteral("\u00e4 \"name\"\t"), QJsonArray{1, QJsonObject{{QStringLiteral("b"), true}}});
        for (const QJsonObject &request : {QJsonObject(), body(1), odd}) {
            QJsonObject members;
            for (auto it = request.begin(); it != request.end(); ++it)
                members.insert(it.key(), hash(CanonicalJson::serialize(it.value())));
            const QJsonObject expected{{QStringLiteral("body"), members},
                                       {QStringLiteral("method"), hash("POST")},
                                       {QStringLiteral("path"), hash("/v1/transfers")}};
            QCOMPARE(RequestDigest::of("POST", "/v1/transfers", request),
                     QJsonDocument(expected).toJson(QJsonDocument::Compact));
        }
    }

    // A key completed before digests were kept cannot say what differs, and does not guess.
    void aKeyWithoutADigestNamesNothing()
    {
        const auto decision = KeyState::decide(completedKey(), 7, QStringLiteral("transfer"), "other",
                                               RequestDigest::of("POST", "/v1/transfers", body(1)), kNow, false);
        QCOMPARE(decision.problem.code, ProblemCode::IdempotencyKeyReused);
        QVERIFY(decision.problem.differs.isEmpty());
    }

    // Abandoned is final: no clock, no fingerprint and no client-key registration revives it.
    void anAbandonedKeyIsRefusedForGood()
    {
        for (const qint64 now : {kNow, kNow + 1000, kNow + 5000}) {
            const auto decision = decide(abandonedKey(), 7, "transfer", "fp", now, true);
            QCOMPARE(decision.kind, Kind::Reject);
            QCOMPARE(decision.problem.code, ProblemCode::IdempotencyKeyAbandoned);
            QCOMPARE(KeyState::status(abandonedKey(), now), KeyState::Status::Abandoned);
        }
    }

    void abandonment_data()
    {
        QTest::addColumn<std::optional<StoredKey>>("key");
        QTest::addColumn<qint64>("caller");
        QTest::addColumn<qint64>("now");
        QTest::addColumn<bool>("inFlight");
        QTest::addColumn<KeyState::Abandonment::Kind>("kind");
        QTest::addColumn<ProblemCode>("code");
        using A = KeyState::Abandonment::Kind;
        StoredKey expired = unusedKey();
        expired.expiredAt = kNow + 1000;
        const ProblemCode none = ProblemCode::InternalError;
        QTest::newRow("unused") << std::optional(unusedKey()) << qint64(7) << kNow << false << A::Abandon << none;
        QTest::newRow("lapsed, not settled")
            << std::optional(unusedKey()) << qint64(7) << kNow + 1000 << false << A::Abandon << none;
        QTest::newRow("abandoned already")
            << std::optional(abandonedKey()) << qint64(7) << kNow << false << A::Unusable << none;
        QTest::newRow("expired") << std::optional(expired) << qint64(7) << kNow + 2000 << false << A::Unusable << none;
        QTest::newRow("completed") << std::optional(completedKey()) << qint64(7) << kNow << false << A::Reject
                                   << ProblemCode::IdempotencyKeyCompleted;
        QTest::newRow("completed, in flight") << std::optional(completedKey()) << qint64(7) << kNow << true << A::Reject
                                              << ProblemCode::IdempotencyKeyCompleted;
        QTest::newRow("in flight") << std::optional(unusedKey()) << qint64(7) << kNow << true << A::Reject
                                   << ProblemCode::IdempotencyKeyInUse;
        QTest::newRow("unknown") << std::optional<StoredKey>() << qint64(7) << kNow << false << A::Reject
                                 << ProblemCode::NotFound;
        QTest::newRow("another user's") << std::optional(unusedKey()) << qint64(8) << kNow << false << A::Reject
                                        << ProblemCode::NotFound;
    }
    void abandonment()
    {
        QFETCH(std::optional<StoredKey>, key);
        QFETCH(qint64, caller);
        QFETCH(qint64, now);
        QFETCH(bool, inFlight);
        QFETCH(KeyState::Abandonment::Kind, kind);
        QFETCH(ProblemCode, code);
        const auto decision = KeyState::decideAbandonment(key, caller, now, inFlight);
        QCOMPARE(decision.kind, kind);
        if (kind == KeyState::Abandonment::Kind::Reject)
            QCOMPARE(decision.problem.code, code);
    }

    void statusNames()
    {
        QCOMPARE(KeyState::statusName(KeyState::status(unusedKey(), kNow)), QStringLiteral("unused"));
        QCOMPARE(KeyState::statusName(KeyState::status(completedKey(), kNow)), QStringLiteral("completed"));
        QCOMPARE(KeyState::statusName(KeyState::Status::Expired), QStringLiteral("expired"));
        QCOMPARE(KeyState::statusName(KeyState::Status::Lapsed), QStringLiteral("unused"));
        QCOMPARE(KeyState::statusName(KeyState::status(abandonedKey(), kNow)), QStringLiteral("abandoned"));
        for (const auto s : {KeyState::Status::Unused, KeyState::Status::Completed, KeyState::Status::Expired,
                             KeyState::Status::Abandoned})
            QCOMPARE(KeyState::statusNamed(KeyState::statusName(s)), std::optional(s));
        QVERIFY(!KeyState::statusNamed(QStringLiteral("lapsed")));
    }
};

QTEST_GUILESS_MAIN(TestKeyState)
#include "tst_keystate.moc"
