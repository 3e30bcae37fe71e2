#pragma once

#include "api/TransferRequest.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

// The transfers whose outcome this app does not know yet, on disk: each one's key and details,
// saved before its first attempt goes out and removed once the bank's answer is known. If the
// app closes or crashes in between, the next start finds them here and asks the bank about each
// key (IntentRecovery). A small JSON file, rewritten whole and atomically (QSaveFile) on every
// change, so a crash leaves either the old or the new list, never half of one.
class PendingIntentJournal
{
public:
    struct Entry
    {
        QString key;
        QString user;   // keys belong to a user: only that user's session can ask about them
        QString server; // which bank (ServerEndpoint identity), since keys belong to one bank
        TransferRequest request;
        QDateTime savedAt; // UTC
    };

    explicit PendingIntentJournal(QString filePath);

    // pending-transfers.json in QStandardPaths::AppDataLocation.
    static QString defaultPath();

    QString filePath() const { return m_path; }
    // Why the file could not be read or written, last time; empty when it could.
    QString error() const { return m_error; }

    const QList<Entry> &entries() const { return m_entries; }
    QList<Entry> entriesFor(const QString &user, const QString &server) const;
    std::optional<Entry> entry(const QString &key) const;
    bool contains(const QString &key) const { return entry(key).has_value(); }

    // Reads the file again (another instance of the app may have changed it).
    void reload();
    // Adds the entry (or replaces the one with its key) and writes the file before returning.
    // Both read the file first, so they change only their own entry.
    bool save(const Entry &entry);
    // Forgets the key; writes the file if it was there.
    bool remove(const QString &key);

private:
    bool write();

    QString m_path;
    QString m_error;
    QList<Entry> m_entries;
};
