#pragma once

#include "app/faultproxy/FaultCase.h"
#include "app/faultproxy/FaultHop.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

// What the network did to one attempt, as the proxy saw it: enough for a timeline row. Times are
// milliseconds since the epoch; 0 means "did not happen".
struct FaultAttempt
{
    int number = 0;     // 1, 2, ... in the order requests reached the proxy
    int connection = 0; // which client connection carried it
    FaultCase applied = FaultCase::Pass;
    QByteArray requestLine;    // e.g. "POST /v1/transfers HTTP/1.1"
    QByteArray idempotencyKey; // the request's Idempotency-Key header, if any
    QByteArray requestId;      // its X-Request-Id header, if any: matches the client's own record of the attempt
    bool scheduled = false;    // one of the proxy's targets: the schedule, step mode and slow motion apply to it

    FaultHop hop = FaultHop::LeavingClient; // the last hop it reached
    bool held = false;                      // it waits there: for FaultProxy::next() or the hop delay

    bool forwarded = false;        // the whole request was handed to the server's connection
    int upstreamStatus = 0;        // the server's final status; 0 if no response arrived
    bool upstreamReplayed = false; // the server answered with Idempotent-Replayed: true
    QByteArray upstreamBody;       // the server's response body (delivered or not)
    bool delivered = false;        // the response reached the client
    QString upstreamError;         // why the server's connection failed, if it did

    qint64 receivedAtMs = 0;  // the whole request had arrived from the client
    qint64 forwardedAtMs = 0; // ... and was written to the server's connection
    qint64 clientCutAtMs = 0; // the proxy closed the client's connection
    qint64 respondedAtMs = 0; // the server's whole response had arrived
    qint64 finishedAtMs = 0;  // nothing more will happen to this attempt

    QByteArray method() const { return requestLine.left(requestLine.indexOf(' ')); }
    QByteArray target() const { return requestLine.split(' ').value(1); }
};

Q_DECLARE_METATYPE(FaultAttempt)
