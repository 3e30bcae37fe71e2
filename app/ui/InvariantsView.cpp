#include "app/ui/InvariantsView.h"

#include "app/ui/InlineMessage.h"

#include <QLabel>
#include <QVBoxLayout>

namespace {

constexpr LiveInvariants::Kind kKinds[] = {
    LiveInvariants::Kind::TotalMoney,           LiveInvariants::Kind::OneTransferPerKey,
    LiveInvariants::Kind::ReplaysIdentical,     LiveInvariants::Kind::OneTransferPerIntent,
    LiveInvariants::Kind::OneSchedulePerIntent,
};

const char *objectNameOf(LiveInvariants::Kind kind)
{
    switch (kind) {
    case LiveInvariants::Kind::TotalMoney:
        return "invariantTotalMoney";
    case LiveInvariants::Kind::OneTransferPerKey:
        return "invariantOneTransferPerKey";
    case LiveInvariants::Kind::ReplaysIdentical:
        return "invariantReplaysIdentical";
    case LiveInvariants::Kind::OneTransferPerIntent:
        return "invariantOneTransferPerIntent";
    case LiveInvariants::Kind::OneSchedulePerIntent:
        return "invariantOneSchedulePerIntent";
    }
    return "";
}

InlineMessage::Kind colourOf(LiveInvariants::State state)
{
    switch (state) {
    case LiveInvariants::State::Holds:
        return InlineMessage::Kind::Success;
    case LiveInvariants::State::Broken:
        return InlineMessage::Kind::Error;
    case LiveInvariants::State::NotChecked:
        break;
    }
    return InlineMessage::Kind::Note;
}

} // namespace

InvariantsView::InvariantsView(QWidget *parent) : QGroupBox(tr("Invariants, checked against the bank"), parent)
{
    setObjectName(QStringLiteral("invariantsView"));
    setAccessibleName(tr("Invariants"));
    setToolTip(tr("After every attempt the app asks the bank: its transfers over the API as the signed-in user, and "
                  "the sum of all balances from the integrated server"));
    m_waiting = new QLabel(tr("Checked after every attempt of the next transfer."), this);
    m_waiting->setObjectName(QStringLiteral("invariantsWaiting"));
    m_waiting->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->setSpacing(2); // four short lines (of five; the last two per subject): the timeline above keeps the room
    layout->setContentsMargins(layout->contentsMargins() - QMargins(0, 3, 0, 3));
    layout->addWidget(m_waiting);
    for (const LiveInvariants::Kind kind : kKinds) {
        auto *line = new InlineMessage(this);
        line->setObjectName(QLatin1String(objectNameOf(kind)));
        layout->addWidget(line);
        m_lines.append(line);
    }
}

void InvariantsView::setChecks(const QList<LiveInvariants::Check> &checks)
{
    m_waiting->setVisible(checks.isEmpty());
    for (InlineMessage *line : std::as_const(m_lines))
        line->clearMessage();
    for (const LiveInvariants::Check &check : checks) {
        InlineMessage *shown = line(check.kind);
        shown->showMessage(colourOf(check.state), check.text());
        shown->setAccessibleName(check.text());
    }
}

InlineMessage *InvariantsView::line(LiveInvariants::Kind kind) const { return m_lines.value(int(kind)); }
