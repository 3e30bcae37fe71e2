#pragma once

#include "app/client/transfer/TransferIntent.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QTimer>

// The user's idempotency keys: those the bank lists at sign-in (its newest ones) and those this
// session obtains; which transfer each belongs to (when this session knows), its state, how long
// until it expires, and how many replays the server answered with it. The time column ticks.
class KeysModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeysModel)
public:
    enum Column { KeyColumn, TransferColumn, StateColumn, ExpiresColumn, ReplaysColumn, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1 };

    explicit KeysModel(QObject *parent = nullptr);

    void addKey(const IdempotencyKeyInfo &info);
    void setState(const QString &key, TransferIntent::KeyState state);
    void setSummary(const QString &key, const QString &summary);
    // Counts one more replayed answer for the key; returns the new count.
    int countReplay(const QString &key);
    int replays(const QString &key) const;
    TransferIntent::KeyState state(const QString &key, const QDateTime &now = QDateTime::currentDateTimeUtc()) const;
    void clear();

    // "23 h 59 min", "4 min 10 s", "expired"
    static QString timeLeft(const QDateTime &now, const QDateTime &expiresAt);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString key;
        QDateTime createdAt;
        QDateTime expiresAt;
        TransferIntent::KeyState state = TransferIntent::KeyState::Unused;
        QString summary;
        int replays = 0;
    };
    int rowOf(const QString &key) const;
    void changed(int row, int column);
    void tick();

    QList<Row> m_rows;
    QTimer m_clock;
};
