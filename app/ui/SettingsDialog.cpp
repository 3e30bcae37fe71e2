#include "app/ui/SettingsDialog.h"

#include "app/ui/InlineMessage.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

SettingsDialog::SettingsDialog(QWidget *parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("settingsDialog"));
    // Wide enough for the server address on one line, in the user's font size.
    setMinimumWidth(fontMetrics().averageCharWidth() * 56);
    setWindowTitle(tr("Settings — Exactly-Once Bank"));

    auto *serverBox = new QGroupBox(tr("Server"), this);
    m_integrated = new QRadioButton(tr("&Integrated server (runs inside this app)"), serverBox);
    m_integrated->setObjectName(QStringLiteral("integratedServer"));
    m_integrated->setAccessibleName(tr("Use the integrated server"));
    m_integrated->setToolTip(tr("Run the bank inside the app, on this computer, with its own database"));
    m_remote = new QRadioButton(tr("&Remote server:"), serverBox);
    m_remote->setObjectName(QStringLiteral("remoteServer"));
    m_remote->setAccessibleName(tr("Use a remote server"));
    m_remote->setToolTip(tr("Connect to a bank server elsewhere"));
    m_url = new QLineEdit(serverBox);
    m_url->setObjectName(QStringLiteral("serverUrl"));
    m_url->setAccessibleName(tr("Remote server URL"));
    m_url->setToolTip(tr("The server's address, for example https://bank.example. http:// is for a server on this "
                         "computer only (127.0.0.1 or localhost): elsewhere it sends your password unencrypted."));
    m_url->setPlaceholderText(QStringLiteral("https://bank.example"));
    m_allowInsecure
        = new QCheckBox(tr("Allow an &unencrypted http:// connection to another computer (insecure)"), serverBox);
    m_allowInsecure->setObjectName(QStringLiteral("allowInsecureHttp"));
    m_allowInsecure->setAccessibleName(tr("Allow an unencrypted connection"));
    m_allowInsecure->setToolTip(
        tr("Your password, your session and your transfers then cross the network in clear text: "
           "anyone on the way can read them and act as you. Only for a network you trust."));
    m_error = new InlineMessage(serverBox);
    m_error->setObjectName(QStringLiteral("serverUrlError"));
    auto *note = new QLabel(tr("Changing the server signs you out."), serverBox);
    note->setWordWrap(true);

    auto *serverLayout = new QVBoxLayout(serverBox);
    serverLayout->addWidget(m_integrated);
    serverLayout->addWidget(m_remote);
    serverLayout->addWidget(m_url);
    serverLayout->addWidget(m_allowInsecure);
    serverLayout->addWidget(m_error);
    serverLayout->addWidget(note);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    QPushButton *ok = buttons->button(QDialogButtonBox::Ok);
    ok->setObjectName(QStringLiteral("settingsOkButton"));
    ok->setAccessibleName(tr("Apply settings"));
    ok->setToolTip(tr("Use these settings"));
    QPushButton *cancel = buttons->button(QDialogButtonBox::Cancel);
    cancel->setObjectName(QStringLiteral("settingsCancelButton"));
    cancel->setAccessibleName(tr("Cancel"));
    cancel->setToolTip(tr("Keep the current settings"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(serverBox);
    layout->addStretch(1);
    layout->addWidget(buttons);

    setTabOrder(m_integrated, m_remote);
    setTabOrder(m_remote, m_url);
    setTabOrder(m_url, m_allowInsecure);
    setTabOrder(m_allowInsecure, ok);
    setTabOrder(ok, cancel);

    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_remote, &QRadioButton::toggled, this, &SettingsDialog::updateFields);
    connect(m_url, &QLineEdit::textChanged, m_error, &InlineMessage::clearMessage);
    connect(m_allowInsecure, &QCheckBox::toggled, m_error, &InlineMessage::clearMessage);
    setSettings({});
}

void SettingsDialog::setSettings(const ServerSettings &settings)
{
    (settings.mode == ServerSettings::Mode::Remote ? m_remote : m_integrated)->setChecked(true);
    m_url->setText(settings.remoteUrl.toString());
    m_allowInsecure->setChecked(settings.allowInsecureHttp);
    m_error->clearMessage();
    updateFields();
}

void SettingsDialog::updateFields()
{
    m_url->setEnabled(m_remote->isChecked());
    m_allowInsecure->setEnabled(m_remote->isChecked());
}

void SettingsDialog::accept()
{
    ServerSettings settings;
    settings.allowInsecureHttp = m_allowInsecure->isChecked();
    const auto url = ServerSettings::parseRemoteUrl(m_url->text());
    if (url)
        settings.remoteUrl = *url;
    if (m_remote->isChecked()) {
        if (!url) {
            m_error->showMessage(
                InlineMessage::Kind::Error,
                tr("Enter the server's address starting with https:// (http:// only for this computer), for example "
                   "https://bank.example."));
            m_url->setFocus();
            return;
        }
        if (const QString refusal = ServerSettings::transportRefusal(*url, settings.allowInsecureHttp);
            !refusal.isEmpty()) {
            m_error->showMessage(InlineMessage::Kind::Error, refusal);
            m_url->setFocus();
            return;
        }
        settings.mode = ServerSettings::Mode::Remote;
    }
    QDialog::accept();
    emit applied(settings);
}
