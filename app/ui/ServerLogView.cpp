#include "app/ui/ServerLogView.h"

#include "app/client/models/ServerLogModel.h"

#include <QFontDatabase>
#include <QLabel>
#include <QListView>
#include <QScrollBar>
#include <QVBoxLayout>

ServerLogView::ServerLogView(ServerLogModel &model, QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("serverLogPanel"));
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    m_view = new QListView(this);
    m_view->setObjectName(QStringLiteral("serverLogView"));
    m_view->setAccessibleName(tr("Server request log"));
    m_view->setToolTip(tr("One line per request the integrated server answered: method, path, status, key, whether it "
                          "was a replay, and microseconds"));
    m_view->setModel(&model);
    m_view->setUniformItemSizes(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addWidget(m_view);

    connect(&model, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        QScrollBar *bar = m_view->verticalScrollBar();
        m_followEnd = bar->value() == bar->maximum();
    });
    connect(&model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_followEnd)
            m_view->scrollToBottom();
    });
    setAvailable(true);
}

void ServerLogView::setAvailable(bool available)
{
    m_note->setText(available ? tr("Requests the integrated server answered, newest at the bottom.")
                              : tr("The request log is shown only when the app runs the integrated server."));
    m_view->setEnabled(available);
}
