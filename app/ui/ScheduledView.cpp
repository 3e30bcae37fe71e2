#include "app/ui/ScheduledView.h"

#include "app/client/models/ScheduledTransfersModel.h"
#include "app/client/schedule/ScheduleDraft.h"
#include "app/client/session/BankSession.h"
#include "app/ui/AccessibleComboBox.h"
#include "app/ui/DateTimeField.h"
#include "app/ui/InlineMessage.h"
#include "shared/core/Timestamp.h"
#include "shared/money/Money.h"

#include <QDateTimeEdit>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace {

// The next full hour: a time a schedule can start at without editing the minutes.
QDateTime nextFullHour()
{
    const QDateTime now = QDateTime::currentDateTime();
    return QDateTime(now.date(), QTime(now.time().hour(), 0)).addSecs(3600);
}

} // namespace

ScheduledView::ScheduledView(BankSession &session, QWidget *parent) : QWidget(parent), m_session(session)
{
    setObjectName(QStringLiteral("scheduledPanel"));
    const QLocale locale;

    auto *form = new QGroupBox(tr("New scheduled transfer"), this);
    form->setObjectName(QStringLiteral("scheduleFormBox"));
    m_from = new AccessibleComboBox(form);
    m_from->setObjectName(QStringLiteral("scheduleFromAccount"));
    m_from->setAccessibleName(tr("Scheduled transfer from account"));
    m_from->setToolTip(tr("The account the money leaves at each run"));
    m_to = new AccessibleComboBox(form);
    m_to->setObjectName(QStringLiteral("scheduleToAccount"));
    m_to->setAccessibleName(tr("Scheduled transfer to account"));
    m_to->setToolTip(tr("Who receives the money: one of your accounts or a payee"));
    m_to->setPlaceholderText(tr("Choose a recipient"));
    m_amount = new QLineEdit(form);
    m_amount->setObjectName(QStringLiteral("scheduleAmount"));
    m_amount->setAccessibleName(tr("Scheduled amount"));
    m_amount->setPlaceholderText(tr("e.g. %1").arg(Money::formatAmount(1250, locale)));
    m_amount->setToolTip(tr("The amount of each run, with at most two decimals"));
    m_amount->setAlignment(Qt::AlignRight);
    m_currency = new QLabel(form);
    m_currency->setObjectName(QStringLiteral("scheduleCurrency"));
    m_memo = new QLineEdit(form);
    m_memo->setObjectName(QStringLiteral("scheduleMemo"));
    m_memo->setAccessibleName(tr("Scheduled memo"));
    m_memo->setPlaceholderText(tr("Optional"));
    m_memo->setToolTip(tr("An optional note for both sides, up to 140 characters"));
    m_firstRun = new DateTimeField(nextFullHour(), form);
    m_firstRun->setObjectName(QStringLiteral("scheduleFirstRun"));
    m_firstRun->setAccessibleName(tr("First run"));
    m_firstRun->setToolTip(tr("When the first transfer runs, in this computer's time zone"));
    m_firstRun->setCalendarPopup(true);
    m_firstRun->setDisplayFormat(ScheduledTransfersModel::runTimeFormat(locale));
    m_repeat = new AccessibleComboBox(form);
    m_repeat->setObjectName(QStringLiteral("scheduleRepeat"));
    m_repeat->setAccessibleName(tr("Repeat"));
    m_repeat->setToolTip(tr("Whether the transfer runs once or repeats every day, week or month"));
    m_repeat->addItem(tr("Once"), int(ScheduleDraft::Repeat::Once));
    m_repeat->addItem(tr("Daily"), int(ScheduleDraft::Repeat::Daily));
    m_repeat->addItem(tr("Weekly"), int(ScheduleDraft::Repeat::Weekly));
    m_repeat->addItem(tr("Monthly"), int(ScheduleDraft::Repeat::Monthly));
    m_count = new QSpinBox(form);
    m_count->setObjectName(QStringLiteral("scheduleCount"));
    m_count->setAccessibleName(tr("Number of runs"));
    m_count->setToolTip(
        tr("How many times the transfer runs in all, 1 to %1").arg(ScheduledTransferRequest::kMaxCount));
    m_count->setRange(1, ScheduledTransferRequest::kMaxCount);
    m_count->setValue(12); // a year of monthly runs
    m_count->setSuffix(tr(" times"));
    m_count->setEnabled(false);
    m_key = new QLabel(form);
    m_key->setObjectName(QStringLiteral("scheduleKey"));
    m_key->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_key->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_key->setToolTip(tr("The key the schedule is made with: the bank issues one when you create the schedule, and "
                         "makes the schedule once per key, however often it is sent"));
    m_create = new QPushButton(tr("Create schedule"), form);
    m_create->setObjectName(QStringLiteral("createScheduleButton"));
    m_create->setAccessibleName(tr("Create schedule"));
    m_create->setToolTip(tr("Ask the bank for a key, then make the schedule with it"));
    m_creationMessage = new InlineMessage(form);
    m_creationMessage->setObjectName(QStringLiteral("scheduleMessage"));

    auto *fields = new QFormLayout(form);
    fields->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const auto addRow = [form, fields](const QString &label, QWidget *field, QWidget *extra = nullptr) {
        auto *named = new QLabel(label, form);
        named->setBuddy(field);
        if (!extra)
            return fields->addRow(named, field);
        auto *row = new QHBoxLayout;
        row->addWidget(field, 1);
        row->addWidget(extra);
        fields->addRow(named, row);
    };
    // Not the transfer form's "From:", "To:"...: a label names one field in the whole window, for
    // assistive technologies that find a field by its label.
    addRow(tr("Pay from:"), m_from);
    addRow(tr("Pay to:"), m_to);
    addRow(tr("Each amount:"), m_amount, m_currency);
    addRow(tr("Each memo:"), m_memo);
    addRow(tr("First run:"), m_firstRun);
    addRow(tr("Repeat:"), m_repeat, m_count);
    auto *keyLabel = new QLabel(tr("Schedule key:"), form);
    keyLabel->setBuddy(m_key);
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_key, 1);
    keyRow->addWidget(m_create);
    fields->addRow(keyLabel, keyRow);
    fields->addRow(m_creationMessage);

    m_schedules = table(QStringLiteral("schedulesView"), tr("Your scheduled transfers"));
    m_schedules->setToolTip(tr("Your scheduled transfers, newest first. Select one to see its runs."));
    m_schedules->setModel(&session.schedules());
    m_schedules->setSelectionMode(QAbstractItemView::SingleSelection);
    // Every column as wide as what it shows but the recipient, which takes what is left (and
    // elides), so that the amount and the status stay in view in any language.
    m_schedules->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_schedules->horizontalHeader()->setSectionResizeMode(ScheduledTransfersModel::ToColumn, QHeaderView::Stretch);
    m_occurrences = table(QStringLiteral("occurrencesView"), tr("Runs of the selected schedule"));
    m_occurrences->setToolTip(tr("Each run of the selected schedule: when it is due, whether the bank has made "
                                 "its transfer, and why not if it failed"));
    m_occurrences->setModel(&session.occurrences());
    m_occurrences->setSelectionMode(QAbstractItemView::NoSelection);
    m_occurrences->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_occurrences->horizontalHeader()->setStretchLastSection(true);
    m_refresh = new QPushButton(tr("Refresh"), this);
    m_refresh->setObjectName(QStringLiteral("refreshSchedulesButton"));
    m_refresh->setAccessibleName(tr("Refresh scheduled transfers"));
    m_refresh->setToolTip(tr("Ask the bank for your schedules and the selected one's runs again"));
    m_cancel = new QPushButton(tr("Cancel schedule…"), this);
    m_cancel->setObjectName(QStringLiteral("cancelScheduleButton"));
    m_cancel->setAccessibleName(tr("Cancel schedule"));
    m_cancel->setToolTip(tr("Stop the selected schedule: its runs still pending never happen"));
    m_listMessage = new InlineMessage(this);
    m_listMessage->setObjectName(QStringLiteral("schedulesMessage"));
    auto *runsLabel = new QLabel(tr("Runs of the selected schedule:"), this);
    runsLabel->setBuddy(m_occurrences);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_refresh);
    buttons->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(form);
    layout->addWidget(m_schedules, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_listMessage);
    layout->addWidget(runsLabel);
    layout->addWidget(m_occurrences, 1);

    ScheduleCreation &creation = session.scheduleCreation();
    connect(m_create, &QPushButton::clicked, this, &ScheduledView::create);
    connect(m_refresh, &QPushButton::clicked, this, &ScheduledView::refresh);
    connect(m_cancel, &QPushButton::clicked, this, &ScheduledView::cancelSelected);
    connect(m_repeat, &QComboBox::currentIndexChanged, this,
            [this] { m_count->setEnabled(m_repeat->currentData().toInt() != int(ScheduleDraft::Repeat::Once)); });
    connect(m_from, &QComboBox::currentIndexChanged, this,
            [this] { m_currency->setText(m_session.directory().currencyOf(m_from->currentData().toString())); });
    connect(&creation, &ScheduleCreation::changed, this, &ScheduledView::showCreation);
    // The schedule just made is the one to watch.
    connect(&creation, &ScheduleCreation::created, this, [this](const ScheduledTransfer &schedule) {
        m_schedules->selectRow(m_session.schedules().rowOf(schedule.id));
    });
    connect(&m_session.directory(), &AccountDirectory::changed, this, &ScheduledView::buildAccountChoices);
    connect(m_schedules->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ScheduledView::showSelection);
    connect(&session.schedules(), &QAbstractItemModel::modelReset, this, &ScheduledView::showSelection);
    const auto showLoadFailure
        = [this](const QString &message) { m_listMessage->showMessage(InlineMessage::Kind::Error, message); };
    connect(&session.schedules(), &ScheduledTransfersModel::loadFailed, this, showLoadFailure);
    connect(&session.occurrences(), &ScheduleOccurrencesModel::loadFailed, this, showLoadFailure);
    connect(&session.occurrences(), &ScheduleOccurrencesModel::cancelled, this, [this] {
        m_listMessage->showMessage(InlineMessage::Kind::Success,
                                   tr("Cancelled: the runs still pending will not happen."));
    });
    buildAccountChoices();
    showCreation();
    showSelection();
}

