#pragma once

#include <QAccessibleWidget>
#include <QHash>

class AttemptTimelineView;

// What assistive technologies and GUI robots read of the custom-painted attempt timeline: a list
// whose items are the diagram's lines, each read as text (the transfer, its key, one item per
// attempt with what the client, the network and the server saw, and the ledger effect). Qt asks
// for it through the factory that install() adds, once, for every AttemptTimelineView.
class AttemptTimelineAccessible : public QAccessibleWidget
{
public:
    explicit AttemptTimelineAccessible(AttemptTimelineView *view);
    ~AttemptTimelineAccessible() override;
    Q_DISABLE_COPY_MOVE(AttemptTimelineAccessible)

    static void install();

    // The texts of the items, in order; empty while the timeline is.
    static QStringList lines(const AttemptTimelineView &view);

    int childCount() const override;
    QAccessibleInterface *child(int index) const override;
    int indexOfChild(const QAccessibleInterface *child) const override;
    QAccessibleInterface *childAt(int x, int y) const override;

private:
    AttemptTimelineView *view() const;

    mutable QHash<int, QAccessible::Id> m_children;
};
