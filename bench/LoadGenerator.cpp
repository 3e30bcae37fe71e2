#include "bench/LoadGenerator.h"

#include "shared/httpframing/HttpMessageFramer.h"

#include <QThread>

#include <cerrno>
#include <chrono>
#include <memory>
#include <vector>

#include <fcntl.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

// An answer still missing this long after the time is up is counted as lost.
constexpr qint64 kDrainTimeoutNs = 30'000'000'000;

qint64 nowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

struct Connection
{
    int index = 0;
    int fd = -1;
    HttpMessageFramer responses{HttpMessageFramer::Kind::Response};
    std::optional<PlannedRequest> current;
    qsizetype sent = 0;
    qint64 startedNs = 0;
    bool wantsWrite = false;
};

struct ThreadTally
{
    quint64 requests = 0;
    quint64 errors = 0;
    QMap<QByteArray, quint64> errorKinds;
    std::vector<qint64> latenciesNs;
    qint64 lastAnswerNs = 0;
    bool exhausted = false;

    void error(const QByteArray &kind)
    {
        ++errors;
        ++errorKinds[kind];
    }
};

// Drives a share of the connections on one thread.
class Driver
{
public:
    Driver(const HttpTarget &target, RequestPlan &plan, qint64 startNs, qint64 deadlineNs)
        : m_target(target),
          m_plan(plan),
          m_startNs(startNs),
          m_deadlineNs(deadlineNs)
    {}
    ~Driver()
    {
        for (Connection &connection : m_connections)
            closeSocket(connection);
        if (m_epoll >= 0)
            ::close(m_epoll);
    }

    void add(int index)
    {
        Connection connection;
        connection.index = index;
        m_connections.push_back(std::move(connection));
    }

    // Opens every connection before the clock starts.
    bool open()
    {
        m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
        if (m_epoll < 0)
            return false;
        for (Connection &connection : m_connections) {
            if (!openSocket(connection))
                return false;
        }
        return true;
    }

    ThreadTally run()
    {
        while (nowNs() < m_startNs)
            QThread::usleep(50);
        int active = 0;
        for (Connection &connection : m_connections)
            active += startNext(connection) ? 1 : 0;
        epoll_event events[64];
        while (active > 0) {
            const int ready = ::epoll_wait(m_epoll, events, 64, 100);
            if (ready < 0 && errno != EINTR)
                break;
            if (nowNs() > m_deadlineNs + kDrainTimeoutNs) {
                for (Connection &connection : m_connections) {
                    if (connection.current)
                        m_tally.error("timeout");
                }
                break;
            }
            for (int i = 0; i < ready; ++i) {
                Connection &connection = m_connections[size_t(events[i].data.u32)];
                if (!connection.current)
                    continue;
                bool stillActive = true;
                if (events[i].events & EPOLLOUT)
                    stillActive = writeSome(connection);
                if (stillActive && (events[i].events & (EPOLLIN | EPOLLERR | EPOLLHUP)))
                    stillActive = readSome(connection);
                if (!stillActive)
                    --active;
            }
        }
        return std::move(m_tally);
    }

private:
    bool openSocket(Connection &connection)
    {
        connection.fd = m_target.connectSocket();
        if (connection.fd < 0)
            return false;
        ::fcntl(connection.fd, F_SETFL, ::fcntl(connection.fd, F_GETFL) | O_NONBLOCK);
        connection.responses = HttpMessageFramer(HttpMessageFramer::Kind::Response);
        connection.wantsWrite = false;
        epoll_event event{};
        event.events = EPOLLIN;
        event.data.u32 = quint32(&connection - m_connections.data());
        return ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, connection.fd, &event) == 0;
    }

    static void closeSocket(Connection &connection)
    {
        if (connection.fd >= 0)
            ::close(connection.fd);
        connection.fd = -1;
    }

    // Sends the connection's next request; false if it is done (time is up or no more work).
    bool startNext(Connection &connection)
    {
        connection.current.reset();
        if (nowNs() >= m_deadlineNs)
            return false;
        connection.current = m_plan.next(connection.index);
        if (!connection.current) {
            m_tally.exhausted = true;
            return false;
        }
        connection.sent = 0;
        connection.startedNs = nowNs();
        return writeSome(connection);
    }

    bool writeSome(Connection &connection)
    {
        const QByteArray &bytes = connection.current->bytes;
        while (connection.sent < bytes.size()) {
            const ssize_t n = ::send(connection.fd, bytes.constData() + connection.sent,
                                     size_t(bytes.size() - connection.sent), MSG_NOSIGNAL);
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                setWantsWrite(connection, true);
                return true;
            }
            if (n <= 0)
                return lose(connection);
            connection.sent += n;
        }
        setWantsWrite(connection, false);
        return true;
    }

    bool readSome(Connection &connection)
    {
        char buffer[32 * 1024];
        while (true) {
            const ssize_t n = ::recv(connection.fd, buffer, sizeof buffer, 0);
            if (n > 0) {
                connection.responses.append(QByteArrayView(buffer, n));
                if (size_t(n) < sizeof buffer)
                    break; // drained: saves the recv that would only say EAGAIN
                continue;
            }
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
                break;
            return lose(connection);
        }
        const std::optional<HttpMessage> reply = connection.responses.take();
        if (!reply)
            return connection.responses.failed() ? lose(connection) : true;
        const qint64 answeredNs = nowNs();
        const QByteArray problem = m_plan.verify(connection.index, *connection.current, *reply);
        if (problem.isEmpty()) {
            ++m_tally.requests;
            m_tally.latenciesNs.push_back(answeredNs - connection.startedNs);
        } else {
            m_tally.error(problem);
        }
        m_tally.lastAnswerNs = answeredNs;
        if (reply->closesConnection()) {
            closeSocket(connection);
            if (!openSocket(connection))
                return false;
        }
        return startNext(connection);
    }

    // The connection broke with a request in flight: that request is an error and is not
    // re-sent; the connection is reopened for the next one.
    bool lose(Connection &connection)
    {
        m_tally.error("connection_lost");
        m_tally.lastAnswerNs = nowNs();
        ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, connection.fd, nullptr);
        closeSocket(connection);
        if (!openSocket(connection)) {
            connection.current.reset();
            return false;
        }
        return startNext(connection);
    }

    void setWantsWrite(Connection &connection, bool wanted)
    {
        if (connection.wantsWrite == wanted)
            return;
        connection.wantsWrite = wanted;
        epoll_event event{};
        event.events = EPOLLIN | (wanted ? EPOLLOUT : 0u);
        event.data.u32 = quint32(&connection - m_connections.data());
        ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, connection.fd, &event);
    }

    const HttpTarget &m_target;
    RequestPlan &m_plan;
    const qint64 m_startNs;
    const qint64 m_deadlineNs;
    int m_epoll = -1;
    std::vector<Connection> m_connections;
    ThreadTally m_tally;
};

} // namespace

