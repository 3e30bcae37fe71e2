// AccessibleComboBox as assistive technologies see it, in-process through Qt's
// QAccessibleInterface (tests/accessibility checks it from outside, over AT-SPI; tst_teachinggui
// the timeline's accessible lines).
#include "app/ui/AccessibleComboBox.h"

#include <QAbstractItemView>
#include <QAccessible>
#include <QApplication>
#include <QStandardItemModel>
#include <QTest>

class AccessibleComboBoxTest : public QObject
{
    Q_OBJECT

    static QAccessibleInterface *item(QComboBox &box, int row)
    {
        return QAccessible::queryAccessibleInterface(&box)->child(0)->child(row);
    }
    static bool selected(QComboBox &box, int row) { return item(box, row)->state().selected; }

private slots:
    void anItemsToggleChoosesIt()
    {
        AccessibleComboBox box;
        box.addItems({QStringLiteral("Alice Checking"), QStringLiteral("Alice Savings"), QStringLiteral("Bob")});
        QCOMPARE(box.currentIndex(), 0);
        QVERIFY(selected(box, 0));
        item(box, 2)->actionInterface()->doAction(QAccessibleActionInterface::toggleAction());
        QTRY_COMPARE(box.currentIndex(), 2);
        QVERIFY(selected(box, 2) && !selected(box, 0));
        // Toggling the chosen item off keeps the choice: a combo box always shows one.
        item(box, 2)->actionInterface()->doAction(QAccessibleActionInterface::toggleAction());
        QTest::qWait(20);
        QCOMPARE(box.currentIndex(), 2);
        QTRY_VERIFY(selected(box, 2));
    }

    void aDisabledItemIsNotChosenAndKeysStillChoose()
    {
        AccessibleComboBox box;
        box.addItems({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")});
        box.setCurrentIndex(-1);
        QVERIFY(!selected(box, 0) && !selected(box, 1) && !selected(box, 2));
        qobject_cast<QStandardItemModel *>(box.model())->item(1)->setEnabled(false);
        item(box, 1)->actionInterface()->doAction(QAccessibleActionInterface::toggleAction());
        QTest::qWait(20);
        QCOMPARE(box.currentIndex(), -1);
        box.show();
        QVERIFY(QTest::qWaitForWindowExposed(&box));
        box.setFocus();
        QTest::keyClick(&box, Qt::Key_Down);
        QCOMPARE(box.currentIndex(), 0);
        QTRY_VERIFY(selected(box, 0));
    }
};

QTEST_MAIN(AccessibleComboBoxTest)
#include "tst_accessiblecombobox.moc"
