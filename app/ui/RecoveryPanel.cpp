#include "app/ui/RecoveryPanel.h"

#include "app/client/session/BankSession.h"
#include "app/ui/InlineMessage.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

RecoveryPanel::RecoveryPanel(BankSession &session, QWidget *parent) : QFrame(parent), m_session(session)
{
    setObjectName(QStringLiteral("recoveryPanel"));
    setFrameShape(QFrame::StyledPanel);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("recoveryTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_message = new InlineMessage(this);
    m_message->setObjectName(QStringLiteral("recoveryMessage"));

    // Made from left to right, the order Tab follows.
    m_recheck = new QPushButton(tr("Ask a&gain"), this);
    m_recheck->setObjectName(QStringLiteral("recoveryCheckButton"));
    m_recheck->setAccessibleName(tr("Ask the bank again"));
    m_recheck->setToolTip(tr("Ask the bank again what became of this transfer"));
    m_retry = new QPushButton(tr("Retr&y it"), this);
    m_retry->setObjectName(QStringLiteral("recoveryRetryButton"));
    m_retry->setAccessibleName(tr("Retry the unfinished transfer"));
    m_retry->setToolTip(
        tr("Send this transfer now; with its own key while the bank still accepts it, so it happens at most once"));
    m_dismiss = new QPushButton(tr("&Dismiss"), this);
    m_dismiss->setObjectName(QStringLiteral("recoveryDismissButton"));
    m_dismiss->setAccessibleName(tr("Dismiss"));
    m_dismiss->setToolTip(
        tr("Hide this note; a transfer whose outcome is still unknown is asked about again next time"));

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_recheck);
    buttons->addWidget(m_retry);
    buttons->addWidget(m_dismiss);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_message);
    layout->addLayout(buttons);

    IntentRecovery &recovery = session.recovery();
    connect(&recovery, &IntentRecovery::changed, this, &RecoveryPanel::showFirst);
    // The session's flow, also a new one after the client was replaced.
    const auto followFlow
        = [this] { connect(&m_session.transferFlow(), &TransferFlow::changed, this, &RecoveryPanel::showFirst); };
    followFlow();
    connect(&session, &BankSession::transferFlowReplaced, this, followFlow);
    // Names for the accounts may arrive after the bank's answer.
    connect(&session.directory(), &AccountDirectory::changed, this, &RecoveryPanel::showFirst);
    connect(m_retry, &QPushButton::clicked, this, [this] { m_session.retryRecovered(currentKey()); });
    connect(m_recheck, &QPushButton::clicked, this, [this] { m_session.recovery().recheck(currentKey()); });
    connect(m_dismiss, &QPushButton::clicked, this, [this] { m_session.recovery().dismiss(currentKey()); });
    showFirst();
}

QString RecoveryPanel::currentKey() const
{
    const auto &items = m_session.recovery().items();
    return items.isEmpty() ? QString() : items.constFirst().entry.key;
}

void RecoveryPanel::showFirst()
{
    const auto &items = m_session.recovery().items();
    setVisible(!items.isEmpty());
    if (items.isEmpty())
        return;
    const IntentRecovery::Item &item = items.constFirst();
    const QString what = m_session.directory().describe(item.entry.request, m_session.transferFlow().locale());
    m_title->setText(items.size() == 1 ? tr("A transfer left unfinished last time")
                                       : tr("A transfer left unfinished last time (1 of %1)").arg(items.size()));
    using Verdict = TransferStatus::Verdict;
    if (item.checking) {
        m_message->showMessage(InlineMessage::Kind::Note, tr("Asking the bank what became of %1…").arg(what));
    } else {
        const Verdict verdict = item.status.verdict;
        const InlineMessage::Kind kind = verdict == Verdict::Happened ? InlineMessage::Kind::Success
            : verdict == Verdict::Unknown                             ? InlineMessage::Kind::Error
                                                                      : InlineMessage::Kind::Note;
        m_message->showMessage(kind, item.status.message(what));
    }
    const bool canRetry
        = !item.checking && (item.status.verdict == Verdict::NotYet || item.status.verdict == Verdict::KeyExpired);
    m_retry->setVisible(canRetry);
    m_retry->setEnabled(!m_session.transferFlow().isBusy() && !m_session.transferFlow().isUnsafe());
    m_recheck->setVisible(!item.checking && item.status.verdict == Verdict::Unknown);
}
