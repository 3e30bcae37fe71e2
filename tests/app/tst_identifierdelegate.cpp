// IdentifierDelegate in a real table (offscreen): two keys that begin alike, in a column too
// narrow for them, are drawn differently, where the plain delegate draws the same start twice.
#include "app/ui/IdentifierDelegate.h"

#include <QApplication>
#include <QHeaderView>
#include <QImage>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

class TestIdentifierDelegate : public QObject
{
    Q_OBJECT

    // Two keys made in the same second: only their random ends differ.
    const QStringList m_keys{QStringLiteral("idk_019d3a7c21f04b5e99c0d1e2f3a4b7e4"),
                             QStringLiteral("idk_019d3a7c21f06c1d08a9b8c7d6e5f012")};

    // What the table draws in each key's cell, on the same background and with no frame.
    QList<QImage> cellsDrawn(QAbstractItemDelegate *delegate)
    {
        QStandardItemModel model(0, 1);
        for (const QString &key : m_keys)
            model.appendRow(new QStandardItem(key));
        QTableView table;
        table.setModel(&model);
        table.setAlternatingRowColors(false);
        table.setFocusPolicy(Qt::NoFocus); // no focus frame around the current cell
        table.verticalHeader()->hide();
        if (delegate)
            table.setItemDelegateForColumn(0, delegate);
        table.setColumnWidth(0, 8 * table.fontMetrics().horizontalAdvance(QLatin1Char('M')));
        table.resize(400, 200);
        table.show();
        if (!QTest::qWaitForWindowExposed(&table))
            return {};
        QList<QImage> cells;
        for (int row = 0; row < model.rowCount(); ++row)
            cells << table.viewport()->grab(table.visualRect(model.index(row, 0))).toImage();
        return cells;
    }

private slots:
    void theColumnIsTooNarrowForAKey()
    {
        QTableView table;
        const int column = 8 * table.fontMetrics().horizontalAdvance(QLatin1Char('M'));
        QVERIFY(table.fontMetrics().horizontalAdvance(m_keys.first()) > column);
    }

    void keysThatBeginAlikeAreDrawnApart()
    {
        const QList<QImage> plain = cellsDrawn(nullptr);
        QCOMPARE(plain.size(), 2);
        QVERIFY2(plain[0] == plain[1], "the plain delegate draws both keys' start alike");

        IdentifierDelegate identifiers;
        const QList<QImage> drawn = cellsDrawn(&identifiers);
        QCOMPARE(drawn.size(), 2);
        QVERIFY(drawn[0] != drawn[1]);
    }
};

QTEST_MAIN(TestIdentifierDelegate)
#include "tst_identifierdelegate.moc"
