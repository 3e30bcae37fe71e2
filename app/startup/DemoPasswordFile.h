#pragma once

#include "server/runtime/DemoSeed.h"

#include <QString>

#include <optional>

// The integrated server's demo passwords, kept next to its database (which stores only their
// hashes) in a file only the owner can read, so the sign-in dialog can show them on every launch.
// Each new database gets random ones; a classroom gives everyone one (bank-app --demo-password).
class DemoPasswordFile
{
public:
    explicit DemoPasswordFile(const QString &databasePath);

    const QString &path() const { return m_path; }
    // nullopt when there is no readable file.
    std::optional<DemoSeed::Passwords> load() const;
    // Returns why it could not, or an empty string.
    QString save(const DemoSeed::Passwords &passwords) const;

    // For every demo user a password of 3 groups of 4 characters from 31 without look-alikes
    // (59 bits), e.g. "k7qm-x3fa-9nbe".
    static DemoSeed::Passwords random();
    // Every demo user gets `password`.
    static DemoSeed::Passwords classroom(const QString &password);

private:
    QString m_path;
};
