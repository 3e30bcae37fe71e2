#include "tests/failover/PostgresPair.h"

#include <QProcess>

PostgresPair::PostgresPair(Replication replication) : m_replication(replication) {}

PostgresPair::~PostgresPair()
{
    if (m_started)
        run({QStringLiteral("stop"), m_dir.path()});
}

QString PostgresPair::start()
{
    if (!m_dir.isValid())
        return QStringLiteral("no temporary folder: %1").arg(m_dir.errorString());
    QStringList arguments{QStringLiteral("start"), m_dir.path()};
    if (m_replication == Replication::Asynchronous)
        arguments << QStringLiteral("--async");
    QString output;
    // Set before it runs: a start that fails half-way leaves clusters the destructor must stop.
    m_started = true;
    if (const QString failure = run(arguments, &output); !failure.isEmpty())
        return failure;
    m_url = output.trimmed();
    return {};
}

QString PostgresPair::killPrimary() { return run({QStringLiteral("kill-primary"), m_dir.path()}); }

QString PostgresPair::promoteStandby() { return run({QStringLiteral("promote"), m_dir.path()}); }

QString PostgresPair::restartPrimary() { return run({QStringLiteral("restart-primary"), m_dir.path()}); }

QString PostgresPair::run(const QStringList &arguments, QString *output)
{
    QProcess script;
    script.start(QStringLiteral(POSTGRES_PAIR_SCRIPT), arguments);
    if (!script.waitForFinished(180'000)) {
        script.kill();
        script.waitForFinished();
        return QStringLiteral("postgres-pair.sh %1 did not finish").arg(arguments.join(QLatin1Char(' ')));
    }
    if (output)
        *output = QString::fromUtf8(script.readAllStandardOutput());
    if (script.exitStatus() != QProcess::NormalExit || script.exitCode() != 0)
        return QStringLiteral("postgres-pair.sh %1 failed: %2")
            .arg(arguments.join(QLatin1Char(' ')), QString::fromUtf8(script.readAllStandardError()).trimmed());
    return {};
}
