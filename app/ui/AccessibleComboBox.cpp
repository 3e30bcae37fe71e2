#include "app/ui/AccessibleComboBox.h"

#include <QAbstractItemView>
#include <QItemSelectionModel>
#include <QTimer>

AccessibleComboBox::AccessibleComboBox(QWidget *parent) : QComboBox(parent)
{
    connect(view()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &AccessibleComboBox::listSelectionChanged);
    connect(this, &QComboBox::currentIndexChanged, this, &AccessibleComboBox::selectChoiceInList);
}

void AccessibleComboBox::listSelectionChanged()
{
    // In the open popup the selection follows the pointer and the arrow keys; QComboBox itself
    // chooses on a click or Enter there.
    if (view()->isVisible())
        return;
    const QModelIndexList selected = view()->selectionModel()->selectedIndexes();
    if (selected.size() == 1 && (selected.constFirst().flags() & Qt::ItemIsEnabled)) {
        if (selected.constFirst().row() != currentIndex())
            setCurrentIndex(selected.constFirst().row());
        return;
    }
    // No item, or one that cannot be chosen: the chosen item toggled off, a disabled one picked, or
    // a passing state (an item's Toggle clears the selection before it selects the item). The
    // choice stays; the list shows it again if the selection settles elsewhere.
    QTimer::singleShot(0, this, [this] {
        const QModelIndexList now = view()->selectionModel()->selectedIndexes();
        const bool showsChoice
            = currentIndex() < 0 ? now.isEmpty() : now.size() == 1 && now.constFirst().row() == currentIndex();
        if (!showsChoice && !view()->isVisible())
            selectChoiceInList();
    });
}

void AccessibleComboBox::selectChoiceInList()
{
    if (currentIndex() < 0)
        view()->selectionModel()->clearSelection();
    else
        view()->selectionModel()->select(model()->index(currentIndex(), modelColumn(), rootModelIndex()),
                                         QItemSelectionModel::ClearAndSelect);
}
