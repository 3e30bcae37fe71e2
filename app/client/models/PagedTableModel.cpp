#include "app/client/models/PagedTableModel.h"

#include "app/client/messages/ProblemMessages.h"

PagedTableModel::PagedTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void PagedTableModel::reload()
{
    reset(false);
    fetchMore({});
}

void PagedTableModel::clear() { reset(true); }

void PagedTableModel::reset(bool signedOut)
{
    ++m_generation;
    // Not loading before the reset: a view may call fetchMore() from its modelReset handler.
    setLoading(false);
    beginResetModel();
    forgetRows(signedOut);
    m_active = !signedOut;
    m_hasMore = !signedOut;
    endResetModel();
}

void PagedTableModel::setLoading(bool loading)
{
    if (m_loading == loading)
        return;
    m_loading = loading;
    emit loadingChanged(loading);
}

bool PagedTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_active && m_hasMore && !m_loading;
}

void PagedTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    setLoading(true);
    requestPage(m_pageSize, lastId());
}

void PagedTableModel::pageLoaded(bool hasMore)
{
    m_hasMore = hasMore;
    // Only now: views ask for the next page while the rows are being inserted.
    setLoading(false);
}

void PagedTableModel::pageFailed(const ApiFailure &failure)
{
    // Stop asking until the next reload(); the view would otherwise retry in a loop.
    m_hasMore = false;
    setLoading(false);
    emit loadFailed(ProblemMessages::forFailure(failure));
}
