#include "bench/SignedInUser.h"

#include "shared/httpframing/BlockingHttpClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

QString SignedInUser::signIn(const HttpTarget &target)
{
    BlockingHttpClient client(target.host(), target.port());
    const HttpMessage login
        = client.exchange(target.request("POST", "/v1/sessions", {}, R"({"username":"alice","password":"wonderland"})"))
              .response.value_or(HttpMessage());
    token = QJsonDocument::fromJson(login.body()).object().value(QLatin1String("token")).toString().toLatin1();
    if (login.status() != 201 || token.isEmpty())
        return QStringLiteral("login as alice failed: %1 %2").arg(login.status()).arg(QString::fromUtf8(login.body()));
    const HttpMessage accounts
        = client.exchange(target.request("GET", "/v1/accounts", token)).response.value_or(HttpMessage());
    const QJsonArray items
        = QJsonDocument::fromJson(accounts.body()).object().value(QLatin1String("accounts")).toArray();
    if (accounts.status() != 200 || items.size() < 2)
        return QStringLiteral("alice needs two accounts: %1 %2")
            .arg(accounts.status())
            .arg(QString::fromUtf8(accounts.body()));
    firstAccount = items.at(0).toObject().value(QLatin1String("id")).toString();
    secondAccount = items.at(1).toObject().value(QLatin1String("id")).toString();
    return {};
}

QByteArray SignedInUser::transferBody(bool forward) const
{
    const QString &from = forward ? firstAccount : secondAccount;
    const QString &to = forward ? secondAccount : firstAccount;
    return QJsonDocument(QJsonObject{{QStringLiteral("from_account"), from},
                                     {QStringLiteral("to_account"), to},
                                     {QStringLiteral("amount"), 1},
                                     {QStringLiteral("currency"), QStringLiteral("USD")},
                                     {QStringLiteral("memo"), QStringLiteral("bench")}})
        .toJson(QJsonDocument::Compact);
}
