#include "app/ui/AttemptTimelineAccessible.h"

#include "app/teaching/AttemptTimeline.h"
#include "app/ui/AttemptTimelineView.h"

#include <QPointer>
#include <QWindow>

namespace {

// One line of the diagram. Holds no text of its own: it reads the view's timeline when asked, so
// it is never stale, and is invalid once the timeline has fewer lines.
class TimelineLine : public QAccessibleInterface
{
public:
    TimelineLine(AttemptTimelineView *view, int index) : m_view(view), m_index(index) {}

    bool isValid() const override { return m_view && m_index < AttemptTimelineAccessible::lines(*m_view).size(); }
    QObject *object() const override { return nullptr; }
    QWindow *window() const override { return m_view ? m_view->window()->windowHandle() : nullptr; }
    QAccessibleInterface *childAt(int, int) const override { return nullptr; }
    QAccessibleInterface *parent() const override { return QAccessible::queryAccessibleInterface(m_view.data()); }
    QAccessibleInterface *child(int) const override { return nullptr; }
    int childCount() const override { return 0; }
    int indexOfChild(const QAccessibleInterface *) const override { return -1; }
    QString text(QAccessible::Text t) const override
    {
        if (t != QAccessible::Name || !isValid())
            return {};
        return AttemptTimelineAccessible::lines(*m_view).at(m_index);
    }
    void setText(QAccessible::Text, const QString &) override {}
    QRect rect() const override
    {
        if (!isValid())
            return {};
        const QRect local = m_view->lineRect(m_index);
        return {m_view->mapToGlobal(local.topLeft()), local.size()};
    }
    QAccessible::Role role() const override { return QAccessible::ListItem; }
    QAccessible::State state() const override
    {
        QAccessible::State state;
        state.invalid = !isValid();
        state.readOnly = true;
        state.invisible = !m_view || !m_view->isVisible();
        return state;
    }

private:
    QPointer<AttemptTimelineView> m_view;
    int m_index;
};

QAccessibleInterface *timelineFactory(const QString &className, QObject *object)
{
    if (className == QLatin1String(AttemptTimelineView::staticMetaObject.className()) && object
        && object->isWidgetType())
        return new AttemptTimelineAccessible(static_cast<AttemptTimelineView *>(object));
    return nullptr;
}

} // namespace

AttemptTimelineAccessible::AttemptTimelineAccessible(AttemptTimelineView *view)
    : QAccessibleWidget(view, QAccessible::List)
{}

AttemptTimelineAccessible::~AttemptTimelineAccessible()
{
    for (const QAccessible::Id id : std::as_const(m_children))
        QAccessible::deleteAccessibleInterface(id);
}

void AttemptTimelineAccessible::install()
{
    static const bool installed = [] {
        QAccessible::installFactory(timelineFactory);
        return true;
    }();
    Q_UNUSED(installed);
}

QStringList AttemptTimelineAccessible::lines(const AttemptTimelineView &view)
{
    const AttemptTimeline &timeline = view.timeline();
    if (timeline.isEmpty())
        return {};
    // The same words as the timeline's text export (AttemptTimeline::toText), one line per item.
    QStringList lines{timeline.heading(),
                      timeline.isUnsafe()
                          ? AttemptTimeline::tr("Key: none (unsafe demonstration: sent without an idempotency key)")
                          : AttemptTimeline::tr("Key: %1").arg(timeline.key())};
    for (const AttemptTimeline::Row &row : timeline.rows()) {
        lines << AttemptTimeline::tr("Attempt %1 at %2: client %3; network %4; server %5; %6")
                     .arg(row.number)
                     .arg(row.startedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz")), row.clientText(),
                          row.networkText(), row.serverText(), row.latencyText());
    }
    lines << timeline.effectLine();
    return lines;
}

AttemptTimelineView *AttemptTimelineAccessible::view() const { return static_cast<AttemptTimelineView *>(widget()); }

int AttemptTimelineAccessible::childCount() const { return int(lines(*view()).size()); }

QAccessibleInterface *AttemptTimelineAccessible::child(int index) const
{
    if (index < 0 || index >= childCount())
        return nullptr;
    if (const QAccessible::Id id = m_children.value(index))
        return QAccessible::accessibleInterface(id);
    auto *line = new TimelineLine(view(), index);
    m_children.insert(index, QAccessible::registerAccessibleInterface(line));
    return line;
}

int AttemptTimelineAccessible::indexOfChild(const QAccessibleInterface *child) const
{
    for (auto it = m_children.cbegin(); it != m_children.cend(); ++it) {
        if (QAccessible::accessibleInterface(it.value()) == child)
            return it.key() < childCount() ? it.key() : -1;
    }
    return -1;
}

QAccessibleInterface *AttemptTimelineAccessible::childAt(int x, int y) const
{
    for (int index = 0; index < childCount(); ++index) {
        if (QAccessibleInterface *line = child(index); line->rect().contains(x, y))
            return line;
    }
    return nullptr;
}
