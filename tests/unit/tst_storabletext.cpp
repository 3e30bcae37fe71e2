// StorableText: which text every store keeps exactly as sent, code point by code point.
#include "shared/core/StorableText.h"

#include <QTest>

using Flaw = StorableText::Flaw;

class TestStorableText : public QObject
{
    Q_OBJECT
private slots:
    void findsTheFirstFlaw_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<Flaw>("flaw");
        QTest::newRow("empty") << QString() << Flaw::None;
        QTest::newRow("ASCII") << QStringLiteral("acc_1f9c0175308943f5") << Flaw::None;
        QTest::newRow("accents, CJK, right-to-left")
            << QStringLiteral("caf\u00e9 \u65e5\u672c \u0645\u0631") << Flaw::None;
        QTest::newRow("emoji (a surrogate pair)") << QStringLiteral("\U0001F600") << Flaw::None;
        QTest::newRow("unassigned U+0A00") << QStringLiteral("\u0a00\u0d00") << Flaw::None;
        QTest::newRow("replacement character") << QStringLiteral("\ufffd") << Flaw::None;
        QTest::newRow("word joiner") << QStringLiteral("a\u2060b") << Flaw::None;
        QTest::newRow("line separator") << QStringLiteral("a\u2028b") << Flaw::None;
        QTest::newRow("NUL") << QStringLiteral("a") + QChar(u'\0') << Flaw::ControlCharacter;
        QTest::newRow("tab") << QStringLiteral("a\tb") << Flaw::ControlCharacter;
        QTest::newRow("DEL") << QStringLiteral("a\u007fb") << Flaw::ControlCharacter;
        QTest::newRow("C1 NEL") << QStringLiteral("a\u0085b") << Flaw::ControlCharacter;
        QTest::newRow("U+FEFF first") << QStringLiteral("\ufeffalice") << Flaw::ByteOrderMark;
        QTest::newRow("U+FEFF inside") << QStringLiteral("al\ufeffice") << Flaw::ByteOrderMark;
        QTest::newRow("U+FFFE first") << QStringLiteral("\ufffe\u6100") << Flaw::Noncharacter;
        QTest::newRow("U+FFFF") << QStringLiteral("a\uffff") << Flaw::Noncharacter;
        QTest::newRow("U+FDD0") << QStringLiteral("\ufdd0") << Flaw::Noncharacter;
        QTest::newRow("U+1FFFE (a surrogate pair)") << QStringLiteral("a\U0001FFFE") << Flaw::Noncharacter;
        QTest::newRow("U+10FFFF") << QStringLiteral("\U0010FFFF") << Flaw::Noncharacter;
        QTest::newRow("lone high surrogate") << QString(QChar(0xd83d)) << Flaw::UnpairedSurrogate;
        QTest::newRow("lone low surrogate") << QStringLiteral("a") + QChar(0xde00) << Flaw::UnpairedSurrogate;
        QTest::newRow("reversed pair") << QString(QChar(0xde00)) + QChar(0xd83d) << Flaw::UnpairedSurrogate;
        QTest::newRow("the first flaw counts") << QStringLiteral("\ufffe\t") << Flaw::Noncharacter;
    }
    void findsTheFirstFlaw()
    {
        QFETCH(QString, text);
        QFETCH(Flaw, flaw);
        QCOMPARE(StorableText::firstFlaw(text), flaw);
        QCOMPARE(StorableText::isStorable(text), flaw == Flaw::None);
    }

    void refusalNamesTheField()
    {
        QVERIFY(!StorableText::refusal(u"memo", u"rent").has_value());
        const auto refused = StorableText::refusal(u"memo", u"\ufeffrent");
        QVERIFY(refused.has_value());
        QCOMPARE(refused->code, ProblemCode::ValidationFailed);
        QCOMPARE(refused->detail, QStringLiteral("memo: U+FEFF (byte order mark) is not allowed"));
        const auto nul = StorableText::refusal(QLatin1String("to_account"), QStringLiteral("a") + QChar(u'\0'));
        QVERIFY(nul.has_value());
        QCOMPARE(nul->detail, QStringLiteral("to_account: control characters are not allowed"));
    }
};

QTEST_GUILESS_MAIN(TestStorableText)
#include "tst_storabletext.moc"
