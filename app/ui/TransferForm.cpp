#include "app/ui/TransferForm.h"

#include "app/client/session/AccountDirectory.h"
#include "app/client/transfer/TransferFlow.h"
#include "app/ui/AccessibleComboBox.h"
#include "app/ui/InlineMessage.h"
#include "shared/money/Money.h"
#include "shared/wire/IdempotencyKeyFormat.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace {

using KeyState = TransferIntent::KeyState;

// Stacks a field above its message so the message sits right under what it is about. A layout,
// not a widget, so that the field stays a sibling of its label: Qt's accessibility bridge relates
// a label to the field it names ("labelled by") only among siblings.
QLayout *withMessage(QWidget *field, InlineMessage *message, QWidget *extra = nullptr)
{
    auto *layout = new QVBoxLayout;
    layout->setSpacing(2);
    if (extra) {
        auto *row = new QHBoxLayout;
        row->addWidget(field, 1);
        row->addWidget(extra);
        layout->addLayout(row);
    } else {
        layout->addWidget(field);
    }
    layout->addWidget(message);
    return layout;
}

// What Send does now: send, retry the same key after a lost answer, or send without a key.
QString sendText(bool unsafe, KeyState state)
{
    if (unsafe)
        return TransferForm::tr("&Send without key (unsafe)");
    return state == KeyState::Uncertain ? TransferForm::tr("Retry with the &same key") : TransferForm::tr("&Send");
}

// A widget as wide as the widest of the texts it can show, so that a change of text moves nothing.
template <typename Widget>
void reserveWidthFor(Widget *widget, const QStringList &texts)
{
    const QString shown = widget->text();
    int widest = 0;
    for (const QString &text : texts) {
        widget->setText(text);
        widest = std::max(widest, widget->sizeHint().width());
    }
    widget->setText(shown);
    widget->setMinimumWidth(widest);
}

} // namespace

