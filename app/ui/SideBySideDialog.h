#pragma once

#include "app/teaching/TeachingPreset.h"

#include <QDialog>
#include <QImage>

class AttemptTimeline;
class InlineMessage;
class QLabel;
class QPushButton;

// Side by side: the same failure case run with a key and without one, the two timelines next to
// each other as the app drew them, each under its ledger effect ("With key: debited once"), and
// the picture of both for slides. Shows what it is given; DesktopApp runs the two transfers.
class SideBySideDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SideBySideDialog)
public:
    // Around and between the two timelines in the exported picture.
    static constexpr int kPictureMargin = 32;
    // On screen each timeline is scaled to this width, so that both fit next to each other.
    static constexpr int kShownWidth = 560;

    explicit SideBySideDialog(QWidget *parent = nullptr);

    // The run of `preset` has settled: its timeline and its picture (AttemptTimelineView::render).
    // The keyed run comes first and clears the other side until it has run too.
    void showSide(const TeachingPreset &preset, const AttemptTimeline &timeline, const QImage &picture);
    // "With key: debited once", "Without key: debited twice"; empty until that side ran.
    QString heading(bool withKey) const;
    // The ledger effect of that side in money, one line per account.
    QString ledger(bool withKey) const;
    bool isComplete() const;

    // Both timelines next to each other under the case and their headings, light background, for
    // slides; each at AttemptTimelineView::kExportWidth.
    QImage render() const;
    bool exportPng(const QString &path) const;

private:
    struct Side
    {
        QLabel *heading = nullptr;
        QLabel *picture = nullptr;
        QLabel *ledger = nullptr;
        QImage image;
    };
    Side &side(bool withKey) { return m_sides[withKey ? 0 : 1]; }
    const Side &side(bool withKey) const { return m_sides[withKey ? 0 : 1]; }
    void exportWithDialog();

    Side m_sides[2]; // with key, without
    QPushButton *m_export = nullptr;
    InlineMessage *m_message = nullptr;
};
