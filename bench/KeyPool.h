#pragma once

#include <QMutex>
#include <QStringList>

#include <optional>

// Idempotency keys issued by the server and not used yet, shared by all connections.
class KeyPool
{
    Q_DISABLE_COPY_MOVE(KeyPool)
public:
    KeyPool() = default;

    void add(const QString &key);
    std::optional<QString> take();
    qsizetype available() const;

private:
    mutable QMutex m_mutex;
    QStringList m_keys;
    qsizetype m_next = 0;
};