TransferForm::TransferForm(TransferFlow &flow, const AccountDirectory &directory, QWidget *parent)
    : QWidget(parent),
      m_flow(flow),
      m_directory(directory),
      m_expiryCheck(this)
{
    setObjectName(QStringLiteral("transferForm"));

    m_from = new AccessibleComboBox(this);
    m_from->setObjectName(QStringLiteral("fromAccount"));
    m_from->setAccessibleName(tr("From account"));
    m_from->setToolTip(tr("The account the money leaves"));
    m_fromError = new InlineMessage(this);
    m_fromError->setObjectName(QStringLiteral("fromError"));

    m_to = new AccessibleComboBox(this);
    m_to->setObjectName(QStringLiteral("toAccount"));
    m_to->setAccessibleName(tr("To account"));
    m_to->setToolTip(tr("Who receives the money: one of your accounts or a payee"));
    m_to->setPlaceholderText(tr("Choose a recipient"));
    m_toError = new InlineMessage(this);
    m_toError->setObjectName(QStringLiteral("toError"));

    m_amount = new QLineEdit(this);
    m_amount->setObjectName(QStringLiteral("amount"));
    m_amount->setAccessibleName(tr("Amount"));
    // An example, not a value: a bare number there looks like one already typed in.
    m_amount->setPlaceholderText(tr("e.g. %1").arg(Money::formatAmount(1250, QLocale())));
    m_amount->setToolTip(
        tr("The amount, with at most two decimals, written as in your language settings (for example %1)")
            .arg(Money::formatAmount(123450, QLocale())));
    m_amount->setAlignment(Qt::AlignRight);
    m_currency = new QLabel(this);
    m_currency->setObjectName(QStringLiteral("currency"));
    m_amountError = new InlineMessage(this);
    m_amountError->setObjectName(QStringLiteral("amountError"));

    m_memo = new QLineEdit(this);
    m_memo->setObjectName(QStringLiteral("memo"));
    m_memo->setAccessibleName(tr("Memo"));
    m_memo->setToolTip(tr("An optional note for both sides, up to 140 characters"));
    m_memo->setPlaceholderText(tr("Optional"));
    m_memo->setClearButtonEnabled(true);
    m_memoCount = new QLabel(this);
    m_memoCount->setObjectName(QStringLiteral("memoCount"));
    m_memoError = new InlineMessage(this);
    m_memoError->setObjectName(QStringLiteral("memoError"));

    auto *fields = new QFormLayout;
    fields->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const auto addField
        = [this, fields](const QString &label, QWidget *field, InlineMessage *message, QWidget *extra = nullptr) {
              auto *named = new QLabel(label, this);
              named->setBuddy(field);
              fields->addRow(named, withMessage(field, message, extra));
          };
    addField(tr("F&rom:"), m_from, m_fromError);
    addField(tr("T&o:"), m_to, m_toError);
    addField(tr("&Amount:"), m_amount, m_amountError, m_currency);
    addField(tr("&Memo:"), m_memo, m_memoError, m_memoCount);

    auto *keyBox = new QGroupBox(tr("Idempotency key"), this);
    keyBox->setObjectName(QStringLiteral("keyBox"));
    keyBox->setToolTip(
        tr("The bank moves money only once per key. Every retry of this transfer carries the same key."));
    m_key = new QLabel(keyBox);
    m_key->setObjectName(QStringLiteral("idempotencyKey"));
    m_key->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_key->setToolTip(tr("The key this transfer holds; the bank issued it for this transfer only"));
    m_key->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_keyState = new QLabel(keyBox);
    m_keyState->setObjectName(QStringLiteral("keyState"));
    m_keyExplanation = new QLabel(keyBox);
    m_keyExplanation->setObjectName(QStringLiteral("keyExplanation"));
    m_keyExplanation->setWordWrap(true);
    m_keyExplanation->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_keyExplanation->installEventFilter(this);
    m_newKey = new QPushButton(tr("Ne&w key"), keyBox);
    m_newKey->setObjectName(QStringLiteral("newKeyButton"));
    m_newKey->setAccessibleName(tr("New key"));
    m_newKey->setToolTip(tr("Get a fresh key from the bank now; the form becomes a new transfer"));
    // The key and its state are read as what they show (their accessible names), labelled by "Key:"
    // and "State:" (their buddies).
    auto *keyLabel = new QLabel(tr("Key:"), keyBox);
    keyLabel->setBuddy(m_key);
    auto *stateLabel = new QLabel(tr("State:"), keyBox);
    stateLabel->setBuddy(m_keyState);
    auto *keyLayout = new QFormLayout(keyBox);
    keyLayout->addRow(keyLabel, m_key);
    auto *stateRow = new QHBoxLayout;
    stateRow->addWidget(m_keyState, 1);
    stateRow->addWidget(m_newKey);
    keyLayout->addRow(stateLabel, stateRow);
    keyLayout->addRow(m_keyExplanation);

    m_newTransfer = new QPushButton(tr("&New transfer"), this);
    m_newTransfer->setObjectName(QStringLiteral("newTransferButton"));
    m_newTransfer->setAccessibleName(tr("New transfer"));
    m_newTransfer->setToolTip(tr("Clear the form for a new transfer (Ctrl+N)"));
    m_send = new QPushButton(tr("&Send"), this);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setAccessibleName(tr("Send transfer"));
    m_send->setToolTip(tr("Send the transfer (Ctrl+Return). Asks the bank for a key first if the transfer has none."));
    m_send->setDefault(true);
    m_autoRetry = new QCheckBox(tr("Retry a&utomatically"), this);
    m_autoRetry->setObjectName(QStringLiteral("autoRetryCheck"));
    m_autoRetry->setAccessibleName(tr("Retry automatically"));
    m_autoRetry->setToolTip(
        tr("When no answer comes back, or the bank is busy (409) or briefly unavailable (503), send "
           "again with the same key after a short, growing, random wait; at most %1 attempts")
            .arg(flow.retryPolicy().settings().maxAttempts));
    m_autoRetry->setChecked(flow.autoRetry());
    m_checkStatus = new QPushButton(tr("&Check status"), this);
    m_checkStatus->setObjectName(QStringLiteral("checkStatusButton"));
    m_checkStatus->setAccessibleName(tr("Check status"));
    m_checkStatus->setToolTip(tr("Ask the bank whether this transfer happened: it looks up the transfer's key"));
    m_unsafeBanner = new InlineMessage(this);
    m_unsafeBanner->setObjectName(QStringLiteral("unsafeBanner"));
    m_result = new InlineMessage(this);
    m_result->setObjectName(QStringLiteral("resultMessage"));

    // Nothing moves while a transfer runs: Send is as wide as its longest text, Check status keeps
    // its place while hidden, the key its width while there is none, and the buttons take two
    // rows so that the pane need not widen for them.
    reserveWidths();
    // Again at each zoom (MainWindow::setZoom).
    m_send->installEventFilter(this);
    m_key->installEventFilter(this);
    QSizePolicy keepPlace = m_checkStatus->sizePolicy();
    keepPlace.setRetainSizeWhenHidden(true);
    m_checkStatus->setSizePolicy(keepPlace);
    auto *options = new QHBoxLayout;
    options->addWidget(m_autoRetry);
    options->addStretch(1);
    options->addWidget(m_checkStatus);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_newTransfer);
    buttons->addWidget(m_send);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(fields);
    layout->addWidget(m_unsafeBanner);
    layout->addWidget(keyBox);
    layout->addLayout(options);
    layout->addLayout(buttons);
    layout->addWidget(m_result);
    layout->addStretch(1);

    setTabOrder(m_from, m_to);
    setTabOrder(m_to, m_amount);
    setTabOrder(m_amount, m_memo);
    setTabOrder(m_memo, m_send);
    setTabOrder(m_send, m_newTransfer);
    setTabOrder(m_newTransfer, m_newKey);
    setTabOrder(m_newKey, m_checkStatus);
    setTabOrder(m_checkStatus, m_autoRetry);

    connect(m_from, &QComboBox::currentIndexChanged, this, [this] {
        offerRecipients();
        fieldEdited(Field::From);
    });
    connect(m_to, &QComboBox::currentIndexChanged, this, [this] { fieldEdited(Field::To); });
    connect(m_amount, &QLineEdit::textChanged, this, [this] { fieldEdited(Field::Amount); });
    connect(m_memo, &QLineEdit::textChanged, this, [this] { fieldEdited(Field::Memo); });
    connect(m_amount, &QLineEdit::returnPressed, this, &TransferForm::send);
    connect(m_memo, &QLineEdit::returnPressed, this, &TransferForm::send);
    connect(m_send, &QPushButton::clicked, this, &TransferForm::send);
    connect(m_newTransfer, &QPushButton::clicked, this, &TransferForm::startNewTransfer);
    connect(m_newKey, &QPushButton::clicked, this, &TransferForm::requestNewKey);
    connect(m_autoRetry, &QCheckBox::toggled, &m_flow, &TransferFlow::setAutoRetry);
    connect(m_checkStatus, &QPushButton::clicked, &m_flow, &TransferFlow::checkStatus);
    connect(&m_flow, &TransferFlow::draftReplaced, this, &TransferForm::fillFromFlow);
    connect(&m_directory, &AccountDirectory::changed, this, &TransferForm::buildAccountChoices);
    connect(&m_flow, &TransferFlow::changed, this, &TransferForm::showFlow);
    // An unused key can expire while the form sits open.
    m_expiryCheck.setInterval(1000);
    connect(&m_expiryCheck, &QTimer::timeout, this, &TransferForm::showFlow);

    buildAccountChoices();
    showFlow();
}

