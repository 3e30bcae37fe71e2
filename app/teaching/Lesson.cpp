#include "app/teaching/Lesson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

QByteArray Lesson::toJson() const
{
    QJsonArray names;
    for (const TeachingPreset &scenario : scenarios)
        names.append(scenario.automationName());
    const QJsonObject lesson{{QStringLiteral("format"), QLatin1String(kFormat)},
                             {QStringLiteral("version"), kVersion},
                             {QStringLiteral("seed"), qint64(seed)},
                             {QStringLiteral("scenarios"), names}};
    return QJsonDocument(lesson).toJson(QJsonDocument::Indented);
}

std::optional<TeachingPreset> Lesson::preset(const QString &automationName)
{
    for (const TeachingPreset &preset : TeachingPreset::all()) {
        if (preset.automationName() == automationName)
            return preset;
    }
    return std::nullopt;
}

std::optional<Lesson> Lesson::fromJson(const QByteArray &json, QString *why)
{
    const auto fail = [why](const QString &reason) {
        *why = reason;
        return std::nullopt;
    };
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(tr("not JSON: %1 at byte %2").arg(error.errorString()).arg(error.offset));
    if (!document.isObject())
        return fail(tr("not a lesson: expected a JSON object"));
    const QJsonObject object = document.object();
    const QStringList known{QStringLiteral("format"), QStringLiteral("version"), QStringLiteral("seed"),
                            QStringLiteral("scenarios")};
    for (const QString &member : object.keys()) {
        if (!known.contains(member))
            return fail(tr("unknown member “%1”; a lesson has %2").arg(member, known.join(QStringLiteral(", "))));
    }
    if (object.value(QLatin1String("format")).toString() != QLatin1String(kFormat))
        return fail(tr("not a lesson: “format” must be “%1”").arg(QLatin1String(kFormat)));
    const QJsonValue version = object.value(QLatin1String("version"));
    if (!version.isDouble())
        return fail(tr("“version” is missing or not a number: this app reads lessons of version %1").arg(kVersion));
    if (version.toDouble() != kVersion)
        return fail(tr("version %1 is not supported: this app reads lessons of version %2")
                        .arg(QString::number(version.toDouble()))
                        .arg(kVersion));
    const QJsonValue seed = object.value(QLatin1String("seed"));
    const double seedNumber = seed.toDouble(-1);
    if (!seed.isDouble() || seedNumber < 0 || seedNumber > 4294967295.0 || seedNumber != qint64(seedNumber))
        return fail(tr("“seed” must be a whole number from 0 to 4294967295"));
    const QJsonValue names = object.value(QLatin1String("scenarios"));
    if (!names.isArray() || names.toArray().isEmpty())
        return fail(tr("“scenarios” must be a list of at least one scenario"));
    Lesson lesson;
    lesson.seed = quint32(qint64(seedNumber));
    const QJsonArray list = names.toArray();
    for (qsizetype index = 0; index < list.size(); ++index) {
        const std::optional<TeachingPreset> found = preset(list.at(index).toString());
        if (!found) {
            QStringList presets;
            for (const TeachingPreset &each : TeachingPreset::all())
                presets.append(each.automationName());
            return fail(tr("scenario %1 is not a preset: “%2”; the presets are %3")
                            .arg(index + 1)
                            .arg(list.at(index).toString(), presets.join(QStringLiteral(", "))));
        }
        lesson.scenarios.append(*found);
    }
    return lesson;
}

QString Lesson::progressText(int next) const
{
    if (next >= scenarios.size())
        return tr("Lesson: all %1 scenarios ran.").arg(scenarios.size());
    return tr("Lesson: next is scenario %1 of %2, “%3”.")
        .arg(next + 1)
        .arg(scenarios.size())
        .arg(scenarios.at(next).label());
}
