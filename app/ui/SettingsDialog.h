#pragma once

#include "app/client/connection/ServerSettings.h"

#include <QDialog>

class InlineMessage;
class QCheckBox;
class QLineEdit;
class QPushButton;
class QRadioButton;

// Which server to use: the integrated one or a remote one by URL. Opened with open(); emits
// applied() with valid settings only.
class SettingsDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)
public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    void setSettings(const ServerSettings &settings);

    void accept() override;

signals:
    void applied(const ServerSettings &settings);

private:
    void updateFields();

    QRadioButton *m_integrated = nullptr;
    QRadioButton *m_remote = nullptr;
    QLineEdit *m_url = nullptr;
    QCheckBox *m_allowInsecure = nullptr;
    InlineMessage *m_error = nullptr;
};
