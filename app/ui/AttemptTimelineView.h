#pragma once

#include <QTimer>
#include <QWidget>

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

    explicit AttemptTimelineView(const TimelineRecorder &recorder, QWidget *parent = nullptr);

    const AttemptTimeline &timeline() const;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    // Where line `index` of AttemptTimelineAccessible::lines() is painted: the transfer and its
    // key (0, 1), the attempts' rows, the ledger effect (the last).
    QRect lineRect(int index) const;

    // The diagram `width` pixels wide, light background and dark ink whatever the theme: for slides.
    QImage render(int width = kExportWidth) const;
    // Both write a 0600 file (see PrivateFiles): a timeline shows keys, accounts and amounts.
    bool exportPng(const QString &path, int width = kExportWidth) const;
    bool exportText(const QString &path) const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void timelineChanged();
    int contentHeight() const;
    void paint(QPainter &painter, int width, const QPalette &palette) const;

    const TimelineRecorder &m_recorder;
    QTimer m_clock; // repaints while the bank works on an attempt
};