ScenarioResult LoadGenerator::run(const QString &name, RequestPlan &plan, int connections, int durationMs) const
{
    ScenarioResult result;
    result.name = name;
    result.connections = connections;
    const int threadCount = std::max(1, std::min(m_threads, connections));
    // Time for every thread to open its connections before the common start.
    const qint64 startNs = nowNs() + 200'000'000 + qint64(connections) * 1'000'000;
    const qint64 deadlineNs = startNs + qint64(durationMs) * 1'000'000;
    std::vector<std::unique_ptr<Driver>> drivers;
    for (int t = 0; t < threadCount; ++t)
        drivers.push_back(std::make_unique<Driver>(m_target, plan, startNs, deadlineNs));
    for (int c = 0; c < connections; ++c)
        drivers[size_t(c % threadCount)]->add(c);

    std::vector<ThreadTally> tallies(static_cast<size_t>(threadCount));
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < threadCount; ++t) {
        threads.emplace_back(QThread::create([&drivers, &tallies, t] {
            Driver &driver = *drivers[size_t(t)];
            if (driver.open())
                tallies[size_t(t)] = driver.run();
            else
                tallies[size_t(t)].error("connect_failed");
        }));
        threads.back()->setObjectName(QStringLiteral("bench-load-%1").arg(t));
        threads.back()->start();
    }
    for (auto &thread : threads)
        thread->wait();

    std::vector<qint64> latencies;
    qint64 lastAnswerNs = startNs;
    for (ThreadTally &tally : tallies) {
        result.requests += tally.requests;
        result.errors += tally.errors;
        for (auto it = tally.errorKinds.begin(); it != tally.errorKinds.end(); ++it)
            result.errorKinds[it.key()] += it.value();
        latencies.insert(latencies.end(), tally.latenciesNs.begin(), tally.latenciesNs.end());
        lastAnswerNs = std::max(lastAnswerNs, tally.lastAnswerNs);
        result.planExhausted = result.planExhausted || tally.exhausted;
    }
    result.seconds = double(lastAnswerNs - startNs) / 1e9;
    result.latency = LatencySummary::of(std::move(latencies));
    return result;
}
