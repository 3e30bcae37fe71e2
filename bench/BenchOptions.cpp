#include "bench/BenchOptions.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>

namespace {
Problem usage(const QString &detail) { return Problem(ProblemCode::ValidationFailed, detail); }
} // namespace

Result<BenchOptions> BenchOptions::fromArguments(const QStringList &arguments, QString *help)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Load generator and benchmark for the exactly-once bank. Measures the disk's raw single-commit limit (a\n"
        "transfer's statements on a plain sqlite3 handle, one durable commit each), the /healthz floor and the API\n"
        "scenarios (fresh transfers, replays, a 10 % duplicate mix, key issuance, GET /v1/accounts) with the\n"
        "server process's CPU time per request, and prints the targets, a table and (with --json) a JSON report."));
    const QCommandLineOption helpOption = parser.addHelpOption();
    const QCommandLineOption url(QStringLiteral("url"), QStringLiteral("Load an external server (no growth runs)."),
                                 QStringLiteral("URL"));
    const QCommandLineOption binary(
        QStringLiteral("server-binary"),
        QStringLiteral("Start this bank-server as a process (the default when one is built beside bank-bench)."),
        QStringLiteral("FILE"));
    const QCommandLineOption inProcess(QStringLiteral("in-process"),
                                       QStringLiteral("Run the server in this process on a thread of its own."));
    const QCommandLineOption workDir(QStringLiteral("work-dir"),
                                     QStringLiteral("Where the databases go (same disk for server and limit; kept)."),
                                     QStringLiteral("DIR"));
    const QCommandLineOption duration(QStringLiteral("duration-ms"),
                                      QStringLiteral("Length of each scenario (default 4000)."), QStringLiteral("MS"));
    const QCommandLineOption connections(QStringLiteral("connections"),
                                         QStringLiteral("Connections for the main scenarios (default 16)."),
                                         QStringLiteral("N"));
    const QCommandLineOption sweep(
        QStringLiteral("sweep"),
        QStringLiteral("Connection counts for fresh transfers and the plot (default 1,4,16,64)."),
        QStringLiteral("LIST"));
    const QCommandLineOption limit(QStringLiteral("limit-ms"),
                                   QStringLiteral("Time spent measuring the single-commit limit (default 4000)."),
                                   QStringLiteral("MS"));
    const QCommandLineOption fsync(QStringLiteral("fsync-ms"),
                                   QStringLiteral("Time spent measuring the raw fdatasync rate (default 1000)."),
                                   QStringLiteral("MS"));
    const QCommandLineOption threads(QStringLiteral("client-threads"),
                                     QStringLiteral("Load generator threads (default 1)."), QStringLiteral("N"));
    const QCommandLineOption readers(
        QStringLiteral("reader-threads"),
        QStringLiteral("The server's reader pool size (with --in-process only; default: the server's)."),
        QStringLiteral("N"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Write the report as JSON to FILE."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption plot(
        QStringLiteral("plot"),
        QStringLiteral("Write a PNG of throughput and p99 against connections (needs gnuplot)."),
        QStringLiteral("FILE"));
    const QCommandLineOption growth(
        QStringLiteral("growth"),
        QStringLiteral("Also run the growth measurements: fresh transfers with few and many stored keys, the\n"
                       "server's memory with many keys, and p99 while a purge of many expired keys runs."));
    const QCommandLineOption small(QStringLiteral("small-keys"),
                                   QStringLiteral("Stored keys of the growth baseline (default 1000)."),
                                   QStringLiteral("N"));
    const QCommandLineOption large(QStringLiteral("large-keys"),
                                   QStringLiteral("Stored (and expired) keys of the growth runs (default 1000000)."),
                                   QStringLiteral("N"));
    const QCommandLineOption purgeWait(
        QStringLiteral("purge-wait-ms"),
        QStringLiteral("How long to wait for the server's first purge (default 180000)."), QStringLiteral("MS"));
    const QCommandLineOption contention(
        QStringLiteral("contention"),
        QStringLiteral("Run the contention benchmark instead: for each client count and instance count, that many\n"
                       "bank-server processes on one PostgreSQL database, and client threads moving money in all\n"
                       "six directions between the three demo accounts, spread over the instances."));
    const QCommandLineOption databaseUrl(
        QStringLiteral("database-url"),
        QStringLiteral("Run the server on PostgreSQL: the scenarios on one bank-server whose database bank_bench is\n"
                       "replaced at the start; --contention creates (and replaces) a database per run there.\n"
                       "The single-commit limit stays the raw SQLite one on the work dir's disk."),
        QStringLiteral("URL"));
    const QCommandLineOption instances(QStringLiteral("instances"),
                                       QStringLiteral("Instance counts for --contention (default 1,2,3)."),
                                       QStringLiteral("LIST"));
    const QCommandLineOption clients(QStringLiteral("clients"),
                                     QStringLiteral("Client threads for --contention (default 48,120)."),
                                     QStringLiteral("LIST"));
    const QCommandLineOption transfers(
        QStringLiteral("transfers-per-client"),
        QStringLiteral("Transfers each client thread makes in --contention (default 40)."), QStringLiteral("N"));
    parser.addOptions({url,       binary,     inProcess,   workDir,   duration, connections, sweep, limit,
                       fsync,     threads,    readers,     json,      plot,     growth,      small, large,
                       purgeWait, contention, databaseUrl, instances, clients,  transfers});
    if (!parser.parse(arguments))
        return usage(parser.errorText());
    if (parser.isSet(helpOption)) {
        *help = parser.helpText();
        return usage(QStringLiteral("help requested"));
    }

    BenchOptions options;
    const auto number = [&parser](const QCommandLineOption &option, qint64 min, auto &target) {
        if (!parser.isSet(option))
            return true;
        bool ok = false;
        const qint64 value = parser.value(option).toLongLong(&ok);
        if (!ok || value < min)
            return false;
        target = static_cast<std::remove_reference_t<decltype(target)>>(value);
        return true;
    };
    if (!number(duration, 50, options.durationMs) || !number(connections, 1, options.connections)
        || !number(limit, 50, options.limitMs) || !number(fsync, 10, options.fsyncMs)
        || !number(threads, 1, options.clientThreads) || !number(readers, 1, options.readerThreads)
        || !number(small, 0, options.smallKeyCount) || !number(large, 1, options.largeKeyCount)
        || !number(purgeWait, 1000, options.purgeWaitMs) || !number(transfers, 1, options.transfersPerClient))
        return usage(QStringLiteral("a numeric option is out of range; see --help"));
    const auto counts = [&parser](const QCommandLineOption &option, QList<int> &target) {
        if (!parser.isSet(option))
            return true;
        target.clear();
        for (const QString &item : parser.value(option).split(u',', Qt::SkipEmptyParts)) {
            bool ok = false;
            const int count = item.toInt(&ok);
            if (!ok || count < 1 || count > 1000)
                return false;
            target.append(count);
        }
        return !target.isEmpty();
    };
    if (!counts(sweep, options.sweep))
        return usage(QStringLiteral("--sweep: expected connection counts like 1,4,16,64"));
    if (!counts(instances, options.instances) || !counts(clients, options.contentionClients))
        return usage(QStringLiteral("--instances, --clients: expected counts like 1,2,3"));
    if (!options.sweep.contains(options.connections))
        options.sweep.append(options.connections);
    std::sort(options.sweep.begin(), options.sweep.end());

    const QString besideUs = QCoreApplication::applicationDirPath() + QStringLiteral("/../server/bank-server");
    if (parser.isSet(url)) {
        options.mode = BenchServer::Mode::External;
        options.url = parser.value(url);
    } else if (parser.isSet(inProcess)) {
        options.mode = BenchServer::Mode::InProcess;
    } else if (parser.isSet(binary)) {
        options.mode = BenchServer::Mode::Process;
        options.serverBinary = parser.value(binary);
    } else if (QFileInfo(besideUs).isExecutable()) {
        options.mode = BenchServer::Mode::Process;
        options.serverBinary = QFileInfo(besideUs).canonicalFilePath();
    }
    options.workDir = parser.value(workDir);
    options.jsonPath = parser.value(json);
    options.plotPath = parser.value(plot);
    options.growth = parser.isSet(growth);
    if (parser.isSet(readers) && options.mode != BenchServer::Mode::InProcess)
        return usage(QStringLiteral("--reader-threads needs --in-process"));
    if (options.growth && options.mode == BenchServer::Mode::External)
        return usage(QStringLiteral("--growth needs a server the harness starts itself (not --url)"));
    options.contention = parser.isSet(contention);
    options.databaseUrl = parser.value(databaseUrl);
    if (options.contention && (options.mode != BenchServer::Mode::Process || options.databaseUrl.isEmpty()))
        return usage(QStringLiteral("--contention needs bank-server processes (--server-binary) and --database-url"));
    if (!options.databaseUrl.isEmpty() && (options.mode == BenchServer::Mode::External || options.growth))
        return usage(QStringLiteral("--database-url needs a server the harness starts itself and no --growth"));
    return options;
}
