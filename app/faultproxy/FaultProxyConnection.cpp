#include "app/faultproxy/FaultProxyConnection.h"

#include "app/faultproxy/FaultProxy.h"

#include "shared/wire/IntegratedSecret.h"

#include <QDateTime>
#include <QTcpSocket>
#include <QTimer>

namespace {
qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }
} // namespace

FaultProxyConnection::FaultProxyConnection(int number, QTcpSocket *client, const QHostAddress &upstreamHost,
                                           quint16 upstreamPort, FaultProxy *proxy)
    : QObject(proxy),
      m_proxy(proxy),
      m_number(number),
      m_upstreamHost(upstreamHost),
      m_upstreamPort(upstreamPort),
      m_client(client)
{
    client->setParent(this);
    client->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(client, &QTcpSocket::readyRead, this, &FaultProxyConnection::readClient);
    connect(client, &QTcpSocket::disconnected, this, &FaultProxyConnection::onClientDisconnected);
}

FaultProxyConnection::~FaultProxyConnection() = default;

void FaultProxyConnection::abort()
{
    m_attempt.reset();
    m_resume = nullptr;
    for (QTcpSocket *socket : {m_client.data(), m_upstream.data()}) {
        if (socket) {
            socket->disconnect(this);
            socket->abort();
            socket->deleteLater();
        }
    }
    m_client = nullptr;
    m_upstream = nullptr;
    m_finished = true;
}

bool FaultProxyConnection::clientOpen() const
{
    return m_client && !m_clientClosing && m_client->state() == QAbstractSocket::ConnectedState;
}

void FaultProxyConnection::readClient()
{
    if (!m_client)
        return;
    m_requests.append(m_client->readAll());
    startNextAttempt();
}

void FaultProxyConnection::onClientDisconnected()
{
    if (m_client)
        m_client->deleteLater();
    m_client = nullptr;
    // An attempt in progress goes on without the client: the server gets the whole request and
    // its response is read to the end.
    finishIfDone();
}

void FaultProxyConnection::startNextAttempt()
{
    if (m_attempt || !clientOpen())
        return;
    const std::optional<HttpMessage> request = m_requests.take();
    if (!request) {
        if (m_requests.failed()) {
            cutClient();
            finishIfDone();
        }
        return;
    }
    if (!m_proxy->admit(*request)) {
        refuseClient();
        return;
    }
    FaultAttempt attempt = m_proxy->beginAttempt(m_number, *request);
    if (m_finished) // a receiver of attemptStarted closed the proxy
        return;
    m_attempt = std::move(attempt);
    m_attemptMethod = m_attempt->method();
    m_closeAfterResponse = request->closesConnection();
    hold(FaultHop::LeavingClient, [this, bytes = request->bytes] {
        hold(FaultHop::InNetwork, [this, bytes] {
            if (m_attempt->applied == FaultCase::DropRequest) {
                cutClient();
                finishAttempt();
                return;
            }
            forward(bytes);
        });
    });
}

void FaultProxyConnection::hold(FaultHop hop, std::function<void()> then)
{
    const bool stepping = m_proxy->isStepping();
    const int delay = m_proxy->hopDelay();
    if (!m_attempt->scheduled || (!stepping && delay == 0)) {
        reach(hop);
        if (!m_finished) // a receiver closed the proxy
            then();
        return;
    }
    m_attempt->hop = hop;
    m_attempt->held = true;
    m_resume = std::move(then);
    emit m_proxy->attemptMoved(*m_attempt);
    if (m_finished) // a receiver closed the proxy
        return;
    if (stepping)
        m_proxy->holdUntilNext(this);
    else
        QTimer::singleShot(delay, this, [this] { release(); });
}

bool FaultProxyConnection::release()
{
    if (!m_resume)
        return false;
    m_attempt->held = false;
    std::exchange(m_resume, nullptr)();
    return true;
}

void FaultProxyConnection::reach(FaultHop hop)
{
    m_attempt->hop = hop;
    m_attempt->held = false;
    emit m_proxy->attemptMoved(*m_attempt);
}

void FaultProxyConnection::forward(const QByteArray &request)
{
    if (!m_upstream || m_upstream->state() == QAbstractSocket::UnconnectedState) {
        closeUpstream();
        m_responses = HttpMessageFramer(HttpMessageFramer::Kind::Response);
        m_upstream = new QTcpSocket(this);
        connect(m_upstream, &QTcpSocket::connected, m_upstream,
                [socket = m_upstream.data()] { socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); });
        connect(m_upstream, &QTcpSocket::bytesWritten, this, &FaultProxyConnection::onUpstreamBytesWritten);
        connect(m_upstream, &QTcpSocket::readyRead, this, &FaultProxyConnection::readUpstream);
        connect(m_upstream, &QTcpSocket::disconnected, this, &FaultProxyConnection::onUpstreamClosed);
        connect(m_upstream, &QTcpSocket::errorOccurred, this, &FaultProxyConnection::onUpstreamClosed);
        m_upstream->connectToHost(m_upstreamHost, m_upstreamPort);
    }
    // Written before the connection is up, the bytes wait in the socket's buffer.
    m_unwritten = request.size();
    m_upstream->write(request);
}

