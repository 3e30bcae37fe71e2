#include "bench/BenchServer.h"

#include "server/runtime/BankServer.h"
#include "server/runtime/ServerThread.h"

#include <QFile>
#include <QRegularExpression>

#include <unistd.h>

BenchServer::BenchServer(Mode mode, QString binaryOrUrl, int readerThreads)
    : m_mode(mode),
      m_binary(mode == Mode::Process ? binaryOrUrl : QString()),
      m_readerThreads(readerThreads),
      m_url(mode == Mode::External ? binaryOrUrl : QString())
{}

BenchServer::~BenchServer() { stop(); }

QString BenchServer::start(const QString &database)
{
    const bool postgres = database.startsWith(QLatin1String("postgres"));
    if (m_mode == Mode::External)
        return {};
    if (m_mode == Mode::InProcess) {
        ServerConfig config;
        config.port = 0;
        (postgres ? config.databaseUrl : config.databasePath) = database;
        config.seedDemo = true;
        // The load is one user writing thousands of times a second: far beyond a customer's quotas.
        config.quotas = UserQuotas::unlimited();
        if (m_readerThreads > 0)
            config.readerThreads = m_readerThreads;
        m_thread = std::make_unique<ServerThread>(config);
        if (const QString failure = m_thread->start(); !failure.isEmpty())
            return failure;
        // Nobody reads the request log here; without this every request would queue an event
        // for a thread that is busy measuring.
        QObject::disconnect(m_thread->server(), &BankServer::requestLogged, m_thread.get(), nullptr);
        m_url = m_thread->url().toString();
        return {};
    }
    m_process = std::make_unique<QProcess>();
    // The request log (one line per request) is part of the server's work, but nobody reads it
    // unless asked to.
    m_process->setStandardErrorFile(m_logFile.isEmpty() ? QProcess::nullDevice() : m_logFile);
    QStringList arguments{QStringLiteral("--listen"),
                          QStringLiteral("127.0.0.1:0"),
                          postgres ? QStringLiteral("--database-url") : QStringLiteral("--db"),
                          database,
                          QStringLiteral("--seed-demo"),
                          QStringLiteral("--max-unused-keys"),
                          QStringLiteral("0"),
                          QStringLiteral("--max-sessions"),
                          QStringLiteral("0"),
                          QStringLiteral("--write-rate"),
                          QStringLiteral("0")};
    if (!m_logFile.isEmpty())
        arguments << QStringLiteral("--metrics-listen") << QStringLiteral("127.0.0.1:0");
    m_process->start(m_binary, arguments);
    if (!m_process->waitForStarted(10'000))
        return QStringLiteral("cannot start %1: %2").arg(m_binary, m_process->errorString());
    QByteArray line;
    while (!line.contains('\n')) {
        if (!m_process->waitForReadyRead(60'000))
            return QStringLiteral("%1 printed no listening line").arg(m_binary);
        line += m_process->readAllStandardOutput();
    }
    const QByteArray prefix = "listening on ";
    if (!line.startsWith(prefix))
        return QStringLiteral("unexpected first line from %1: %2").arg(m_binary, QString::fromUtf8(line));
    m_url = QString::fromLatin1(line.mid(prefix.size()).trimmed());
    if (m_logFile.isEmpty())
        return {};
    // Printed on stderr before the listening line on stdout.
    QFile log(m_logFile);
    if (!log.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read %1").arg(m_logFile);
    static const QRegularExpression metricsLine(QStringLiteral("^bank-server: metrics on (\\S+)/metrics$"),
                                                QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = metricsLine.match(QString::fromUtf8(log.readAll()));
    if (!match.hasMatch())
        return QStringLiteral("%1 did not say where its metrics are").arg(m_binary);
    m_metricsUrl = match.captured(1);
    return {};
}

void BenchServer::stop()
{
    if (m_thread) {
        m_thread->stop();
        m_thread.reset();
    }
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->terminate(); // SIGTERM: a graceful stop
        if (!m_process->waitForFinished(60'000))
            m_process->kill();
        m_process->waitForFinished();
    }
    m_process.reset();
}

qint64 BenchServer::statusField(const QByteArray &field) const
{
    if (!m_process || m_process->state() != QProcess::Running)
        return -1;
    QFile status(QStringLiteral("/proc/%1/status").arg(m_process->processId()));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(field.size()).trimmed().split(' ').constFirst().toLongLong();
    }
    return -1;
}

double BenchServer::cpuSeconds() const
{
    if (!m_process || m_process->state() != QProcess::Running)
        return -1;
    // /proc/PID/stat, unlike /proc/PID/task/*/stat, also counts the threads that have ended.
    QFile stat(QStringLiteral("/proc/%1/stat").arg(m_process->processId()));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // The command name (field 2) may hold spaces and parentheses; field 3, the state, follows
    // the last ')'. utime and stime are fields 14 and 15, in clock ticks.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    constexpr int kUtime = 14 - 3;
    constexpr int kStime = 15 - 3;
    if (fields.size() <= kStime)
        return -1;
    const double ticks = double(fields.at(kUtime).toLongLong() + fields.at(kStime).toLongLong());
    return ticks / double(::sysconf(_SC_CLK_TCK));
}
