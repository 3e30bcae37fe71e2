#pragma once

#include "app/client/transport/ApiFailure.h"

#include <QAbstractTableModel>

// A table of one of the API's paged lists (limit and starting_after, newest first), fetched a
// page at a time (canFetchMore/fetchMore) as the view scrolls: the paging that the transfer
// history and the scheduled transfers share. A subclass asks the bank for a page and, with
// isCurrent() true, inserts its rows and calls pageLoaded() (or pageFailed()).
class PagedTableModel : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PagedTableModel)
public:
    static constexpr int kDefaultPageSize = 50;

    void setPageSize(int pageSize) { m_pageSize = pageSize; }
    // Drops what is loaded and fetches the first page.
    void reload();
    // Empties the model and stops fetching (signed out).
    void clear();
    bool isLoading() const { return m_loading; }
    bool hasMore() const { return m_hasMore; }

    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

signals:
    void loadingChanged(bool loading);
    void loadFailed(const QString &message);

protected:
    explicit PagedTableModel(QObject *parent = nullptr);

    // Asks the bank for `limit` items after the one with id `after` (empty: the first page).
    virtual void requestPage(int limit, const QString &after) = 0;
    // The id of the last row, the next page's starting_after.
    virtual QString lastId() const = 0;
    // Empties the rows, inside a model reset; `signedOut`: clear(), not reload().
    virtual void forgetRows(bool signedOut) = 0;

    // Whether an answer asked for at `generation` still belongs to what is shown.
    bool isCurrent(quint64 generation) const { return generation == m_generation; }
    quint64 generation() const { return m_generation; }
    // The page asked for has been inserted; `hasMore`: the bank has older ones.
    void pageLoaded(bool hasMore);
    void pageFailed(const ApiFailure &failure);

private:
    void reset(bool signedOut);
    void setLoading(bool loading);

    int m_pageSize = kDefaultPageSize;
    bool m_active = false;
    bool m_hasMore = false;
    bool m_loading = false;
    quint64 m_generation = 0; // answers for an older reload() are dropped
};
