#include "server/runtime/RequestLogWriter.h"

RequestLogWriter::RequestLogWriter(std::FILE *stream, QObject *parent) : QObject(parent), m_stream(stream)
{
    // A zero timer fires once the events already waiting have been handled: the lines of all the
    // requests answered in this turn go out together.
    m_endOfTurn.setSingleShot(true);
    m_endOfTurn.setInterval(0);
    connect(&m_endOfTurn, &QTimer::timeout, this, &RequestLogWriter::flush);
}

RequestLogWriter::~RequestLogWriter() { flush(); }

void RequestLogWriter::append(const QString &line)
{
    m_kept += line.toUtf8();
    m_kept += '\n';
    if (m_kept.size() >= kMaxKeptBytes)
        flush();
    else if (!m_endOfTurn.isActive())
        m_endOfTurn.start();
}

void RequestLogWriter::flush()
{
    m_endOfTurn.stop();
    if (m_kept.isEmpty())
        return;
    std::fwrite(m_kept.constData(), 1, size_t(m_kept.size()), m_stream);
    std::fflush(m_stream);
    m_kept.truncate(0); // keeps the buffer for the next turn
}