QTableView *ScheduledView::table(const QString &name, const QString &accessibleName)
{
    auto *view = new QTableView(this);
    view->setObjectName(name);
    view->setAccessibleName(accessibleName);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setTabKeyNavigation(false); // Tab leaves the table; arrow keys move within it
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    return view;
}

void ScheduledView::buildAccountChoices()
{
    const AccountDirectory &directory = m_session.directory();
    const QString from = m_from->currentData().toString();
    const QString to = m_to->currentData().toString();
    m_from->clear();
    m_to->clear();
    for (const Account &account : directory.accounts()) {
        m_from->addItem(account.name, account.id);
        m_to->addItem(account.name, account.id);
    }
    for (const Payee &payee : directory.payees())
        m_to->addItem(directory.displayName(payee.id), payee.id);
    m_from->setCurrentIndex(std::max(0, m_from->findData(from)));
    m_to->setCurrentIndex(m_to->findData(to));
}

ScheduleDraft ScheduledView::draftFromFields() const
{
    const AccountDirectory &directory = m_session.directory();
    ScheduleDraft draft;
    draft.transfer.fromAccount = m_from->currentData().toString();
    draft.transfer.toAccount = m_to->currentData().toString();
    draft.transfer.amountText = m_amount->text();
    draft.transfer.memo = m_memo->text();
    draft.transfer.fromCurrency = directory.currencyOf(draft.transfer.fromAccount);
    draft.transfer.toCurrency = directory.currencyOf(draft.transfer.toAccount);
    draft.firstRun = m_firstRun->dateTime();
    draft.repeat = ScheduleDraft::Repeat(m_repeat->currentData().toInt());
    draft.count = m_count->value();
    return draft;
}

