#include "app/client/models/KeysModel.h"

#include "shared/core/Timestamp.h"

#include <QLocale>

KeysModel::KeysModel(QObject *parent) : QAbstractTableModel(parent), m_clock(this)
{
    m_clock.setInterval(1000);
    connect(&m_clock, &QTimer::timeout, this, &KeysModel::tick);
}

void KeysModel::addKey(const IdempotencyKeyInfo &info)
{
    if (rowOf(info.key) >= 0)
        return;
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    m_rows.append({info.key,
                   Timestamp::fromIso(info.createdAt),
                   Timestamp::fromIso(info.expiresAt),
                   TransferIntent::stateOf(info),
                   {},
                   0});
    endInsertRows();
    m_clock.start();
}

int KeysModel::rowOf(const QString &key) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).key == key)
            return row;
    }
    return -1;
}

void KeysModel::changed(int row, int column) { emit dataChanged(index(row, column), index(row, column)); }

void KeysModel::setState(const QString &key, TransferIntent::KeyState state)
{
    const int row = rowOf(key);
    if (row < 0 || m_rows[row].state == state)
        return;
    m_rows[row].state = state;
    changed(row, StateColumn);
}

void KeysModel::setSummary(const QString &key, const QString &summary)
{
    const int row = rowOf(key);
    if (row < 0 || m_rows[row].summary == summary)
        return;
    m_rows[row].summary = summary;
    changed(row, TransferColumn);
}

int KeysModel::countReplay(const QString &key)
{
    const int row = rowOf(key);
    if (row < 0)
        return 0;
    ++m_rows[row].replays;
    changed(row, ReplaysColumn);
    return m_rows[row].replays;
}

int KeysModel::replays(const QString &key) const
{
    const int row = rowOf(key);
    return row < 0 ? 0 : m_rows.at(row).replays;
}

TransferIntent::KeyState KeysModel::state(const QString &key, const QDateTime &now) const
{
    const int row = rowOf(key);
    if (row < 0)
        return TransferIntent::KeyState::None;
    return TransferIntent::effectiveState(m_rows.at(row).state, m_rows.at(row).expiresAt, now);
}

void KeysModel::clear()
{
    m_clock.stop();
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void KeysModel::tick()
{
    if (m_rows.isEmpty())
        return;
    emit dataChanged(index(0, StateColumn), index(rowCount() - 1, ExpiresColumn));
}

QString KeysModel::timeLeft(const QDateTime &now, const QDateTime &expiresAt)
{
    const qint64 seconds = now.secsTo(expiresAt);
    if (!expiresAt.isValid() || seconds <= 0)
        return tr("expired");
    if (seconds >= 3600)
        return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
    if (seconds >= 60)
        return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return tr("%1 s").arg(seconds);
}

int KeysModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_rows.size()); }

int KeysModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant KeysModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (role == Qt::DisplayRole || role == SortRole) {
        switch (index.column()) {
        case KeyColumn:
            return row.key;
        case TransferColumn:
            return row.summary;
        case StateColumn:
            return TransferIntent::stateName(state(row.key, now));
        case ExpiresColumn:
            if (role == SortRole)
                return row.expiresAt.toMSecsSinceEpoch();
            // A used or abandoned key no longer counts down: it stays as it is until purged.
            if (row.state == TransferIntent::KeyState::Completed || row.state == TransferIntent::KeyState::Rejected
                || row.state == TransferIntent::KeyState::Abandoned)
                return QString();
            return timeLeft(now, row.expiresAt);
        case ReplaysColumn:
            return role == SortRole ? QVariant(row.replays) : QVariant(QLocale().toString(row.replays));
        default:
            return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        if (index.column() == ExpiresColumn && row.expiresAt.isValid())
            return tr("Expires at %1").arg(QLocale().toString(row.expiresAt.toLocalTime(), QLocale::LongFormat));
        return tr("Obtained at %1").arg(QLocale().toString(row.createdAt.toLocalTime(), QLocale::LongFormat));
    }
    if (role == Qt::TextAlignmentRole && index.column() == ReplaysColumn)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant KeysModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case KeyColumn:
        return tr("Key");
    case TransferColumn:
        return tr("Transfer");
    case StateColumn:
        return tr("State");
    case ExpiresColumn:
        return tr("Expires in");
    case ReplaysColumn:
        return tr("Replays");
    default:
        return {};
    }
}
