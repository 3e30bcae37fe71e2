#include "tests/support/LedgerSnapshot.h"

#include "tests/support/TestServer.h"

#include <QSqlQuery>
#include <QVariant>

LedgerSnapshot LedgerSnapshot::of(const TestServer &server)
{
    LedgerSnapshot snapshot;
    const QString failure = server.database()->withConnection([&snapshot](QSqlDatabase &db) {
        QSqlQuery q(db);
        auto scalar = [&q](const char *sql) {
            return q.exec(QString::fromLatin1(sql)) && q.next() ? q.value(0).toLongLong() : -1;
        };
        snapshot.totalBalance = scalar("SELECT COALESCE(SUM(balance), 0) FROM accounts");
        snapshot.negativeBalances = scalar("SELECT COUNT(*) FROM accounts WHERE balance < 0");
        snapshot.transfers = scalar("SELECT COUNT(*) FROM transfers");
        snapshot.keys = scalar("SELECT COUNT(*) FROM idempotency_keys");
        snapshot.completedKeys = scalar("SELECT COUNT(*) FROM idempotency_keys WHERE completed_at IS NOT NULL");
        snapshot.sessions = scalar("SELECT COUNT(*) FROM sessions");
        snapshot.users = scalar("SELECT COUNT(*) FROM users");
        if (q.exec(QStringLiteral("SELECT id, balance FROM accounts ORDER BY id"))) {
            while (q.next())
                snapshot.balances += q.value(0).toString() + u'=' + QString::number(q.value(1).toLongLong()) + u';';
        }
    });
    if (!failure.isEmpty())
        snapshot.balances = failure;
    return snapshot;
}

QString LedgerSnapshot::describe() const
{
    return QStringLiteral("total=%1 negative=%2 transfers=%3 keys=%4 completed=%5 sessions=%6 users=%7 balances=%8")
        .arg(totalBalance)
        .arg(negativeBalances)
        .arg(transfers)
        .arg(keys)
        .arg(completedKeys)
        .arg(sessions)
        .arg(users)
        .arg(balances);
}
