#pragma once

#include "shared/core/Problem.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

struct HttpResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers; // without Content-Length/Connection: the writer adds those
    QByteArray body;
    bool closeConnection = false;

    // For the request log only; never sent.
    QString logKey;
    bool replayed = false;
    qint64 logUserId = 0; // the authenticated user, 0 for none

    void setHeader(const QByteArray &name, const QByteArray &value);
    QByteArray header(QByteArrayView name) const;

    static HttpResponse json(int status, const QJsonObject &object);
    // A body already written as JSON text (CompactJsonWriter).
    static HttpResponse jsonText(int status, const QByteArray &text);
    static HttpResponse raw(int status, const QByteArray &contentType, const QByteArray &body);
    static HttpResponse problem(const Problem &problem);

    // Status line, headers (plus Content-Length and Connection), blank line, body.
    QByteArray serialize(bool keepAlive) const;
    static QByteArray reasonPhrase(int status);
};
