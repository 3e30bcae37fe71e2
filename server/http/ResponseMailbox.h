#pragma once

#include "server/http/HttpResponse.h"

#include <QPointer>
#include <QtGlobal>

#include <memory>
#include <mutex>
#include <vector>

class HttpConnection;
class QObject;

// Where responders, on any thread, leave the responses for the connections of one HttpServer,
// and from where the server's thread hands them on, in the order they came. Responses that come
// close together (a writer's batch, several readers, several answered on the server's thread in
// one turn) share one wake-up of that thread: only the first into an empty mailbox queues a
// delivery. Shared, because a responder may outlive its connection and the server.
class ResponseMailbox : public std::enable_shared_from_this<ResponseMailbox>
{
    Q_DISABLE_COPY_MOVE(ResponseMailbox)
public:
    // `server` is the object on whose thread the responses are delivered.
    explicit ResponseMailbox(QObject *server);

    // Any thread: leaves `response` for request `sequence` of `connection`.
    void post(QPointer<HttpConnection> connection, quint64 sequence, HttpResponse response);
    // The server is going (its thread, before it is destroyed): what is left and what comes later
    // is dropped.
    void close();

private:
    struct Delivery
    {
        QPointer<HttpConnection> connection;
        quint64 sequence = 0;
        HttpResponse response;
    };

    void deliverAll(); // on the server's thread

    std::mutex m_mutex;
    QObject *m_server;                  // null once closed; guarded by m_mutex
    std::vector<Delivery> m_deliveries; // a delivery is queued while not empty; guarded by m_mutex
    std::vector<Delivery> m_handing;    // the server's thread's: those being handed on
};
