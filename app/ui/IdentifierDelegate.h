#pragma once

#include <QStyledItemDelegate>

// Draws an identifier that is too wide for its column with its middle left out, "idk_01a2…5ff46be4":
// idempotency keys begin with the time they were made, so their starts alone look alike, and the
// end tells one from the next. The whole of it stays in the model, its tooltip and what a robot
// reads.
class IdentifierDelegate : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IdentifierDelegate)
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
};
