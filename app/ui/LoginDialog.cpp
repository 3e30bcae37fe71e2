#include "app/ui/LoginDialog.h"

#include "app/ui/InlineMessage.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

namespace {
const QString kUsernameKey = QStringLiteral("login/username");
}

LoginDialog::LoginDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("loginDialog"));
    // Wide enough for the server address on one line, in the user's font size.
    setMinimumWidth(fontMetrics().averageCharWidth() * 56);
    setWindowTitle(tr("Sign in — Exactly-Once Bank"));

    auto *title = new QLabel(tr("Sign in to your bank"), this);
    QFont heading = title->font();
    heading.setPointSizeF(heading.pointSizeF() * 1.3);
    heading.setBold(true);
    title->setFont(heading);
    m_server = new QLabel(this);
    m_server->setObjectName(QStringLiteral("loginServer"));
    m_server->setWordWrap(true);

    m_username = new QLineEdit(this);
    m_username->setObjectName(QStringLiteral("username"));
    m_username->setAccessibleName(tr("Username"));
    m_username->setToolTip(tr("Your username; the app remembers it for next time"));
    m_username->setText(QSettings().value(kUsernameKey).toString());

    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setToolTip(tr("Your password; the app never stores it"));
    m_password->setEchoMode(QLineEdit::Password);

    m_demoHint = new QLabel(this);
    m_demoHint->setObjectName(QStringLiteral("demoHint"));
    m_demoHint->setWordWrap(true);
    m_demoHint->setTextFormat(Qt::PlainText);
    m_demoHint->setVisible(false);

    m_error = new InlineMessage(this);
    m_error->setObjectName(QStringLiteral("loginError"));

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_signIn = m_buttons->addButton(tr("&Sign in"), QDialogButtonBox::AcceptRole);
    m_signIn->setObjectName(QStringLiteral("signInButton"));
    m_signIn->setAccessibleName(tr("Sign in"));
    m_signIn->setToolTip(tr("Sign in with this username and password"));
    m_signIn->setDefault(true);
    QPushButton *cancel = m_buttons->button(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("cancelSignInButton"));
    cancel->setAccessibleName(tr("Cancel"));
    cancel->setToolTip(tr("Close this dialog; you can sign in later from the File menu"));
    // Enter always means "Sign in": Cancel must not take over as the default when it gets the
    // focus (Escape cancels).
    cancel->setAutoDefault(false);

    auto *form = new QFormLayout;
    form->addRow(tr("&Username:"), m_username);
    form->addRow(tr("&Password:"), m_password);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_server);
    layout->addLayout(form);
    layout->addWidget(m_demoHint);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    setTabOrder(m_username, m_password);
    setTabOrder(m_password, m_signIn);
    setTabOrder(m_signIn, cancel);

    // The dialog closes only when the window says the sign-in worked.
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LoginDialog::requestSignIn);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_username, &QLineEdit::textChanged, this, &LoginDialog::updateButton);
    connect(m_password, &QLineEdit::textChanged, this, &LoginDialog::updateButton);
    updateButton();
}

void LoginDialog::setEndpoint(const ServerEndpoint &endpoint)
{
    if (endpoint.integrated)
        m_server->setText(tr("Integrated server at %1").arg(endpoint.url.toDisplayString()));
    else if (endpoint.insecure)
        m_server->setText(tr("Server at %1 — NOT ENCRYPTED: your password is sent in clear text")
                              .arg(endpoint.url.toDisplayString()));
    else
        m_server->setText(tr("Server at %1").arg(endpoint.url.toDisplayString()));
    QStringList users;
    for (auto it = endpoint.demoPasswords.cbegin(); it != endpoint.demoPasswords.cend(); ++it)
        users.append(tr("%1 / %2").arg(it.key(), it.value()));
    m_demoHint->setText(tr("Demo users on this server: %1.").arg(users.join(tr(" and "))));
    m_demoHint->setVisible(endpoint.integrated && !users.isEmpty());
}

void LoginDialog::setBusy(bool busy)
{
    m_busy = busy;
    m_username->setEnabled(!busy);
    m_password->setEnabled(!busy);
    if (busy)
        m_error->showMessage(InlineMessage::Kind::Note, tr("Signing in…"));
    updateButton();
}

void LoginDialog::showError(const QString &message)
{
    setBusy(false);
    m_error->showMessage(InlineMessage::Kind::Error, message);
    m_password->selectAll();
    m_password->setFocus();
}

QString LoginDialog::username() const { return m_username->text().trimmed(); }

void LoginDialog::open()
{
    setBusy(false);
    m_error->clearMessage();
    m_password->clear();
    QDialog::open();
    (m_username->text().isEmpty() ? m_username : m_password)->setFocus();
    // Disabling Sign in while it signs in moved the focus, and with it the default, elsewhere.
    m_signIn->setDefault(true);
}

void LoginDialog::accept()
{
    // Remembered once it worked, so a mistyped name does not come back next time.
    QSettings().setValue(kUsernameKey, username());
    m_password->clear();
    setBusy(false);
    m_error->clearMessage();
    QDialog::accept();
}

void LoginDialog::requestSignIn()
{
    if (m_busy || !m_signIn->isEnabled())
        return;
    setBusy(true);
    emit signInRequested(username(), m_password->text());
}

void LoginDialog::updateButton()
{
    m_signIn->setEnabled(!m_busy && !username().isEmpty() && !m_password->text().isEmpty());
}
