// docs/openapi.yaml documents every route the server registers, and nothing it does not; it and
// docs/api.md list exactly the problem code registry.
#include "server/api/BankApi.h"
#include "server/idempotency/KeyState.h"

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
            QVERIFY2(registered.contains(operation),
                     qPrintable(operation + QStringLiteral(" is documented but not served")));
    }

    // The ProblemCode schema lists exactly the registry, in its order, each with its status.
    void everyProblemCodeIsDocumented()
    {
        QFile file(QStringLiteral(OPENAPI_FILE));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString yaml = QString::fromUtf8(file.readAll());
        const qsizetype schema = yaml.indexOf(QLatin1String("\n    ProblemCode:\n"));
        QVERIFY(schema > 0);
        const qsizetype enumStart = yaml.indexOf(QLatin1String("      enum:\n"), schema);
        QVERIFY(enumStart > schema);
        const QString description = yaml.mid(schema, enumStart - schema).simplified();
        static const QRegularExpression item(QStringLiteral("^        - ([a-z_]+)$"));
        QStringList documented;
        for (const QString &line : yaml.mid(enumStart).split(u'\n').mid(1)) {
            const auto match = item.match(line);
            if (!match.hasMatch())
                break;
            documented << match.captured(1);
        }
        QStringList registered;
        for (const ProblemCode code : ProblemCodes::all()) {
            const QString name = ProblemCodes::toString(code);
            registered << name;
            const QString status = name + u' ' + QString::number(ProblemCodes::httpStatus(code));
            QVERIFY2(description.contains(status + u',') || description.contains(status + u'.'), qPrintable(status));
        }
        QCOMPARE(documented, registered);
    }

    // The statuses a key can show (KeyState::statusName) are exactly the IdempotencyKey schema's
    // and those the listing filters by (parameter KeyStatus).
    void everyKeyStatusIsDocumented()
    {
        QFile file(QStringLiteral(OPENAPI_FILE));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString yaml = QString::fromUtf8(file.readAll());
        QSet<QString> shown;
        for (const auto status : {KeyState::Status::Unused, KeyState::Status::Lapsed, KeyState::Status::Completed,
                                  KeyState::Status::Expired, KeyState::Status::Abandoned})
            shown.insert(KeyState::statusName(status));
        static const QRegularExpression enumLine(QStringLiteral("\\n    (IdempotencyKey|KeyStatus):\\n(?:      .*\\n)*?"
                                                                "(?:        |          )enum: \\[([a-z, ]+)\\]"));
        QStringList documentedIn;
        for (auto match = enumLine.globalMatch(yaml); match.hasNext();) {
            const auto found = match.next();
            const QStringList names = found.captured(2).split(QStringLiteral(", "));
            QCOMPARE(QSet<QString>(names.cbegin(), names.cend()), shown);
            documentedIn << found.captured(1);
        }
        QCOMPARE(documentedIn, QStringList({QStringLiteral("KeyStatus"), QStringLiteral("IdempotencyKey")}));
    }

    // docs/api.md's registry table has one row per code, in order: name, status and title.
    void apiMarkdownListsTheRegistry()
    {
        QFile file(QStringLiteral(API_MD_FILE));
        QVERIFY2(file.open(QIODevice::ReadOnly), API_MD_FILE);
        static const QRegularExpression row(QStringLiteral("^\\| `([a-z_]+)` \\| (\\d{3}) \\| ([^|]+) \\|"));
        QStringList documented;
        for (const QByteArray &line : file.readAll().split('\n')) {
            if (const auto match = row.match(QString::fromUtf8(line)); match.hasMatch())
                documented << match.captured(1) + u' ' + match.captured(2) + u' ' + match.captured(3);
        }
        QStringList registered;
        for (const ProblemCode code : ProblemCodes::all())
            registered << ProblemCodes::toString(code) + u' ' + QString::number(ProblemCodes::httpStatus(code)) + u' '
                    + ProblemCodes::title(code);
        QCOMPARE(documented, registered);
    }
};

QTEST_GUILESS_MAIN(TestOpenApi)
#include "tst_openapi.moc"
