#pragma once

#include <QByteArray>
#include <QObject>
#include <QTimer>

#include <cstdio>

// The request log of bank-server: one line per request, on the network thread. Writing each line
// as it comes made a write(2) per request (stderr is unbuffered), about a tenth of a health
// check's CPU; the lines are kept instead and written together once the thread's pending events
// are handled, in one write. A line therefore waits at most one turn of the event loop; if the
// process is killed, the lines of its last turn are lost with it (the ledger, not the log, is the
// record of what was done).
class RequestLogWriter : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RequestLogWriter)
public:
    explicit RequestLogWriter(std::FILE *stream, QObject *parent = nullptr);
    ~RequestLogWriter() override; // writes what is kept

    // Keeps `line` (without its line break) for the next write.
    void append(const QString &line);
    // Writes every line kept, in order, now.
    void flush();

private:
    // A turn that logs this much writes it at once rather than keep it growing.
    static constexpr qsizetype kMaxKeptBytes = 64 * 1024;

    std::FILE *m_stream;
    QByteArray m_kept;
    QTimer m_endOfTurn;
};
