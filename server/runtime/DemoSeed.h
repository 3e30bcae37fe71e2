#pragma once

#include "api/Result.h"

#include <QSqlDatabase>

// The demo data: alice/wonderland with "Alice Checking" (1000.00 USD) and "Alice Savings"
// (5000.00 USD), bob/builder with "Bob Checking" (250.00 USD). Only into an empty database.
namespace DemoSeed {
// Runs inside a writer job. Returns true if it seeded, false if the database already had users.
Result<bool> seedIfEmpty(QSqlDatabase &db);
}
