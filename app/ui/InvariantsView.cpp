#include "app/ui/InvariantsView.h"

#include "app/ui/InlineMessage.h"

#include <QLabel>
#include <QVBoxLayout>

namespace {

constexpr LedgerInvariants::Kind kKinds[] = {
    LedgerInvariants::Kind::TotalMoney,
    LedgerInvariants::Kind::OneTransferPerKey,
    LedgerInvariants::Kind::ReplaysIdentical,
    LedgerInvariants::Kind::OneTransferPerIntent,
};

const char *objectNameOf(LedgerInvariants::Kind kind)
{
    switch (kind) {
    case LedgerInvariants::Kind::TotalMoney:
        return "invariantTotalMoney";
    case LedgerInvariants::Kind::OneTransferPerKey:
        return "invariantOneTransferPerKey";
    case LedgerInvariants::Kind::ReplaysIdentical:
        return "invariantReplaysIdentical";
    case LedgerInvariants::Kind::OneTransferPerIntent:
        return "invariantOneTransferPerIntent";
    }
    return "";
}

InlineMessage::Kind colourOf(LedgerInvariants::State state)
{
    switch (state) {
    case LedgerInvariants::State::Holds:
        return InlineMessage::Kind::Success;
    case LedgerInvariants::State::Broken:
        return InlineMessage::Kind::Error;
    case LedgerInvariants::State::NotChecked:
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
    layout->addWidget(m_waiting);
    for (const LedgerInvariants::Kind kind : kKinds) {
        auto *line = new InlineMessage(this);
        line->setObjectName(QLatin1String(objectNameOf(kind)));
        layout->addWidget(line);
        m_lines.append(line);
    }
}

void InvariantsView::setChecks(const QList<LedgerInvariants::Check> &checks)
{
    m_waiting->setVisible(checks.isEmpty());
    for (InlineMessage *line : std::as_const(m_lines))
        line->clearMessage();
    for (const LedgerInvariants::Check &check : checks) {
        InlineMessage *shown = line(check.kind);
        shown->showMessage(colourOf(check.state), check.text());
        shown->setAccessibleName(check.text());
    }
}

InlineMessage *InvariantsView::line(LedgerInvariants::Kind kind) const { return m_lines.value(int(kind)); }
