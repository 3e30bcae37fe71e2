#pragma once

#include "shared/core/Result.h"

#include <QMap>
#include <QSqlDatabase>
#include <QStringList>

// The demo data: alice with "Alice Checking" (1000.00 USD) and "Alice Savings" (5000.00 USD), bob
// with "Bob Checking" (250.00 USD). Only into an empty database. bank-server --seed-demo gives them
// the documented passwords wonderland and builder; the desktop app's integrated server its own.
namespace DemoSeed {
// Username -> password.
using Passwords = QMap<QString, QString>;

QStringList usernames();
// alice/wonderland, bob/builder.
Passwords documentedPasswords();
// Runs inside a writer job. Returns true if it seeded, false if the database already had users.
// A user missing from `passwords` gets the documented one.
Result<bool> seedIfEmpty(QSqlDatabase &db, const Passwords &passwords = documentedPasswords());
// Runs inside a writer job: gives the demo users that exist the passwords in `passwords`.
Result<bool> setPasswords(QSqlDatabase &db, const Passwords &passwords);
} // namespace DemoSeed
