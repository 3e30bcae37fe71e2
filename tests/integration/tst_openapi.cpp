// docs/openapi.yaml documents every route the server registers, and nothing it does not.
#include "api/BankApi.h"

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

class TestOpenApi : public QObject
{
    Q_OBJECT
private:
    // "METHOD /path" for every operation under `paths:` (two-space path keys, four-space methods).
    static QSet<QString> documentedOperations(const QByteArray &yaml)
    {
        static const QRegularExpression pathLine(QStringLiteral("^  (/[^:]*):\\s*$"));
        static const QRegularExpression methodLine(QStringLiteral("^    (get|post|put|patch|delete):\\s*$"));
        QSet<QString> operations;
        bool inPaths = false;
        QString currentPath;
        for (const QByteArray &raw : yaml.split('\n')) {
            const QString line = QString::fromUtf8(raw);
            if (!line.startsWith(u' ') && !line.isEmpty())
                inPaths = line.startsWith(QLatin1String("paths:"));
            if (!inPaths)
                continue;
            if (const auto match = pathLine.match(line); match.hasMatch())
                currentPath = match.captured(1);
            else if (const auto method = methodLine.match(line); method.hasMatch() && !currentPath.isEmpty())
                operations.insert(method.captured(1).toUpper() + u' ' + currentPath);
        }
        return operations;
    }

private slots:
    void everyRouteIsDocumented()
    {
        QFile file(QStringLiteral(OPENAPI_FILE));
        QVERIFY2(file.open(QIODevice::ReadOnly), OPENAPI_FILE);
        const QByteArray yaml = file.readAll();
        QVERIFY(yaml.startsWith("openapi: 3.1"));
        const QSet<QString> documented = documentedOperations(yaml);
        QSet<QString> registered;
        for (const BankApi::RouteInfo &route : BankApi::routes())
            registered.insert(QString::fromLatin1(route.method + ' ' + route.pattern));
        QVERIFY(registered.size() >= 9);
        for (const QString &operation : registered)
            QVERIFY2(documented.contains(operation), qPrintable(operation + QStringLiteral(" is not in openapi.yaml")));
        for (const QString &operation : documented)
            QVERIFY2(registered.contains(operation), qPrintable(operation + QStringLiteral(" is documented but not served")));
    }

    void everyProblemCodeIsDocumented()
    {
        QFile file(QStringLiteral(OPENAPI_FILE));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray yaml = file.readAll();
        for (int i = 0; i <= int(ProblemCode::InternalError); ++i) {
            const QString code = ProblemCodes::toString(ProblemCode(i));
            QVERIFY2(yaml.contains(code.toLatin1()), qPrintable(code));
        }
    }
};

QTEST_GUILESS_MAIN(TestOpenApi)
#include "tst_openapi.moc"
