#include "server/http/ResponseMailbox.h"

#include "server/http/HttpConnection.h"
#include "shared/core/ThreadHandoff.h"

ResponseMailbox::ResponseMailbox(QObject *server) : m_server(server) {}

void ResponseMailbox::post(QPointer<HttpConnection> connection, quint64 sequence, HttpResponse response)
{
    const std::lock_guard lock(m_mutex);
    if (!m_server)
        return;
    m_deliveries.push_back({std::move(connection), sequence, std::move(response)});
    // Under the lock, so that the server cannot go in between.
    if (m_deliveries.size() == 1)
        ThreadHandoff::post(m_server, [mailbox = shared_from_this()] { mailbox->deliverAll(); });
}

void ResponseMailbox::close()
{
    const std::lock_guard lock(m_mutex);
    m_server = nullptr;
    m_deliveries.clear();
}

void ResponseMailbox::deliverAll()
{
    // The two vectors trade places and both keep their capacity: no allocation once they are
    // big enough.
    {
        const std::lock_guard lock(m_mutex);
        m_handing.swap(m_deliveries);
    }
    // A delivery may answer the next request on the spot; that response queues a delivery of its own.
    for (Delivery &delivery : m_handing) {
        if (delivery.connection)
            delivery.connection->deliver(delivery.sequence, std::move(delivery.response));
    }
    m_handing.clear();
}
