// Every problem code has a plain sentence; no code name or JSON leaks; a lost answer on Send
// tells the truth about the money.
#include "app/client/messages/ProblemMessages.h"

#include <QTest>

class TestProblemMessages : public QObject
{
    Q_OBJECT
private slots:
    void everyCodeHasAPlainSentence()
    {
        QSet<QString> sentences;
        const QList<ProblemCode> codes = ProblemCodes::all();
        for (const ProblemCode code : codes) {
            const QString name = ProblemCodes::toString(code);
            QVERIFY2(ProblemCodes::fromString(name) == code, qPrintable(name));
            const QString sentence = ProblemMessages::forCode(code);
            QVERIFY2(sentence.size() > 20, qPrintable(name));
            QVERIFY2(sentence.endsWith(u'.'), qPrintable(sentence));
            QVERIFY2(!sentence.contains(name), qPrintable(sentence));
            QVERIFY2(!sentence.contains(u'{') && !sentence.contains(u'_'), qPrintable(sentence));
            sentences.insert(sentence);
        }
        // Some codes share a sentence on purpose (five kinds of unreadable request), not most.
        QVERIFY(sentences.size() >= 18);
    }

    void insufficientFundsSaysNothingMoved()
    {
        const QString sentence = ProblemMessages::forCode(ProblemCode::InsufficientFunds);
        QVERIFY(sentence.contains(QStringLiteral("not enough money")));
        QVERIFY(sentence.contains(QStringLiteral("Nothing was moved")));
    }

    void aLostAnswerOnSendSaysItMayHaveHappened_data()
    {
        QTest::addColumn<int>("kind");
        QTest::newRow("no answer") << int(ApiFailure::Kind::NoAnswer);
        QTest::newRow("unreadable answer") << int(ApiFailure::Kind::UnreadableAnswer);
    }
    void aLostAnswerOnSendSaysItMayHaveHappened()
    {
        QFETCH(int, kind);
        const ApiFailure failure = kind == int(ApiFailure::Kind::NoAnswer)
            ? ApiFailure::noAnswer(QStringLiteral("Connection refused"))
            : ApiFailure::unreadable(502, QStringLiteral("<html>"));
        const QString sentence = ProblemMessages::forTransfer(failure);
        QVERIFY(sentence.contains(QStringLiteral("may or may not have happened")));
        QVERIFY(sentence.contains(QStringLiteral("Retrying is safe")));
        QVERIFY(sentence.contains(QStringLiteral("same key")));
        QVERIFY(!sentence.contains(failure.diagnostic));
    }

    void anUntrustedCertificateIsCalledWhatItIs()
    {
        const ApiFailure failure = ApiFailure::secureConnectionFailed(
            QStringLiteral("SSL handshake failed"), {QStringLiteral("The certificate is self-signed, and untrusted")});
        for (const QString &sentence : {ProblemMessages::forFailure(failure), ProblemMessages::forTransfer(failure)}) {
            QVERIFY2(sentence.startsWith(
                         QStringLiteral("The bank's certificate is not trusted: The certificate is self-signed, "
                                        "and untrusted.")),
                     qPrintable(sentence));
            QVERIFY2(!sentence.contains(QStringLiteral("could not be reached")), qPrintable(sentence));
            QVERIFY2(!sentence.contains(QStringLiteral("may or may not")), qPrintable(sentence));
        }
        const QString transfer = ProblemMessages::forTransfer(failure);
        QVERIFY(transfer.contains(QStringLiteral("no money moved")));
        QVERIFY(transfer.contains(QStringLiteral("keeps its key")));
        // A handshake that failed for another reason says so, without blaming a certificate.
        const QString other = ProblemMessages::forFailure(
            ApiFailure::secureConnectionFailed(QStringLiteral("wrong version number"), {}));
        QVERIFY2(other.startsWith(
                     QStringLiteral("A secure connection to the bank could not be set up: wrong version number.")),
                 qPrintable(other));
    }

    void otherCallsSayTheServerIsUnreachable()
    {
        const QString sentence
            = ProblemMessages::forFailure(ApiFailure::noAnswer(QStringLiteral("Connection refused")));
        QVERIFY(sentence.contains(QStringLiteral("could not be reached")));
        QVERIFY(!sentence.contains(QStringLiteral("Connection refused")));
    }
};

QTEST_GUILESS_MAIN(TestProblemMessages)
#include "tst_problemmessages.moc"
