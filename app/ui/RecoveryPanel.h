#pragma once

#include <QFrame>

class BankSession;
class InlineMessage;
class QLabel;
class QPushButton;

// Transfers an earlier run left with an unknown outcome, one at a time, with what the bank now
// says about each: it happened, it did not (Retry sends it, safely), or the bank could not be
// asked (Check again). Hidden when there are none.
class RecoveryPanel : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecoveryPanel)
public:
    explicit RecoveryPanel(BankSession &session, QWidget *parent = nullptr);

private:
    void showFirst();
    QString currentKey() const;

    BankSession &m_session;
    QLabel *m_title = nullptr;
    InlineMessage *m_message = nullptr;
    QPushButton *m_retry = nullptr;
    QPushButton *m_recheck = nullptr;
    QPushButton *m_dismiss = nullptr;
};