bool TransferForm::canSend() const { return m_send->isEnabled(); }

void TransferForm::buildAccountChoices()
{
    const QString from = m_from->currentData().toString();
    const QString to = m_to->currentData().toString();
    const QLocale locale;
    m_filling = true;
    m_from->clear();
    m_to->clear();
    for (const Account &account : m_directory.accounts()) {
        m_from->addItem(
            tr("%1 (%2)").arg(account.name, Money::formatWithCurrency(account.balance, account.currency, locale)),
            account.id);
        m_to->addItem(account.name, account.id);
    }
    for (const Payee &payee : m_directory.payees())
        m_to->addItem(m_directory.displayName(payee.id), payee.id);
    m_from->setCurrentIndex(std::max(0, m_from->findData(from)));
    m_to->setCurrentIndex(m_to->findData(to));
    m_filling = false;
    offerRecipients();
    // No accounts: signed out. The next user starts with an empty form.
    if (m_directory.accounts().isEmpty())
        clearFields();
    m_flow.setDraft(draftFromFields());
    showFlow(); // also when the draft stayed the same: signed in or out changes what is shown
}

void TransferForm::offerRecipients()
{
    // The account the money leaves stays in the list, greyed out: it cannot be chosen, and a
    // recipient that was chosen before it became the source says why it no longer fits.
    const QString from = m_from->currentData().toString();
    auto *choices = qobject_cast<QStandardItemModel *>(m_to->model());
    for (int row = 0; row < m_to->count(); ++row) {
        const bool source = m_to->itemData(row).toString() == from;
        choices->item(row)->setEnabled(!source);
        choices->item(row)->setToolTip(source ? tr("The money leaves this account") : QString());
    }
}

