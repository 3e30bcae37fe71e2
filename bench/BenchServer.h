#pragma once

#include <QProcess>
#include <QString>

#include <memory>

class ServerThread;

// The bank server under load: one the harness starts (a bank-server process, or in-process on
// a ServerThread) on a SQLite file it chooses or a PostgreSQL database, or an external one at a URL.
class BenchServer
{
    Q_DISABLE_COPY_MOVE(BenchServer)
public:
    enum class Mode { External, InProcess, Process };

    // `readerThreads` > 0 overrides the server's reader pool size (in-process only).
    BenchServer(Mode mode, QString binaryOrUrl, int readerThreads = 0);
    ~BenchServer();

    Mode mode() const { return m_mode; }
    bool ownsServer() const { return m_mode != Mode::External; }

    // Starts a server with demo data on `database`, a SQLite file or a postgresql:// URL (nothing
    // for an external one); empty string or why it failed.
    QString start(const QString &database);
    void stop();
    QString url() const { return m_url; }

    // A process started after this writes its stderr (the request log) to `path`, and serves
    // /metrics on a port of its own, which it names there: metricsUrl().
    void setLogFile(const QString &path) { m_logFile = path; }
    QString metricsUrl() const { return m_metricsUrl; }

    // Resident and peak resident memory of the bank-server process in KiB; -1 in other modes.
    qint64 residentKib() const { return statusField("VmRSS:"); }
    qint64 peakResidentKib() const { return statusField("VmHWM:"); }
    // CPU time (user + system) the bank-server process has used so far, all its threads, those
    // that ended included; -1 in other modes.
    double cpuSeconds() const;

private:
    qint64 statusField(const QByteArray &field) const;

    const Mode m_mode;
    const QString m_binary;
    const int m_readerThreads;
    QString m_url;
    QString m_logFile;
    QString m_metricsUrl;
    std::unique_ptr<QProcess> m_process;
    std::unique_ptr<ServerThread> m_thread;
};
