#pragma once

#include <QTimer>
#include <QWidget>

#include <optional>

class AttemptTimeline;
class QPainter;
class TimelineRecorder;

// The attempt timeline as a sequence diagram: lanes Client | Network | Server, one row per
// attempt with its request arrow, a cross where the network lost it, the server's verdict, the
// answer (or where it was lost) and the latency; the ledger effect of the whole transfer below.
// Paints the AttemptTimeline it is given and nothing else; exports it as PNG and as text.
class AttemptTimelineView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AttemptTimelineView)
public:
    static constexpr int kExportWidth = 960;

    // A text the diagram draws: the box it is drawn into (as wide as its column, as high as its
    // lines) and how, so that a test can check that it fits and overlaps no other.
    struct DrawnText
    {
        QString text;
        QRectF box;
        QFont font; // as the painter had it, for that device's metrics
        int flags = 0;
    };
    // What painting a timeline draws: its height, its texts, and where the lines that
    // AttemptTimelineAccessible::lines() names are (see lineRect).
    struct Layout
    {
        int height = 0;
        QList<DrawnText> texts;
        QList<QRect> lines;
    };
    // Paints `timeline` `width` pixels wide in the painter's font, under `heading` (for an export:
    // which case it shows) where there is one, and says what it drew.
    static Layout paint(QPainter &painter, const AttemptTimeline &timeline, int width, const QPalette &palette,
                        const QString &heading = {});
    // The layout of `timeline` in `font`, `width` pixels wide, without showing it.
    static Layout layout(const AttemptTimeline &timeline, const QFont &font, int width, const QString &heading = {});

    explicit AttemptTimelineView(const TimelineRecorder &recorder, QWidget *parent = nullptr);

    const AttemptTimeline &timeline() const;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;
    // Where line `index` of AttemptTimelineAccessible::lines() is painted: the transfer and its
    // key (0, 1), the attempts' rows, the ledger effect (the last).
    QRect lineRect(int index) const;

    // The exports are as wide as kExportWidth at the current zoom, in the current font, light
    // background and dark ink whatever the theme (for slides), under `heading`.
    int exportWidth() const;
    // At `scale` pixels per point of the layout (devicePixelRatio): 2 is crisp on a projector.
    QImage render(const QString &heading, qreal scale = 2) const;
    // All write a 0600 file (see PrivateFiles): a timeline shows keys, accounts and amounts.
    bool exportPng(const QString &path, const QString &heading) const;
    // Text stays text in it, the title and the key among it.
    bool exportSvg(const QString &path, const QString &heading) const;
    bool exportText(const QString &path) const;

protected:
    void paintEvent(QPaintEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void timelineChanged();
    // layout() at `width` in this view's font, kept until the timeline or the font changes.
    const Layout &layoutAt(int width) const;

    const TimelineRecorder &m_recorder;
    mutable std::optional<std::pair<int, Layout>> m_layout;
    QTimer m_clock; // repaints while the bank works on an attempt
};
