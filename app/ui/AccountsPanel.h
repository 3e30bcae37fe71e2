#pragma once

#include <QWidget>

class AccountsModel;
class QLabel;
class QTableView;

// The signed-in user's accounts and balances.
class AccountsPanel : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccountsPanel)
public:
    explicit AccountsPanel(AccountsModel &model, QWidget *parent = nullptr);

    void setUser(const QString &user);

private:
    QLabel *m_title = nullptr;
    QTableView *m_view = nullptr;
};
