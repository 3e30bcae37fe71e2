#pragma once

#include "tests/support/TestHttpClient.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <memory>
#include <vector>

// The final answer to one transfer: 201 with its transfer, or a stored refusal.
struct Acknowledged
{
    int status = 0;
    QString transferId;
    QString from;
    QString to;
    qint64 amount = 0;
};

// How long a ClusterClient keeps trying one request.
struct ClusterPatience
{
    // Enough for a request to find a live instance after another was killed, even when a deadlock
    // between two instances' batches costs a round of deadlock detection first.
    int attempts = 40;
    int pauseAfterFailureMs = 0; // after no answer or a 503; a 409 always waits 20 ms
};

// One user's view of the cluster from one thread, as a client behind a load balancer has it: a
// connection to every instance, and a request that gets no answer (the instance is gone), 409 (in
// flight) or 503 is sent again, with the same key, to the next instance.
class ClusterClient
{
public:
    ClusterClient(const QList<quint16> &ports, const QByteArray &token, int firstInstance,
                  ClusterPatience patience = {});

    // The key, or an empty string if none was issued within the client's patience.
    QString issueKey();
    TestResponse transfer(const QString &key, const QJsonObject &body);

    // Requests that got no answer at all (the instance was gone) and went on to the next one.
    int unanswered() const { return m_unanswered; }

private:
    // The first final answer, or the last response if there was none.
    TestResponse send(const QByteArray &path, const QJsonObject &body,
                      const QList<QPair<QByteArray, QByteArray>> &headers = {});

    std::vector<std::unique_ptr<TestHttpClient>> m_clients;
    ClusterPatience m_patience;
    int m_next;
    int m_unanswered = 0;
};
