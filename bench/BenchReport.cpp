#include "bench/BenchReport.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTextStream>

namespace BenchReport {

namespace {

QString row(const ScenarioResult &result)
{
    QString kinds;
    for (auto it = result.errorKinds.begin(); it != result.errorKinds.end(); ++it)
        kinds += QStringLiteral(" %1=%2").arg(QString::fromLatin1(it.key())).arg(it.value());
    return QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9%10%11\n")
        .arg(result.name, -22)
        .arg(result.connections, 5)
        .arg(result.requests, 9)
        .arg(result.throughput(), 10, 'f', 1)
        .arg(result.latency.p50Ms, 8, 'f', 2)
        .arg(result.latency.p95Ms, 8, 'f', 2)
        .arg(result.latency.p99Ms, 8, 'f', 2)
        .arg(result.serverCpuMeasured() ? QString::number(result.serverCpuUsPerRequest(), 'f', 1) : QStringLiteral("-"),
             12)
        .arg(result.errors, 7)
        .arg(kinds, result.planExhausted ? QStringLiteral(" (ran out of keys)") : QString());
}

QString header()
{
    return QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
        .arg(QStringLiteral("scenario"), -22)
        .arg(QStringLiteral("conns"), 5)
        .arg(QStringLiteral("requests"), 9)
        .arg(QStringLiteral("per s"), 10)
        .arg(QStringLiteral("p50 ms"), 8)
        .arg(QStringLiteral("p95 ms"), 8)
        .arg(QStringLiteral("p99 ms"), 8)
        .arg(QStringLiteral("server µs/req"), 12)
        .arg(QStringLiteral("errors"), 7);
}

} // namespace

QString table(const BenchResults &results)
{
    QString out;
    QTextStream text(&out);
    const BenchResults::Machine &m = results.machine;
    text << "machine: " << m.cpus << " cpus, " << m.memoryMib << " MiB, " << m.device << " (" << m.fileSystem << ") "
         << m.diskFreeMib << " of " << m.diskTotalMib << " MiB free; server " << m.serverMode << " on " << m.database
         << "\n";
    text << "fdatasync (4 KiB, one at a time): " << QString::number(m.syncsPerSecond, 'f', 1) << "/s\n";
    for (const auto &[when, limit] : {std::pair{"before", &results.limit}, std::pair{"after", &results.limitAfter}}) {
        text << "raw single-commit limit " << when << " fresh transfers at " << results.connections
             << " connections (a transfer's statements on a plain sqlite3 handle, one durable commit each): "
             << QString::number(limit->perSecond(), 'f', 1) << "/s, p50 "
             << QString::number(limit->latency.p50Ms, 'f', 2) << " ms, p99 "
             << QString::number(limit->latency.p99Ms, 'f', 2) << " ms\n";
    }
    text << "\n";
    text << header();
    for (const ScenarioResult &result : results.scenarios)
        text << row(result);
    text << "\nfresh transfers by connections\n" << header();
    for (const ScenarioResult &result : results.sweep)
        text << row(result);
    if (results.growth.ran) {
        const BenchResults::Growth &g = results.growth;
        text << "\ngrowth" << (g.failure.isEmpty() ? QString() : QStringLiteral(" (failed: %1)").arg(g.failure)) << "\n"
             << header();
        for (const auto &[label, result] : {std::pair{QStringLiteral("%1 keys").arg(g.smallKeys), &g.withSmall},
                                            std::pair{QStringLiteral("%1 keys").arg(g.largeKeys), &g.withLarge},
                                            std::pair{QStringLiteral("before purge"), &g.beforePurge},
                                            std::pair{QStringLiteral("during purge"), &g.duringPurge}}) {
            ScenarioResult named = *result;
            named.name = label;
            text << row(named);
        }
        text << "bank-server VmRSS " << g.residentKib << " KiB (VmHWM " << g.peakResidentKib << " KiB); purge began "
             << QString::number(g.purgeStartSeconds, 'f', 1)
             << " s after start, still running at the end: " << (g.purgeRanThroughout ? "yes" : "no") << "\n";
    }
    text << "\ntargets\n";
    for (const BenchResults::Target &target : results.targets()) {
        text << (target.available ? (target.met ? "  met           " : "  NOT MET       ") : "  not measured  ")
             << target.name << ": "
             << (target.available ? QString::number(target.measured, 'f', 2) : QStringLiteral("-")) << " (target "
             << target.bound << ")" << (target.detail.isEmpty() ? QString() : QStringLiteral(" — ") + target.detail)
             << "\n";
    }
    text << "server µs/req: the bank-server process's user + system CPU time over the scenario (/proc/PID/stat) per\n"
            "request; - where there is no server process of the harness's own (--in-process, --url)\n";
    text << "errors in all scenarios: " << results.totalErrors() << "\n";
    if (!results.failure.isEmpty())
        text << "FAILED: " << results.failure << "\n";
    return out;
}

QString writeJson(const BenchResults &results, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return file.errorString();
    const QByteArray bytes = QJsonDocument(results.toJson()).toJson(QJsonDocument::Indented);
    return file.write(bytes) == bytes.size() ? QString() : file.errorString();
}

QString writePlot(const BenchResults &results, const QString &pngPath)
{
    const QString gnuplot = QStandardPaths::findExecutable(QStringLiteral("gnuplot"));
    if (gnuplot.isEmpty())
        return QStringLiteral("gnuplot is not installed (Debian: apt-get install gnuplot-nox)");
    const QFileInfo png(pngPath);
    const QString dataPath = png.absolutePath() + QLatin1Char('/') + png.completeBaseName() + QStringLiteral(".dat");
    const QString scriptPath = png.absolutePath() + QLatin1Char('/') + png.completeBaseName() + QStringLiteral(".gp");
    QFile data(dataPath);
    if (!data.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return data.errorString();
    QTextStream dataText(&data);
    dataText << "# connections transfers_per_s p99_ms p50_ms\n";
    for (const ScenarioResult &result : results.sweep)
        dataText << result.connections << ' ' << result.throughput() << ' ' << result.latency.p99Ms << ' '
                 << result.latency.p50Ms << '\n';
    dataText.flush();
    data.close();

    QFile script(scriptPath);
    if (!script.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return script.errorString();
    QTextStream scriptText(&script);
    scriptText << "set terminal png size 900,520\n"
               << "set output '" << png.absoluteFilePath() << "'\n"
               << "set title 'Fresh durable transfers over HTTP, " << results.machine.cpus
               << " cores (single-commit limit " << QString::number(results.limitPerSecond(), 'f', 0) << "/s)'\n"
               << "set xlabel 'concurrent connections'\n"
               << "set logscale x 2\n"
               << "set xrange [0.8:90]\n"
               << "set xtics (1, 2, 4, 8, 16, 32, 64, 128)\n"
               << "set ylabel 'transfers per second'\n"
               << "set y2label 'latency (ms)'\n"
               << "set ytics nomirror\n"
               << "set y2tics\n"
               << "set yrange [0:*]\n"
               << "set y2range [0:*]\n"
               << "set key top left\n"
               << "set grid\n"
               << "plot '" << dataPath << "' using 1:2 with linespoints lw 2 pt 7 title 'throughput', \\\n"
               << "     '" << dataPath << "' using 1:3 axes x1y2 with linespoints lw 2 pt 5 title 'p99 latency', \\\n"
               << "     '" << dataPath
               << "' using 1:4 axes x1y2 with linespoints lw 1 pt 4 dt 2 title 'p50 latency', \\\n"
               << "     " << results.limitPerSecond() << " with lines dt 3 lw 2 title 'single-commit limit'\n";
    scriptText.flush();
    script.close();

    QProcess process;
    process.start(gnuplot, {scriptPath});
    if (!process.waitForFinished(60'000) || process.exitCode() != 0)
        return QStringLiteral("gnuplot failed: %1").arg(QString::fromLocal8Bit(process.readAllStandardError()));
    return {};
}

} // namespace BenchReport
