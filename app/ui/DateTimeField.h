#pragma once

#include <QDateTimeEdit>

// A date and time field that Tab leaves, like every other control: QDateTimeEdit walks its
// sections (day, month, year, hour...) on Tab, which traps a keyboard user in it. The sections
// are still reached with the arrow keys and the mouse.
class DateTimeField : public QDateTimeEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DateTimeField)
public:
    explicit DateTimeField(const QDateTime &value, QWidget *parent = nullptr);

protected:
    bool focusNextPrevChild(bool next) override;
};
