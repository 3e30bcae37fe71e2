#include "server/runtime/BankServer.h"
#include "server/runtime/DiagnosticLog.h"
#include "server/runtime/RequestLogWriter.h"
#include "server/runtime/ServerConfig.h"
#include "server/runtime/UnixSignalWatcher.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    DiagnosticLog::install();
    QCoreApplication::setApplicationName(QStringLiteral("bank-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PROJECT_VERSION));

    QString informational;
    const auto config = ServerConfig::fromArguments(QCoreApplication::arguments(), &informational);
    if (!config) {
        if (!informational.isEmpty()) {
            std::fputs(qPrintable(informational), stdout);
            return 0;
        }
        std::fprintf(stderr, "bank-server: %s\n", qPrintable(config.problem().detail));
        return 2;
    }

    // The request log goes to stderr: stdout carries exactly one line, the listening address.
    RequestLogWriter requestLog(stderr); // outlives the server, so that its last lines are written
    BankServer server(config.value());
    QObject::connect(&server, &BankServer::requestLogged, &requestLog, &RequestLogWriter::append);
    if (const QString failure = server.start(); !failure.isEmpty()) {
        std::fprintf(stderr, "bank-server: %s\n", qPrintable(failure));
        return 1;
    }
    if (server.seededDemoData())
        std::fprintf(stderr, "bank-server: seeded demo users alice/wonderland and bob/builder\n");
    if (!server.metricsUrl().isEmpty())
        std::fprintf(stderr, "bank-server: metrics on %s/metrics\n", qPrintable(server.metricsUrl().toString()));
    std::fprintf(stdout, "listening on %s\n", qPrintable(server.url().toString()));
    std::fflush(stdout);

    UnixSignalWatcher watcher;
    QObject::connect(&watcher, &UnixSignalWatcher::terminationRequested, &server, &BankServer::shutdown);
    QObject::connect(&server, &BankServer::stopped, &app, &QCoreApplication::quit);
    return app.exec();
}
