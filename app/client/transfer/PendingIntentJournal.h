#pragma once

#include "shared/wire/TransferRequest.h"

#include <QDateTime>
#include <QJsonArray>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

// The transfers whose outcome this app does not know yet, on disk: each one's key and details,
// saved before its first attempt goes out and removed once the bank's answer is known. If the
// app closes or crashes in between, the next start finds them here and asks the bank about each
// key (IntentRecovery). A small JSON file, rewritten whole and atomically (QSaveFile) on every
// change, so a crash leaves either the old or the new list, never half of one.
//
// Other processes may use the same file (a second app, a tool): every change happens under a
// lock file beside it (QLockFile) and starts from the file as it is then, so no writer drops
// another's entries. A file it cannot read (damaged, a newer format) is never overwritten: it is
// renamed aside, bytes intact, reported (unreadableSetAside), and the journal starts afresh.
class PendingIntentJournal : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PendingIntentJournal)
public:
    struct Entry
    {
        QString key;
        QString user;   // keys belong to a user: only that user's session can ask about them
        QString server; // which bank (ServerEndpoint identity), since keys belong to one bank
        TransferRequest request;
        QDateTime savedAt; // UTC
    };

    explicit PendingIntentJournal(QString filePath, QObject *parent = nullptr);

    // pending-transfers.json in `folder`.
    static QString pathIn(const QString &folder);
    // pathIn(QStandardPaths::AppDataLocation).
    static QString defaultPath();

    QString filePath() const { return m_path; }
    // Why the file could not be read or written, last time; empty when it could.
    QString error() const { return m_error; }
    // Where this instance put the unreadable files it found, oldest first.
    const QStringList &setAside() const { return m_setAside; }

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

signals:
    // The file could not be read and was renamed to `keptAs`; the transfers in it, if any, were
    // not asked about.
    void unreadableSetAside(const QString &keptAs);

private:
    // Under the lock: reads the file, lets `change` edit the entries (it returns whether it
    // did) and writes them back if so. A null `change` only reads.
    bool update(const std::function<bool(QList<Entry> &)> &change);
    enum class ReadResult { Read, Unreadable, Failed };
    ReadResult read();
    ReadResult putAside(const QString &why);
    bool write();

    QString m_path;
    QString m_error;
    QStringList m_setAside;
    QList<Entry> m_entries;
    QJsonArray m_unusable; // entries of a readable file that this version cannot use: written back as they were
};
