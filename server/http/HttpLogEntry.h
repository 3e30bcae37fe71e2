#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QString>

// One line of the request log: made when the response is ready, just before its bytes are sent.
struct HttpLogEntry
{
    QByteArray method;
    QByteArray path;
    int status = 0;
    QString key; // the idempotency key the request used, if any; never logged as such
    bool replayed = false;
    qint64 micros = 0;
    QHostAddress client; // the TCP peer, or whom a trusted proxy forwarded for
    qint64 userId = 0;   // the authenticated user's id; 0: none (never a token or password)

    // "METHOD PATH STATUS key=TAG replayed=BOOL us=MICROS client=ADDRESS user=ID|-", so abuse can
    // be traced to an address and an account. A key lets its holder replay or
    // complete a transfer, so the line carries only its tag, also wherever PATH contains it;
    // bytes of PATH outside printable ASCII are written as \xHH, so no request can forge a line.
    QString toLine() const;
    // "-" for no key, else the first 8 hex digits of the key's SHA-256: enough to match lines of
    // one transfer, useless for guessing the key.
    static QString keyTag(const QString &key);
};
