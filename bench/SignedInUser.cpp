#include "bench/SignedInUser.h"

#include "shared/httpframing/BlockingHttpClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

QString SignedInUser::signIn(const HttpTarget &target, const QByteArray &username, const QByteArray &password)
{
    BlockingHttpClient client(target.host(), target.port());
    const QByteArray credentials = QJsonDocument(QJsonObject{{QStringLiteral("username"), QString::fromUtf8(username)},
                                                             {QStringLiteral("password"), QString::fromUtf8(password)}})
                                       .toJson(QJsonDocument::Compact);
    const HttpMessage login
        = client.exchange(target.request("POST", "/v1/sessions", {}, credentials)).response.value_or(HttpMessage());
    token = QJsonDocument::fromJson(login.body()).object().value(QLatin1String("token")).toString().toLatin1();
    if (login.status() != 201 || token.isEmpty())
        return QStringLiteral("login as %1 failed: %2 %3")
            .arg(QString::fromUtf8(username))
            .arg(login.status())
            .arg(QString::fromUtf8(login.body()));
    const HttpMessage listed
        = client.exchange(target.request("GET", "/v1/accounts", token)).response.value_or(HttpMessage());
    const QJsonArray items = QJsonDocument::fromJson(listed.body()).object().value(QLatin1String("accounts")).toArray();
    if (listed.status() != 200 || items.isEmpty())
        return QStringLiteral("%1 has no accounts: %2 %3")
            .arg(QString::fromUtf8(username))
            .arg(listed.status())
            .arg(QString::fromUtf8(listed.body()));
    accounts.clear();
    for (const QJsonValue item : items)
        accounts.append(item.toObject().value(QLatin1String("id")).toString());
    return {};
}

QByteArray SignedInUser::transferBody(bool forward) const
{
    return forward ? transferBody(accounts.value(0), accounts.value(1))
                   : transferBody(accounts.value(1), accounts.value(0));
}

QByteArray SignedInUser::transferBody(const QString &from, const QString &to)
{
    return QJsonDocument(QJsonObject{{QStringLiteral("from_account"), from},
                                     {QStringLiteral("to_account"), to},
                                     {QStringLiteral("amount"), 1},
                                     {QStringLiteral("currency"), QStringLiteral("USD")},
                                     {QStringLiteral("memo"), QStringLiteral("bench")}})
        .toJson(QJsonDocument::Compact);
}
