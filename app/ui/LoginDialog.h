#pragma once

#include "app/client/connection/ServerEndpoint.h"

#include <QDialog>

class InlineMessage;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

// Sign-in. Opened with open() (window-modal, no nested event loop). Remembers the username in
// QSettings; the password is never stored. Shows the demo users when the integrated server has
// them. It only asks: the window signs in and calls accept() or showError().
class LoginDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LoginDialog)
public:
    explicit LoginDialog(QWidget *parent = nullptr);

    void setEndpoint(const ServerEndpoint &endpoint);
    void setBusy(bool busy);
    void showError(const QString &message);
    QString username() const;

    void open() override;
    void accept() override;

signals:
    void signInRequested(const QString &username, const QString &password);

private:
    void requestSignIn();
    void updateButton();

    QLabel *m_server = nullptr;
    QLabel *m_demoHint = nullptr;
    QLineEdit *m_username = nullptr;
    QLineEdit *m_password = nullptr;
    InlineMessage *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QPushButton *m_signIn = nullptr;
    bool m_busy = false;
};