void FaultProxyConnection::onUpstreamBytesWritten(qint64 bytes)
{
    if (!m_attempt || m_attempt->forwarded)
        return;
    m_unwritten -= bytes;
    if (m_unwritten > 0)
        return;
    m_attempt->forwarded = true;
    m_attempt->forwardedAtMs = nowMs();
    m_proxy->updateCounts([](FaultProxy::Counts &counts) { ++counts.forwarded; });
    // Only now, so the server has the whole request before the client can possibly retry.
    if (m_attempt->applied == FaultCase::CutDuringProcessing)
        cutClient();
    reach(FaultHop::AtBank);
}

void FaultProxyConnection::readUpstream()
{
    if (!m_upstream)
        return;
    m_responses.append(m_upstream->readAll());
    while (m_upstream) {
        const std::optional<HttpMessage> response = m_responses.take(m_attemptMethod);
        if (!response)
            break;
        if (!m_attempt || m_attempt->respondedAtMs != 0) {
            // A response to nothing (or a second one): the stream cannot be trusted any more.
            closeUpstream();
            break;
        }
        handleResponse(*response);
    }
    if (m_responses.failed() && m_upstream) {
        if (m_attempt)
            m_attempt->upstreamError = QStringLiteral("unreadable response: %1").arg(m_responses.error());
        onUpstreamClosed();
    }
}

void FaultProxyConnection::onUpstreamClosed()
{
    if (!m_upstream)
        return;
    // Whatever arrived before the close still counts.
    if (m_upstream->bytesAvailable() > 0 && !m_responses.failed()) {
        readUpstream();
        if (!m_upstream)
            return;
    }
    // The answer is in hand (held on its way): the attempt goes on without the server.
    if (m_attempt && m_attempt->respondedAtMs != 0) {
        closeUpstream();
        return;
    }
    if (m_attempt && m_attempt->upstreamError.isEmpty())
        m_attempt->upstreamError = m_upstream->error() == QAbstractSocket::UnknownSocketError
            ? QStringLiteral("the server closed the connection")
            : m_upstream->errorString();
    closeUpstream();
    if (m_attempt) {
        // No response will come; the proxy cannot answer for the server.
        cutClient();
        finishAttempt();
    }
    finishIfDone();
}

void FaultProxyConnection::handleResponse(const HttpMessage &response)
{
    if (response.isInterim()) {
        if (m_attempt->applied == FaultCase::Pass && clientOpen())
            m_client->write(response.bytes);
        return;
    }
    m_attempt->upstreamStatus = response.status();
    m_attempt->upstreamReplayed = response.header("idempotent-replayed").compare("true", Qt::CaseInsensitive) == 0;
    m_attempt->upstreamBody = response.body();
    m_attempt->respondedAtMs = nowMs();
    hold(FaultHop::BankCommitted,
         [this, response] { hold(FaultHop::AnswerOnTheWay, [this, response] { relay(response); }); });
}

void FaultProxyConnection::relay(const HttpMessage &response)
{
    const bool deliver = m_attempt->applied == FaultCase::Pass && clientOpen();
    if (deliver) {
        m_client->write(response.bytes);
        m_attempt->delivered = true;
    } else if (m_attempt->applied != FaultCase::Pass) {
        cutClient(); // case 3 cuts now; case 2 already has
    }
    m_proxy->updateCounts([deliver](FaultProxy::Counts &counts) { ++(deliver ? counts.delivered : counts.discarded); });
    if (response.closesConnection())
        closeUpstream();
    if (m_closeAfterResponse || response.closesConnection())
        closeClientGracefully();
    if (deliver) {
        reach(FaultHop::AtClient);
        if (m_finished)
            return;
    }
    finishAttempt();
}

void FaultProxyConnection::finishAttempt()
{
    FaultAttempt attempt = *std::exchange(m_attempt, std::nullopt);
    attempt.finishedAtMs = nowMs();
    m_proxy->endAttempt(attempt);
    if (m_finished)
        return;
    if (clientOpen())
        startNextAttempt();
    else
        finishIfDone();
}

void FaultProxyConnection::cutClient()
{
    if (!m_client)
        return;
    if (m_attempt)
        m_attempt->clientCutAtMs = nowMs();
    QTcpSocket *client = m_client;
    m_client = nullptr;
    client->disconnect(this);
    client->abort();
    client->deleteLater();
}

void FaultProxyConnection::refuseClient()
{
    const QByteArray body = IntegratedSecret::refusal().toJsonBytes();
    m_client->write("HTTP/1.1 401 Unauthorized\r\nContent-Type: " + QByteArray(kProblemContentType)
                    + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n"
                    + body);
    closeClientGracefully();
    finishIfDone();
}

void FaultProxyConnection::closeClientGracefully()
{
    if (!m_client || m_clientClosing)
        return;
    m_clientClosing = true;
    disconnect(m_client, &QTcpSocket::readyRead, this, &FaultProxyConnection::readClient);
    // Sends what is buffered, then closes; disconnected() follows.
    m_client->disconnectFromHost();
}

void FaultProxyConnection::closeUpstream()
{
    if (!m_upstream)
        return;
    QTcpSocket *upstream = m_upstream;
    m_upstream = nullptr;
    upstream->disconnect(this);
    upstream->abort();
    upstream->deleteLater();
}

void FaultProxyConnection::finishIfDone()
{
    if (m_finished || m_attempt)
        return;
    if (!m_client || m_clientClosing)
        closeUpstream();
    if (m_client || m_upstream)
        return;
    m_finished = true;
    emit finished();
}
