#pragma once

#include <QWidget>

class QLabel;
class QListView;
class ServerLogModel;

// The integrated server's request log, live; it follows new lines while scrolled to the end.
class ServerLogView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerLogView)
public:
    explicit ServerLogView(ServerLogModel &model, QWidget *parent = nullptr);

    void setAvailable(bool available);

private:
    QLabel *m_note = nullptr;
    QListView *m_view = nullptr;
    bool m_followEnd = true;
};
