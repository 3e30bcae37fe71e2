// CompactJsonWriter must write what QJsonDocument writes, byte for byte: a stored answer is
// replayed unchanged, and answers written before it were Qt's.

#include "shared/json/CompactJsonWriter.h"
#include "shared/wire/ApiTypes.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <limits>

namespace {

QByteArray qtText(const QJsonObject &object) { return QJsonDocument(object).toJson(QJsonDocument::Compact); }

QByteArray ourText(const QString &value) { return CompactJsonWriter().member(QLatin1String("s"), value).finish(); }

QByteArray qtText(const QString &value) { return qtText(QJsonObject{{QStringLiteral("s"), value}}); }

} // namespace

class TestCompactJsonWriter : public QObject
{
    Q_OBJECT

private slots:
    void everyCodeUnitAloneIsWrittenAsQtWritesIt()
    {
        for (uint unit = 0; unit <= 0xffff; ++unit) {
            const QString text{QChar(char16_t(unit))};
            QVERIFY2(ourText(text) == qtText(text), qPrintable(QString::number(unit, 16)));
        }
    }

    void surrogatesPairedOrNotAreWrittenAsQtWritesThem()
    {
        const QChar high(char16_t(0xd83d));
        const QChar low(char16_t(0xde00));
        for (const QString &text :
             {QString() + high + low, QString() + low + high, QString() + high, QString() + high + QLatin1Char('a'),
              QString() + high + high + low, QStringLiteral("Miete f\u00fcr M\u00e4rz \u20ac ") + high + low}) {
            QCOMPARE(ourText(text), qtText(text));
        }
    }

    void mixedTextIsWrittenAsQtWritesIt()
    {
        const char16_t pool[]
            = {u'a', u'Z',  u'0',  u' ',   u'"',   u'\\',  u'/',   u'\n',  u'\t',  0x01,   0x1f,   0x7f,  0x80,
               0xe9, 0x7ff, 0x800, 0x20ac, 0x2028, 0xfeff, 0xfffe, 0xffff, 0xd800, 0xdbff, 0xdc00, 0xdfff};
        QRandomGenerator random(20261207);
        for (int round = 0; round < 5000; ++round) {
            QString text;
            const int length = random.bounded(24);
            for (int i = 0; i < length; ++i)
                text += QChar(pool[random.bounded(int(std::size(pool)))]);
            QVERIFY2(ourText(text) == qtText(text), qPrintable(QString::fromLatin1(qtText(text).toPercentEncoding())));
        }
    }

    void integersAreWrittenAsQtWritesThem()
    {
        for (const qint64 value : {qint64(0), qint64(-1), qint64(1250), qint64(9'007'199'254'740'993),
                                   std::numeric_limits<qint64>::max(), std::numeric_limits<qint64>::min()}) {
            QCOMPARE(CompactJsonWriter().member(QLatin1String("n"), value).finish(),
                     qtText(QJsonObject{{QStringLiteral("n"), value}}));
        }
    }

    void severalMembersAreSeparatedAsInQtsText()
    {
        QCOMPARE(CompactJsonWriter().finish(), qtText(QJsonObject()));
        QCOMPARE(CompactJsonWriter()
                     .member(QLatin1String("a"), qint64(1))
                     .member(QLatin1String("b"), QStringLiteral("x"))
                     .member(QLatin1String("c"), QString())
                     .finish(),
                 qtText(QJsonObject{{QStringLiteral("a"), 1},
                                    {QStringLiteral("b"), QStringLiteral("x")},
                                    {QStringLiteral("c"), QString()}}));
    }

    void objectsWithinAndEscapedNamesAreWrittenAsQtWritesThem()
    {
        const QString oddName = QStringLiteral("\"na\\me\"\n\u00fc\U0001F600") + QChar(0xDC00);
        QCOMPARE(CompactJsonWriter().beginObject(QLatin1String("a")).endObject().finish(),
                 qtText(QJsonObject{{QStringLiteral("a"), QJsonObject()}}));
        QCOMPARE(CompactJsonWriter()
                     .beginObject(QLatin1String("body"))
                     .member(oddName, QStringLiteral("1"))
                     .member(QStringLiteral("zz"), QStringLiteral("2"))
                     .endObject()
                     .member(QLatin1String("method"), QStringLiteral("3"))
                     .finish(),
                 qtText(QJsonObject{
                     {QStringLiteral("body"),
                      QJsonObject{{oddName, QStringLiteral("1")}, {QStringLiteral("zz"), QStringLiteral("2")}}},
                     {QStringLiteral("method"), QStringLiteral("3")}}));
    }

    void aTransfersBytesAreThoseOfItsJsonObject()
    {
        Transfer transfer;
        transfer.id = QStringLiteral("tr_c2d5769a4e531aba1c142750");
        transfer.fromAccount = QStringLiteral("acc_8b073cf32c528b47");
        transfer.toAccount = QStringLiteral("acc_f586b56d03741421");
        transfer.amount = 1250;
        transfer.currency = QStringLiteral("USD");
        transfer.createdAt = QStringLiteral("2026-12-05T20:37:03.752+00:00");
        transfer.idempotencyKey = QStringLiteral("idk_0d8f0b816f5a13e15859145738dfe2ab");
        for (const QString &memo :
             {QString(), QStringLiteral("lunch"), QStringLiteral("\"Miete\"\n\u00fcber \\ \U0001F600")}) {
            transfer.memo = memo;
            QCOMPARE(transfer.toJsonBytes(), qtText(transfer.toJson()));
        }
    }

    // Every shape the key endpoints answer with: unused, completed with and without a transfer
    // (transfer_id null), with its replays, and with text that needs escaping.
    void aKeysBytesAreThoseOfItsJsonObject()
    {
        IdempotencyKeyInfo unused{QStringLiteral("idk_0d8f0b816f5a13e15859145738dfe2ab"),
                                  QStringLiteral("transfer"),
                                  QStringLiteral("unused"),
                                  QStringLiteral("2026-12-05T20:37:03.752+00:00"),
                                  QStringLiteral("2026-12-06T20:37:03.752+00:00"),
                                  std::nullopt,
                                  QString(),
                                  std::nullopt};
        IdempotencyKeyInfo completed = unused;
        completed.status = QStringLiteral("completed");
        completed.responseStatus = 201;
        completed.transferId = QStringLiteral("tr_c2d5769a4e531aba1c142750");
        completed.replays = 3;
        IdempotencyKeyInfo refused = completed;
        refused.responseStatus = 422;
        refused.transferId.clear();
        refused.replays = 0;
        IdempotencyKeyInfo odd = unused;
        odd.key = QStringLiteral("client \"key\" \u00fc\t\U0001F600");
        odd.responseStatus = 503;
        for (const IdempotencyKeyInfo &info : {unused, completed, refused, odd})
            QCOMPARE(info.toJsonBytes(), qtText(info.toJson()));
        QVERIFY(refused.toJsonBytes().contains("\"transfer_id\":null"));
    }
};

QTEST_APPLESS_MAIN(TestCompactJsonWriter)
#include "tst_compactjsonwriter.moc"