void TransferForm::fillFromFlow()
{
    const TransferDraft &draft = m_flow.draft();
    m_filling = true;
    m_from->setCurrentIndex(m_from->findData(draft.fromAccount));
    m_to->setCurrentIndex(m_to->findData(draft.toAccount));
    m_amount->setText(draft.amountText);
    m_memo->setText(draft.memo);
    m_filling = false;
    m_touched = {};
    m_flow.setDraft(draftFromFields());
}

void TransferForm::clearFields()
{
    m_filling = true;
    m_amount->clear();
    m_memo->clear();
    m_to->setCurrentIndex(-1);
    m_filling = false;
    m_touched = {};
    m_revealAllErrors = false;
}

TransferDraft TransferForm::draftFromFields() const
{
    TransferDraft draft;
    draft.fromAccount = m_from->currentData().toString();
    draft.toAccount = m_to->currentData().toString();
    draft.amountText = m_amount->text();
    draft.memo = m_memo->text();
    draft.fromCurrency = m_directory.currencyOf(draft.fromAccount);
    draft.toCurrency = m_directory.currencyOf(draft.toAccount);
    return draft;
}

void TransferForm::fieldEdited(Field field)
{
    if (m_filling)
        return;
    m_touched[size_t(field)] = true;
    m_flow.setDraft(draftFromFields());
}

void TransferForm::send()
{
    if (!m_send->isEnabled())
        return;
    m_revealAllErrors = true;
    // Disabled before anything goes out, so a double click cannot reach the network twice.
    m_send->setEnabled(false);
    // The fields are disabled while the transfer is out, which would push the focus on to the
    // next control ("Retry automatically", which a stray Space would switch off). It waits on the
    // form instead and goes back to Amount (showFlow).
    setFocus(Qt::OtherFocusReason);
    m_flow.send();
    showFlow();
}

void TransferForm::startNewTransfer()
{
    if (m_flow.isBusy())
        return;
    clearFields();
    m_flow.startNew();
    m_flow.setDraft(draftFromFields());
    m_amount->setFocus();
}

void TransferForm::requestNewKey() { m_flow.requestNewKey(); }

bool TransferForm::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_keyExplanation && event->type() == QEvent::Resize)
        reserveExplanationHeight();
    if ((watched == m_send || watched == m_key) && event->type() == QEvent::FontChange)
        reserveWidths();
    return QWidget::eventFilter(watched, event);
}

void TransferForm::reserveWidths()
{
    reserveWidthFor(
        m_send,
        {sendText(false, KeyState::None), sendText(false, KeyState::Uncertain), sendText(true, KeyState::None)});
    const QString widestKey
        = IdempotencyKeyFormat::kIssuedPrefix.toString() + QString(IdempotencyKeyFormat::kIssuedHexDigits, u'0');
    m_key->setMinimumWidth(QFontMetrics(m_key->font()).horizontalAdvance(widestKey));
}

void TransferForm::reserveExplanationHeight()
{
    // The explanation keeps the height of its longest text at its width, so that the buttons
    // below it stay where they are whatever the key's state.
    const int width = m_keyExplanation->contentsRect().width();
    int tallest = 0;
    for (const bool unsafe : {false, true}) {
        for (const KeyState state : {KeyState::None, KeyState::Unused, KeyState::InFlight, KeyState::Uncertain,
                                     KeyState::Completed, KeyState::Rejected, KeyState::Expired, KeyState::Abandoned})
            tallest = std::max(
                tallest,
                m_keyExplanation->fontMetrics()
                    .boundingRect(QRect(0, 0, width, QWIDGETSIZE_MAX), Qt::TextWordWrap, keyExplanation(unsafe, state))
                    .height());
    }
    m_keyExplanation->setMinimumHeight(tallest);
}

