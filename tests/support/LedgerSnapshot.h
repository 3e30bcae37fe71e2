#pragma once

#include <QString>

class TestServer;

// Everything a request could change, read straight from the server's database: two equal
// snapshots mean nothing happened in between.
struct LedgerSnapshot
{
    QString balances; // "account=balance;..." in account order
    qint64 totalBalance = -1;
    qint64 negativeBalances = -1;
    qint64 transfers = -1;
    qint64 keys = -1;
    qint64 completedKeys = -1;
    qint64 sessions = -1;
    qint64 users = -1;

    static LedgerSnapshot of(const TestServer &server);
    bool operator==(const LedgerSnapshot &other) const = default;
    QString describe() const;
};
