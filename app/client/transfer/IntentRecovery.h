#pragma once

#include "app/client/transfer/PendingIntentJournal.h"
#include "app/client/transfer/TransferStatus.h"

#include <QList>
#include <QObject>

class ApiClient;

// What became of the transfers an earlier run left with an unknown outcome: after sign-in, asks
// the bank about every pending key of this user and bank (GET /v1/idempotency-keys/{key}) and
// keeps one item per key for the user to see. Settled keys (it happened, it was refused, the key
// is dead) leave the journal at once; a key that has not happened stays there until the user
// retries or dismisses it, so another crash loses nothing.
class IntentRecovery : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IntentRecovery)
public:
    struct Item
    {
        PendingIntentJournal::Entry entry;
        bool checking = true; // the bank has not answered yet
        TransferStatus status;
    };

    IntentRecovery(ApiClient &api, QObject *parent = nullptr);

    void setJournal(PendingIntentJournal *journal) { m_journal = journal; }
    // Asks about every pending key of `user` at `server`.
    void reconcile(const QString &user, const QString &server);
    // Asks about this item's key again (the bank could not be asked before).
    void recheck(const QString &key);
    // Forgets the item, and its journal entry once the bank has told what became of it.
    void dismiss(const QString &key);
    // Takes the item out for a retry; its journal entry stays until the retry settles it.
    std::optional<Item> take(const QString &key);
    void clear();

    const QList<Item> &items() const { return m_items; }
    bool isChecking() const;

signals:
    void changed();
    // The bank answered about `item`'s key, asked at `askedAt` (UTC) and answered `elapsedMs` later:
    // the lookup is a row of the timeline.
    void checked(const IntentRecovery::Item &item, const QDateTime &askedAt, qint64 elapsedMs);

private:
    void ask(const PendingIntentJournal::Entry &entry);
    int indexOf(const QString &key) const;

    ApiClient &m_api;
    PendingIntentJournal *m_journal = nullptr;
    QList<Item> m_items;
    quint64 m_generation = 0;
};