void TransferForm::showFieldErrors()
{
    const TransferDraft::Validation &v = m_flow.validation();
    // Signed out there is nothing to correct.
    const bool signedIn = !m_directory.accounts().isEmpty();
    const auto show = [this, signedIn](InlineMessage *message, Field field, const QString &error) {
        if (signedIn && (m_revealAllErrors || m_touched[size_t(field)]))
            message->showMessage(InlineMessage::Kind::Error, error);
        else
            message->clearMessage();
    };
    show(m_fromError, Field::From, v.fromError);
    show(m_toError, Field::To, v.toError);
    // An empty amount is not worth a complaint until the user tries to send.
    show(m_amountError, Field::Amount, m_amount->text().isEmpty() && !m_revealAllErrors ? QString() : v.amountError);
    show(m_memoError, Field::Memo, v.memoError);
}

QString TransferForm::keyExplanation(bool unsafe, KeyState state)
{
    if (unsafe)
        return tr("No key is sent, so the bank cannot recognise a retry: every request that arrives moves money.");
    switch (state) {
    case KeyState::None:
        return tr("The bank issues a key when you send.");
    case KeyState::Unused:
        return tr("Issued for this transfer. The transfer and every retry of it carry this key.");
    case KeyState::InFlight:
        return tr("The transfer is on its way with this key.");
    case KeyState::Uncertain:
        return tr("No answer came back. Retrying with this key is safe: the bank moves the money at most once.");
    case KeyState::Completed:
        return tr("Done. Sending again only repeats the bank's answer; change any field to make a new transfer.");
    case KeyState::Rejected:
        return tr("The bank refused this transfer and recorded it. Change any field to make a new transfer.");
    case KeyState::Expired:
        return tr("This key expired unused. Sending asks the bank for a new one.");
    case KeyState::Abandoned:
        return tr("This key was given up unused and can never be used. Sending asks the bank for a new one.");
    }
    return {};
}

void TransferForm::showFlow()
{
    const TransferIntent &intent = m_flow.intent();
    const KeyState state = intent.keyState();
    const bool busy = m_flow.isBusy();

    m_currency->setText(m_directory.currencyOf(m_from->currentData().toString()));
    m_memoCount->setText(tr("%1/%2").arg(m_memo->text().toUcs4().size()).arg(TransferRequest::kMaxMemoLength));
    showFieldErrors();

    const bool unsafe = m_flow.isUnsafe();
    m_key->setText(unsafe ? tr("none: unsafe demonstration") : intent.key().isEmpty() ? tr("none yet") : intent.key());
    m_keyState->setText(unsafe ? tr("not used") : TransferIntent::stateName(state));
    m_keyState->setAccessibleDescription(keyExplanation(unsafe, state));
    m_keyExplanation->setText(keyExplanation(unsafe, state));
    m_unsafeBanner->showMessage(
        InlineMessage::Kind::Error,
        unsafe ? tr("Demonstration of the bug: Send goes out WITHOUT an idempotency key. If an answer is "
                    "lost, the retry moves the money again.")
               : QString());
    m_result->showMessage({m_flow.messageKind(), m_flow.message()});

    for (QWidget *field : {static_cast<QWidget *>(m_from), static_cast<QWidget *>(m_to),
                           static_cast<QWidget *>(m_amount), static_cast<QWidget *>(m_memo)})
        field->setEnabled(!busy);
    const bool signedIn = !m_directory.accounts().isEmpty();
    m_send->setEnabled(signedIn && !busy);
    m_send->setText(sendText(unsafe, state));
    m_newTransfer->setEnabled(!busy);
    // A key whose outcome is unknown must be resolved by retrying it, not replaced.
    m_newKey->setEnabled(signedIn && !busy && !unsafe && state != KeyState::Uncertain);
    m_checkStatus->setVisible(!unsafe && m_flow.canCheckStatus());
    m_autoRetry->setChecked(m_flow.autoRetry());
    m_newKey->setToolTip(state == KeyState::Uncertain
                             ? tr("Retry first: the last attempt with this key may have gone through")
                             : tr("Get a fresh key from the bank now; the form becomes a new transfer"));

    if (state == KeyState::Unused)
        m_expiryCheck.start();
    else
        m_expiryCheck.stop();
    if (!busy && hasFocus())
        m_amount->setFocus(Qt::OtherFocusReason);
    if (m_lastCanSend != m_send->isEnabled()) {
        m_lastCanSend = m_send->isEnabled();
        emit canSendChanged(m_lastCanSend);
    }
}
