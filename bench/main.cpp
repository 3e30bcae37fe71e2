#include "bench/BenchOptions.h"
#include "bench/BenchReport.h"
#include "bench/BenchRun.h"
#include "bench/ContentionRun.h"

#include <QCoreApplication>

#include <algorithm>
#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("bank-bench"));
    QString help;
    const auto options = BenchOptions::fromArguments(QCoreApplication::arguments(), &help);
    if (!options) {
        if (!help.isEmpty()) {
            std::fputs(qPrintable(help), stdout);
            return 0;
        }
        std::fprintf(stderr, "bank-bench: %s\n", qPrintable(options.problem().detail));
        return 2;
    }
    if (options->contention) {
        ContentionRun run(options.value());
        const QList<ContentionResult> results = run.run();
        std::fputs(qPrintable(ContentionResult::table(results)), stdout);
        const bool failed = std::any_of(results.begin(), results.end(),
                                        [](const ContentionResult &r) { return !r.failure.isEmpty(); });
        return failed ? 1 : 0;
    }
    BenchRun run(options.value());
    const BenchResults results = run.run();
    std::fputs(qPrintable(BenchReport::table(results)), stdout);
    int status = results.failure.isEmpty() ? 0 : 1;
    if (!options->jsonPath.isEmpty()) {
        if (const QString failure = BenchReport::writeJson(results, options->jsonPath); !failure.isEmpty()) {
            std::fprintf(stderr, "bank-bench: cannot write %s: %s\n", qPrintable(options->jsonPath),
                         qPrintable(failure));
            status = 1;
        }
    }
    if (!options->plotPath.isEmpty() && results.failure.isEmpty()) {
        if (const QString failure = BenchReport::writePlot(results, options->plotPath); !failure.isEmpty()) {
            std::fprintf(stderr, "bank-bench: no plot: %s\n", qPrintable(failure));
            status = 1;
        }
    }
    return status;
}
