#pragma once

#include <QMap>
#include <QString>

class TestHttpClient;

// The demo data's accounts as one signed-in demo user sees them, by name: their own accounts and
// their payees. Either demo user sees all three.
class DemoAccounts
{
public:
    DemoAccounts() = default;
    // Reads GET /v1/accounts, then GET /v1/payees, as `client`'s user.
    explicit DemoAccounts(TestHttpClient &client);

    // The id of the account called `name`; empty if the user does not see it.
    QString id(const QString &name) const { return m_ids.value(name); }
    QString aliceChecking() const { return id(QStringLiteral("Alice Checking")); }
    QString aliceSavings() const { return id(QStringLiteral("Alice Savings")); }
    QString bobChecking() const { return id(QStringLiteral("Bob Checking")); }
    // How many accounts the user sees.
    qsizetype count() const { return m_ids.size(); }

private:
    QMap<QString, QString> m_ids;
};
