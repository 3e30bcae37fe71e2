#include "tests/support/TransferLoad.h"

#include "tests/support/Concurrently.h"
#include "tests/support/TestServer.h"

#include <QRandomGenerator>

#include <algorithm>

TransferLoad::TransferLoad(QList<quint16> ports, Users users, int workers, ClusterPatience patience, int firstInstance)
    : m_ports(std::move(ports)),
      m_users(std::move(users)),
      m_workers(workers),
      m_patience(patience),
      m_firstInstance(firstInstance)
{}

TransferLoad::~TransferLoad() { stop(120'000); }

void TransferLoad::start()
{
    m_clock.start();
    m_thread.reset(QThread::create([this] { runConcurrently(m_workers, [this](int worker) { work(worker); }); }));
    m_thread->start();
}

bool TransferLoad::stop(int timeoutMs)
{
    m_finish.store(true);
    return !m_thread || m_thread->wait(timeoutMs);
}

int TransferLoad::acknowledgedSince(qint64 sinceMs) const
{
    std::lock_guard lock(m_mutex);
    return int(std::count_if(m_acknowledgedAtMs.begin(), m_acknowledgedAtMs.end(),
                             [sinceMs](qint64 at) { return at >= sinceMs; }));
}

qint64 TransferLoad::firstAcknowledgedSince(qint64 sinceMs) const
{
    std::lock_guard lock(m_mutex);
    qint64 first = -1;
    for (qint64 at : m_acknowledgedAtMs)
        if (at >= sinceMs && (first < 0 || at < first))
            first = at;
    return first;
}

void TransferLoad::work(int worker)
{
    const bool isAlice = worker % 2 == 0;
    const DemoAccounts &accounts = m_users.accounts;
    ClusterClient cluster(m_ports, isAlice ? m_users.aliceToken : m_users.bobToken,
                          m_firstInstance >= 0 ? m_firstInstance : worker % int(m_ports.size()), m_patience);
    for (int i = 0; !m_finish.load(); ++i) {
        const QString from
            = isAlice ? (i % 2 ? accounts.aliceSavings() : accounts.aliceChecking()) : accounts.bobChecking();
        const QString to
            = isAlice ? accounts.bobChecking() : (i % 2 ? accounts.aliceChecking() : accounts.aliceSavings());
        const qint64 amount = 1 + QRandomGenerator::global()->bounded(isAlice ? 300 : 900);
        const QString key = cluster.issueKey();
        const TestResponse response
            = key.isEmpty() ? TestResponse() : cluster.transfer(key, transferBody(from, to, amount));
        std::lock_guard lock(m_mutex);
        if (key.isEmpty()) {
            m_failures.append(QStringLiteral("no key could be issued"));
        } else if (response.status == 201) {
            m_outcomes.append({201, response.json().value(QLatin1String("id")).toString(), from, to, amount});
            m_acknowledgedAtMs.append(m_clock.elapsed());
        } else if (response.code() == QLatin1String("insufficient_funds")) {
            m_outcomes.append({response.status, {}, from, to, amount});
        } else {
            m_failures.append(
                QStringLiteral("key %1: %2 %3").arg(key).arg(response.status).arg(QString::fromUtf8(response.body)));
        }
    }
    m_unanswered.fetch_add(cluster.unanswered());
}
