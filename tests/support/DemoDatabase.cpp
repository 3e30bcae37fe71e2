#include "tests/support/DemoDatabase.h"

#include "server/runtime/DemoSeed.h"
#include "server/storage/Migrations.h"

#include <QSqlError>

QString DemoDatabase::create()
{
    QString failure;
    const QString unreachable = withConnection([&](QSqlDatabase &db) {
        failure = Migrations::migrate(db, dialect());
        if (!failure.isEmpty())
            return;
        // In one transaction, as a server's writer seeds.
        db.transaction();
        const Result<bool> seeded = DemoSeed::seedIfEmpty(db);
        if (!seeded)
            failure = seeded.problem().detail;
        else if (!db.commit())
            failure = db.lastError().text();
    });
    if (!unreachable.isEmpty() || !failure.isEmpty())
        return unreachable.isEmpty() ? failure : unreachable;
    m_alice = scalar(QStringLiteral("SELECT id FROM users WHERE username = 'alice'"));
    m_bob = scalar(QStringLiteral("SELECT id FROM users WHERE username = 'bob'"));
    return m_alice > 0 && m_bob > 0 ? QString() : QStringLiteral("the demo users are missing");
}