void ScheduledView::create()
{
    const ScheduleDraft::Validation valid = draftFromFields().validate(QLocale(), Timestamp::nowMs());
    if (!valid.ok())
        return m_session.scheduleCreation().refuse(valid.error);
    m_session.scheduleCreation().create(*valid.request);
}

void ScheduledView::showCreation()
{
    const ScheduleCreation &creation = m_session.scheduleCreation();
    m_key->setText(creation.key().isEmpty() ? tr("none yet") : creation.key());
    m_key->setAccessibleName(creation.key().isEmpty() ? tr("No key yet") : creation.key());
    m_create->setEnabled(!creation.isBusy());
    m_creationMessage->showMessage(creation.message());
}

QString ScheduledView::selectedId() const
{
    const QModelIndexList rows = m_schedules->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.constFirst().data(ScheduledTransfersModel::ScheduleIdRole).toString();
}

void ScheduledView::showSelection()
{
    const QString id = selectedId();
    m_session.occurrences().showSchedule(id);
    m_cancel->setEnabled(!id.isEmpty());
}

void ScheduledView::refresh()
{
    m_listMessage->clearMessage();
    m_session.schedules().reload();
    m_session.occurrences().refresh();
}

void ScheduledView::cancelSelected()
{
    const QString id = selectedId();
    if (id.isEmpty())
        return;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Cancel schedule"),
                                tr("Cancel this scheduled transfer? Its runs still pending will not happen; runs "
                                   "already made stay as they are."),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(QStringLiteral("cancelScheduleConfirmation"));
    box->setDefaultButton(QMessageBox::No);
    box->setAttribute(Qt::WA_DeleteOnClose);
    // A message box finishes with the button pressed, not with Accepted.
    connect(box, &QMessageBox::finished, this, [this, id](int button) {
        if (button == QMessageBox::Yes && selectedId() == id)
            m_session.occurrences().cancelSchedule();
    });
    box->open();
}
