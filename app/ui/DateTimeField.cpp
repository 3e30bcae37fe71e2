#include "app/ui/DateTimeField.h"

DateTimeField::DateTimeField(const QDateTime &value, QWidget *parent) : QDateTimeEdit(value, parent) {}

bool DateTimeField::focusNextPrevChild(bool next) { return QWidget::focusNextPrevChild(next); }
