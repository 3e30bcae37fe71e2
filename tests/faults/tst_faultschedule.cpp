// Which failure the proxy applies to each attempt: the cases' names and the schedules.
#include "app/faultproxy/FaultCase.h"
#include "app/faultproxy/FaultSchedule.h"

#include <QTest>

class TestFaultSchedule : public QObject
{
    Q_OBJECT
private slots:
    void faultCaseNames()
    {
        for (FaultCase failure :
             {FaultCase::Pass, FaultCase::DropRequest, FaultCase::CutDuringProcessing, FaultCase::DropResponse})
            QCOMPARE(FaultCases::fromString(FaultCases::toString(failure)), failure);
        QCOMPARE(FaultCases::toString(FaultCase::CutDuringProcessing), QStringLiteral("cut_during_processing"));
        QVERIFY(!FaultCases::fromString(QStringLiteral("nope")));
    }

    void schedules()
    {
        FaultSchedule never = FaultSchedule::never();
        for (int i = 0; i < 5; ++i)
            QCOMPARE(never.next(), FaultCase::Pass);

        FaultSchedule next = FaultSchedule::nextOnly(FaultCase::DropResponse);
        QCOMPARE(next.mode(), FaultSchedule::Mode::NextOnly);
        QCOMPARE(next.next(), FaultCase::DropResponse);
        QCOMPARE(next.next(), FaultCase::Pass);
        QCOMPARE(next.remaining(), 0);

        FaultSchedule first = FaultSchedule::firstN(3, FaultCase::DropRequest);
        QList<FaultCase> seen;
        for (int i = 0; i < 5; ++i)
            seen.append(first.next());
        QCOMPARE(seen,
                 (QList<FaultCase>{FaultCase::DropRequest, FaultCase::DropRequest, FaultCase::DropRequest,
                                   FaultCase::Pass, FaultCase::Pass}));

        FaultSchedule always = FaultSchedule::randomPercent(100, FaultCase::CutDuringProcessing);
        FaultSchedule none = FaultSchedule::randomPercent(0, FaultCase::CutDuringProcessing);
        for (int i = 0; i < 50; ++i) {
            QCOMPARE(always.next(), FaultCase::CutDuringProcessing);
            QCOMPARE(none.next(), FaultCase::Pass);
        }
        QCOMPARE(FaultSchedule::randomPercent(250, FaultCase::DropRequest).percent(), 100);
    }

    void randomScheduleIsReproducibleWithASeed()
    {
        FaultSchedule a = FaultSchedule::randomPercent(30, FaultCase::DropResponse, 42);
        FaultSchedule b = FaultSchedule::randomPercent(30, FaultCase::DropResponse, 42);
        int failures = 0;
        for (int i = 0; i < 1000; ++i) {
            const FaultCase fromA = a.next();
            QCOMPARE(b.next(), fromA);
            failures += fromA == FaultCase::DropResponse ? 1 : 0;
        }
        // Not a statistics test: only that both outcomes occur and failures are the minority.
        QVERIFY2(failures > 100 && failures < 500, qPrintable(QString::number(failures)));
    }
};

QTEST_GUILESS_MAIN(TestFaultSchedule)
#include "tst_faultschedule.moc"
