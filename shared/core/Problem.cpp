#include "shared/core/Problem.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>

#include <utility>

Problem::Problem(ProblemCode problemCode, QString problemDetail) : code(problemCode), detail(std::move(problemDetail))
{}

Problem Problem::retryAfterMs(qint64 waitMs) const
{
    Problem advised = *this;
    advised.retryAfterSeconds = std::max<qint64>(1, (waitMs + 999) / 1000);
    return advised;
}

int Problem::status() const { return ProblemCodes::httpStatus(code); }

QString Problem::title() const { return ProblemCodes::title(code); }

QString Problem::type() const
{
    return QStringLiteral("https://exactly-once.bank/problems/") + ProblemCodes::toString(code).replace(u'_', u'-');
}

QJsonObject Problem::toJson() const
{
    QJsonObject object{
        {QStringLiteral("type"), type()},
        {QStringLiteral("title"), title()},
        {QStringLiteral("status"), status()},
        {QStringLiteral("detail"), detail.isEmpty() ? title() : detail},
        {QStringLiteral("code"), ProblemCodes::toString(code)},
    };
    if (!differs.isEmpty())
        object.insert(QStringLiteral("differs"), QJsonArray::fromStringList(differs));
    return object;
}

QByteArray Problem::toJsonBytes() const { return QJsonDocument(toJson()).toJson(QJsonDocument::Compact); }

std::optional<Problem> Problem::fromJson(const QByteArray &body, QString *rawCode)
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    if (!doc.isObject())
        return std::nullopt;
    const QJsonObject object = doc.object();
    const QString name = object.value(QStringLiteral("code")).toString();
    if (rawCode)
        *rawCode = name;
    const auto code = ProblemCodes::fromString(name);
    if (!code)
        return std::nullopt;
    Problem problem(*code, object.value(QStringLiteral("detail")).toString());
    for (const QJsonValue member : object.value(QStringLiteral("differs")).toArray())
        problem.differs.append(member.toString());
    return problem;
}
