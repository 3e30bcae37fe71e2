#include "app/ui/AccessibleComboBox.h"

#include <QAbstractItemView>
#include <QItemSelectionModel>

AccessibleComboBox::AccessibleComboBox(QWidget *parent) : QComboBox(parent)
{
    // Queued: an item's Toggle clears the selection first, then selects the item; the choice
    // follows the selection once it has settled.
    connect(view()->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &AccessibleComboBox::listSelectionChanged, Qt::QueuedConnection);
    connect(this, &QComboBox::currentIndexChanged, this, &AccessibleComboBox::selectChoiceInList);
}

void AccessibleComboBox::listSelectionChanged()
{
    // In the open popup the selection follows the pointer and the arrow keys; QComboBox itself
    // chooses on a click or Enter there.
    if (view()->isVisible())
        return;
    const QModelIndexList selected = view()->selectionModel()->selectedIndexes();
    if (selected.size() == 1 && selected.constFirst().row() != currentIndex()
        && (selected.constFirst().flags() & Qt::ItemIsEnabled)) {
        setCurrentIndex(selected.constFirst().row());
        return;
    }
    // Anything else (the chosen item toggled off, a disabled one picked) leaves the choice as it was.
    const bool showsChoice = currentIndex() < 0 ? selected.isEmpty()
                                                : selected.size() == 1 && selected.constFirst().row() == currentIndex();
    if (!showsChoice)
        selectChoiceInList();
}

void AccessibleComboBox::selectChoiceInList()
{
    if (currentIndex() < 0)
        view()->selectionModel()->clearSelection();
    else
        view()->selectionModel()->select(model()->index(currentIndex(), modelColumn(), rootModelIndex()),
                                         QItemSelectionModel::ClearAndSelect);
}
