#include "app/client/models/TransferHistoryModel.h"

#include "app/client/session/AccountDirectory.h"
#include "app/client/transport/ApiClient.h"
#include "shared/core/Timestamp.h"
#include "shared/money/Money.h"
#include "shared/wire/IdempotencyKeyFormat.h"

#include <QLocale>

TransferHistoryModel::TransferHistoryModel(ApiClient &api, const AccountDirectory &directory, QObject *parent)
    : PagedTableModel(parent),
      m_api(api),
      m_directory(directory)
{
    connect(&m_directory, &AccountDirectory::changed, this, &TransferHistoryModel::namesChanged);
    // Which transfers are the user's own is known once the accounts are.
    connect(&m_directory, &AccountDirectory::changed, this, &TransferHistoryModel::lookUpReplays);
}

void TransferHistoryModel::forgetRows(bool signedOut)
{
    m_transfers.clear();
    m_replaysAsked.clear();
    if (signedOut)
        m_replays.clear();
}

QString TransferHistoryModel::lastId() const { return m_transfers.isEmpty() ? QString() : m_transfers.constLast().id; }

void TransferHistoryModel::requestPage(int limit, const QString &after)
{
    m_api.listTransfers(limit, after, this, [this, asked = generation()](const ApiResult<TransferPage> &page) {
        if (!isCurrent(asked))
            return;
        if (!page)
            return pageFailed(page.failure());
        if (!page->transfers.isEmpty()) {
            const int first = int(m_transfers.size());
            beginInsertRows({}, first, first + int(page->transfers.size()) - 1);
            m_transfers.append(page->transfers);
            endInsertRows();
            lookUpReplays();
        }
        pageLoaded(page->hasMore);
    });
}

void TransferHistoryModel::lookUpReplays()
{
    const quint64 asked = generation();
    for (const Transfer &transfer : std::as_const(m_transfers)) {
        const QString &key = transfer.idempotencyKey;
        // Only the sender's keys are theirs to look up; a made-up one has nothing to count.
        if (!m_directory.account(transfer.fromAccount) || IdempotencyKeyFormat::isUnsafeDemoKey(key)
            || m_replays.contains(key) || m_replaysAsked.contains(key))
            continue;
        m_replaysAsked.insert(key);
        m_api.keyInfo(key, this, [this, asked, key](const ApiResult<IdempotencyKeyInfo> &info) {
            if (isCurrent(asked) && info && info->replays && !m_replays.contains(key))
                setReplayCount(key, *info->replays);
        });
    }
}

TransferHistoryModel::Direction TransferHistoryModel::directionOf(const Transfer &transfer) const
{
    const bool fromOwn = m_directory.account(transfer.fromAccount).has_value();
    const bool toOwn = m_directory.account(transfer.toAccount).has_value();
    if (fromOwn && toOwn)
        return Direction::Own;
    if (fromOwn || toOwn)
        return fromOwn ? Direction::Out : Direction::In;
    return Direction::Unknown;
}

void TransferHistoryModel::replayed(const QString &key)
{
    m_replays.remove(key);
    m_replaysAsked.remove(key);
    lookUpReplays();
}

QString TransferHistoryModel::shortDate(const QDateTime &when, const QLocale &locale)
{
    if (locale.language() == QLocale::C)
        return when.toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    return locale.toString(when, QLocale::ShortFormat);
}

void TransferHistoryModel::setReplayCount(const QString &key, qint64 count)
{
    m_replays.insert(key, count);
    for (int row = 0; row < m_transfers.size(); ++row) {
        if (m_transfers.at(row).idempotencyKey == key)
            emit dataChanged(index(row, ReplaysColumn), index(row, ReplaysColumn));
    }
}

void TransferHistoryModel::namesChanged()
{
    if (!m_transfers.isEmpty())
        emit dataChanged(index(0, DirectionColumn), index(rowCount() - 1, ToColumn));
}

int TransferHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_transfers.size());
}

int TransferHistoryModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant TransferHistoryModel::display(const Transfer &transfer, int column) const
{
    const QLocale locale;
    switch (column) {
    case DateColumn:
        return shortDate(Timestamp::fromIso(transfer.createdAt).toLocalTime(), locale);
    case DirectionColumn:
        switch (directionOf(transfer)) {
        case Direction::In:
            return tr("in");
        case Direction::Out:
            return tr("out");
        case Direction::Own:
            return tr("own");
        case Direction::Unknown:
            break;
        }
        return {};
    case FromColumn:
        return m_directory.displayName(transfer.fromAccount);
    case ToColumn:
        return m_directory.displayName(transfer.toAccount);
    case AmountColumn:
        return Money::formatWithCurrency(transfer.amount, transfer.currency, locale);
    case MemoColumn:
        return transfer.memo;
    case KeyColumn:
        return IdempotencyKeyFormat::isUnsafeDemoKey(transfer.idempotencyKey) ? tr("no key") : transfer.idempotencyKey;
    case ReplaysColumn: {
        const auto found = m_replays.constFind(transfer.idempotencyKey);
        return found == m_replays.constEnd() ? QVariant() : QVariant(locale.toString(*found));
    }
    default:
        return {};
    }
}

QVariant TransferHistoryModel::sortValue(const Transfer &transfer, int column) const
{
    switch (column) {
    case DateColumn:
        return Timestamp::fromIso(transfer.createdAt).toMSecsSinceEpoch();
    case AmountColumn:
        return transfer.amount;
    case ReplaysColumn:
        return m_replays.value(transfer.idempotencyKey, -1);
    default:
        return display(transfer, column);
    }
}

QVariant TransferHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Transfer &transfer = m_transfers.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(transfer, index.column());
    case SortRole:
        return sortValue(transfer, index.column());
    case TransferIdRole:
        return transfer.id;
    case Qt::ToolTipRole:
        if (index.column() == FromColumn)
            return transfer.fromAccount;
        if (index.column() == ToColumn)
            return transfer.toAccount;
        if (index.column() == ReplaysColumn)
            return tr("Times the bank answered a retry of this transfer with the stored result");
        if (index.column() == KeyColumn && IdempotencyKeyFormat::isUnsafeDemoKey(transfer.idempotencyKey))
            return tr("Sent without an idempotency key (the unsafe demonstration); the bank made up %1 for its records")
                .arg(transfer.idempotencyKey);
        if (index.column() == KeyColumn)
            return transfer.idempotencyKey;
        if (index.column() == DirectionColumn) {
            switch (directionOf(transfer)) {
            case Direction::In:
                return tr("Received into your account");
            case Direction::Out:
                return tr("Sent from your account");
            case Direction::Own:
                return tr("Moved between two of your accounts");
            case Direction::Unknown:
                break;
            }
        }
        if (index.column() == MemoColumn && !transfer.memo.isEmpty())
            return transfer.memo;
        return tr("Transfer %1").arg(transfer.id);
    case Qt::TextAlignmentRole:
        if (index.column() == AmountColumn || index.column() == ReplaysColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant::fromValue(Qt::AlignLeft | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant TransferHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case DateColumn:
        return tr("Date");
    case DirectionColumn:
        return tr("In/out");
    case FromColumn:
        return tr("From");
    case ToColumn:
        return tr("To");
    case AmountColumn:
        return tr("Amount");
    case MemoColumn:
        return tr("Memo");
    case KeyColumn:
        return tr("Key");
    case ReplaysColumn:
        return tr("Replays");
    default:
        return {};
    }
}
