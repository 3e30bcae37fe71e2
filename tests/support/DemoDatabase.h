#pragma once

#include "tests/support/TestDatabase.h"

// A TestDatabase holding what a server starting on it makes: the bank's schema and the demo data.
// For the tests of the classes below the server, which run on it directly.
class DemoDatabase : public TestDatabase
{
public:
    // Migrates and seeds. Returns why it could not, or an empty string.
    QString create();

    // The demo users' ids, once created.
    qint64 alice() const { return m_alice; }
    qint64 bob() const { return m_bob; }

private:
    qint64 m_alice = 0;
    qint64 m_bob = 0;
};
