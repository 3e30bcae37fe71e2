#pragma once

#include <QComboBox>

// A combo box that assistive technologies and GUI robots can operate through AT-SPI. Qt's bridge
// offers a QComboBox's choices only as the items of its (closed) popup list: their "Toggle"
// action (Qt 6.4) or the list's Selection interface (Qt 6.5 and later) selects an item there
// without choosing it, and no item says which one is chosen. Here the list's selection is the
// choice, both ways: selecting an enabled item while the popup is closed chooses it, and the
// chosen item is always the one selected. Mouse and keyboard work as in any QComboBox; the box
// keeps its own model (setModel would leave the selection unwatched).
class AccessibleComboBox : public QComboBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AccessibleComboBox)
public:
    explicit AccessibleComboBox(QWidget *parent = nullptr);

private:
    void listSelectionChanged();
    void selectChoiceInList();
};
