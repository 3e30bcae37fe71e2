#pragma once

#include <QWidget>

class BankSession;
class InlineMessage;
class QComboBox;
class DateTimeField;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableView;
struct ScheduleDraft;

// The Scheduled tab: a form that makes a scheduled transfer (from, to, amount, memo, the first
// run in local time, how often and how many times) showing the key it is made with, the user's
// schedules, and the selected one's occurrences as the bank runs them, with Cancel and Refresh.
// Holds no logic of its own: ScheduleCreation makes, the models list and watch.
class ScheduledView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScheduledView)
public:
    explicit ScheduledView(BankSession &session, QWidget *parent = nullptr);

    QTableView *schedulesTable() const { return m_schedules; }
    QTableView *occurrencesTable() const { return m_occurrences; }

public slots:
    void create();
    // Asks for confirmation (a window-modal box), then cancels the selected schedule.
    void cancelSelected();
    void refresh();

private:
    void buildAccountChoices();
    ScheduleDraft draftFromFields() const;
    void showCreation();
    void showSelection();
    QString selectedId() const;
    QTableView *table(const QString &name, const QString &accessibleName);

    BankSession &m_session;
    QComboBox *m_from = nullptr;
    QComboBox *m_to = nullptr;
    QLineEdit *m_amount = nullptr;
    QLabel *m_currency = nullptr;
    QLineEdit *m_memo = nullptr;
    DateTimeField *m_firstRun = nullptr;
    QComboBox *m_repeat = nullptr;
    QSpinBox *m_count = nullptr;
    QLabel *m_key = nullptr;
    QPushButton *m_create = nullptr;
    InlineMessage *m_creationMessage = nullptr;
    QTableView *m_schedules = nullptr;
    QTableView *m_occurrences = nullptr;
    QPushButton *m_refresh = nullptr;
    QPushButton *m_cancel = nullptr;
    InlineMessage *m_listMessage = nullptr;
};
