#pragma once

#include <QString>
#include <QStringList>
#include <QTemporaryDir>

// A PostgreSQL primary and its streaming standby on loopback, in a folder of their own, run by
// scripts/postgres-pair.sh (the same script a person tries failover with). Both are stopped and
// the folder removed with the object.
class PostgresPair
{
    Q_DISABLE_COPY_MOVE(PostgresPair)
public:
    enum class Replication { Synchronous, Asynchronous };

    explicit PostgresPair(Replication replication);
    ~PostgresPair();

    // Why the pair could not be started, or an empty string; then url() names both, primary first.
    QString start();
    const QString &url() const { return m_url; }

    // Each returns why it failed, or an empty string.
    QString killPrimary();    // SIGKILL of the primary's postmaster
    QString promoteStandby(); // pg_ctl promote, waiting until the standby takes writes
    QString restartPrimary(); // a crash and a start of the same primary, without promotion

private:
    QString run(const QStringList &arguments, QString *output = nullptr);

    QTemporaryDir m_dir;
    Replication m_replication;
    QString m_url;
    bool m_started = false;
};
