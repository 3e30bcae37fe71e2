#pragma once

#include <QWidget>

class KeysModel;
class QTableView;

// The user's keys (KeysModel), with their state and the time left until they expire.
class KeysView : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeysView)
public:
    explicit KeysView(KeysModel &model, QWidget *parent = nullptr);

private:
    QTableView *m_view = nullptr;
};
