#pragma once

#include "server/http/HttpRequest.h"
#include "server/http/HttpServerLimits.h"
#include "shared/core/Problem.h"

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

// Strict, incremental HTTP/1.x request parser for one connection; knows nothing of sockets.
// append() bytes as they arrive and call next() until it stops returning Complete: bytes after a
// request stay buffered for the next one (pipelining). Once Failed, it stays failed and the
// connection must be closed after answering error().
class HttpRequestParser
{
public:
    enum class Status { Incomplete, Complete, Failed };

    explicit HttpRequestParser(const HttpServerLimits &limits = {});

    void append(QByteArrayView bytes);
    Status next();
    // The request next() reported Complete; the parser moves on to the following one.
    HttpRequest takeRequest();
    // Why next() reported Failed; its status is the HTTP status to answer with.
    const Problem &error() const;
    // What is known of the request being parsed (method and path may be empty); for logging errors.
    const HttpRequest &current() const;
    // Whether any byte of a request not yet taken has arrived.
    bool hasBufferedBytes() const;

private:
    enum class Stage { RequestLine, Headers, Body, Done, Failed };

    Status fail(Problem problem);
    std::optional<Problem> parseRequestLine(QByteArrayView line);
    std::optional<Problem> parseHeaderLine(QByteArrayView line);
    std::optional<Problem> finishHeaders();

    HttpServerLimits m_limits;
    QByteArray m_buffer;      // starts with the current request
    qsizetype m_pos = 0;      // first byte not yet consumed
    qsizetype m_scanFrom = 0; // where to resume looking for the end of the current line
    Stage m_stage = Stage::RequestLine;
    qint64 m_contentLength = 0;
    HttpRequest m_request;
    Problem m_error;
};
