#pragma once

#include <QByteArray>
#include <QString>

// One line of the request log: written when the response has been handed to the socket.
struct HttpLogEntry
{
    QByteArray method;
    QByteArray path;
    int status = 0;
    QString key;
    bool replayed = false;
    qint64 micros = 0;

    QString toLine() const;
};
