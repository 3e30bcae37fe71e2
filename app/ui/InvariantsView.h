#pragma once

#include "app/teaching/LiveInvariants.h"

#include <QGroupBox>

class InlineMessage;
class QLabel;

// The live invariants under the timeline: one line per invariant, green when it holds and red when
// it is broken, its verdict also in words (colour is not the only signal) and in its accessible
// name. Shows what it is given; InvariantMonitor decides.
class InvariantsView : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InvariantsView)
public:
    explicit InvariantsView(QWidget *parent = nullptr);

    void setChecks(const QList<LiveInvariants::Check> &checks);
    // The line of one invariant, objectName e.g. "invariantOneTransferPerIntent".
    InlineMessage *line(LiveInvariants::Kind kind) const;

private:
    QLabel *m_waiting = nullptr;
    QList<InlineMessage *> m_lines; // in the order of LiveInvariants::Kind
};
