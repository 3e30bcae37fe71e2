#pragma once

#include "app/client/transfer/TransferIntent.h"

#include <QTimer>
#include <QWidget>

#include <array>

class AccountDirectory;
class InlineMessage;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class TransferFlow;
struct TransferDraft;

// The transfer form: from, to, amount, memo, with messages under each field, and the idempotency
// key the transfer holds with its state, because the two-step flow is the point of the app; the
// automatic-retry switch, and "Check status" when an answer was lost. In the unsafe
// demonstration it says so in red. Holds no logic of its own: it shows TransferFlow and passes
// edits and clicks to it.
class TransferForm : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransferForm)
public:
    TransferForm(TransferFlow &flow, const AccountDirectory &directory, QWidget *parent = nullptr);

    bool canSend() const;

public slots:
    void send();
    void startNewTransfer();
    void requestNewKey();

signals:
    void canSendChanged(bool canSend);

private:
    enum class Field { From, To, Amount, Memo };

    void buildAccountChoices();
    // Every account but the one in From can be chosen in To.
    void offerRecipients();
    void fillFromFlow();
    void clearFields();
    void fieldEdited(Field field);
    TransferDraft draftFromFields() const;
    void showFlow();
    void showFieldErrors();
    static QString keyExplanation(bool unsafe, TransferIntent::KeyState state);
    bool eventFilter(QObject *watched, QEvent *event) override;
    // Send as wide as its widest text, the key as wide as the widest key, in the current font.
    void reserveWidths();
    void reserveExplanationHeight();

    TransferFlow &m_flow;
    const AccountDirectory &m_directory;
    QComboBox *m_from = nullptr;
    QComboBox *m_to = nullptr;
    QLineEdit *m_amount = nullptr;
    QLabel *m_currency = nullptr;
    QLineEdit *m_memo = nullptr;
    QLabel *m_memoCount = nullptr;
    InlineMessage *m_fromError = nullptr;
    InlineMessage *m_toError = nullptr;
    InlineMessage *m_amountError = nullptr;
    InlineMessage *m_memoError = nullptr;
    QLabel *m_key = nullptr;
    QLabel *m_keyState = nullptr;
    QLabel *m_keyExplanation = nullptr;
    QPushButton *m_newKey = nullptr;
    QPushButton *m_newTransfer = nullptr;
    QPushButton *m_send = nullptr;
    QCheckBox *m_autoRetry = nullptr;
    QPushButton *m_checkStatus = nullptr;
    InlineMessage *m_unsafeBanner = nullptr;
    InlineMessage *m_result = nullptr;
    QTimer m_expiryCheck;
    std::array<bool, 4> m_touched{};
    bool m_revealAllErrors = false;
    bool m_filling = false; // fields are being set by code, not typed
    bool m_lastCanSend = false;
};
