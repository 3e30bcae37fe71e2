#include "app/client/transfer/IntentRecovery.h"

#include "app/client/transport/ApiClient.h"

#include <QDateTime>

#include <algorithm>

IntentRecovery::IntentRecovery(ApiClient &api, QObject *parent) : QObject(parent), m_api(api) {}

void IntentRecovery::reconcile(const QString &user, const QString &server)
{
    clear();
    if (!m_journal)
        return;
    m_journal->reload();
    for (const PendingIntentJournal::Entry &entry : m_journal->entriesFor(user, server)) {
        m_items.append({entry, true, {}});
        ask(entry);
    }
    emit changed();
}

void IntentRecovery::recheck(const QString &key)
{
    const int index = indexOf(key);
    if (index < 0 || m_items.at(index).checking)
        return;
    m_items[index].checking = true;
    ask(m_items.at(index).entry);
    emit changed();
}

void IntentRecovery::ask(const PendingIntentJournal::Entry &entry)
{
    m_api.keyInfo(entry.key, this,
                  [this, key = entry.key, generation = m_generation,
                   askedAt = QDateTime::currentDateTimeUtc()](const ApiResult<IdempotencyKeyInfo> &answer) {
                      if (generation != m_generation)
                          return;
                      const int index = indexOf(key);
                      if (index < 0)
                          return;
                      Item &item = m_items[index];
                      item.checking = false;
                      item.status = TransferStatus::fromAnswer(answer);
                      if (item.status.settled() && m_journal)
                          m_journal->remove(key);
                      emit checked(item, askedAt, askedAt.msecsTo(QDateTime::currentDateTimeUtc()));
                      emit changed();
                  });
}

void IntentRecovery::dismiss(const QString &key)
{
    const int index = indexOf(key);
    if (index < 0)
        return;
    const Item item = m_items.takeAt(index);
    // Unasked, the outcome is still unknown: the key stays in the journal for the next start.
    if (m_journal && !item.checking && item.status.verdict != TransferStatus::Verdict::Unknown)
        m_journal->remove(key);
    emit changed();
}

std::optional<IntentRecovery::Item> IntentRecovery::take(const QString &key)
{
    const int index = indexOf(key);
    if (index < 0)
        return std::nullopt;
    Item item = m_items.takeAt(index);
    emit changed();
    return item;
}

void IntentRecovery::clear()
{
    ++m_generation;
    if (m_items.isEmpty())
        return;
    m_items.clear();
    emit changed();
}

bool IntentRecovery::isChecking() const
{
    return std::any_of(m_items.cbegin(), m_items.cend(), [](const Item &item) { return item.checking; });
}

int IntentRecovery::indexOf(const QString &key) const
{
    for (int i = 0; i < m_items.size(); ++i) {
        if (m_items.at(i).entry.key == key)
            return i;
    }
    return -1;
}
