#include "server/http/HttpRequestParser.h"

#include "shared/encoding/HexDigit.h"

#include <utility>

namespace {

// RFC 9110 tchar.
bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

// Methods are case-sensitive and every method there is worth serving is upper-case letters, so
// anything else (including "get") is a malformed request rather than an unknown method.
bool isMethod(QByteArrayView text)
{
    if (text.isEmpty())
        return false;
    for (const char c : text) {
        if (c < 'A' || c > 'Z')
            return false;
    }
    return true;
}

bool isWhitespace(char c) { return c == ' ' || c == '\t'; }

// field-value: visible ASCII, SP, HT and obs-text; no other control bytes.
bool isFieldValueByte(char c)
{
    const auto byte = static_cast<unsigned char>(c);
    return byte == '\t' || (byte >= 0x20 && byte != 0x7f);
}

std::optional<QByteArray> percentDecoded(QByteArrayView raw)
{
    QByteArray out;
    out.reserve(raw.size());
    for (qsizetype i = 0; i < raw.size(); ++i) {
        if (raw[i] != '%') {
            out += raw[i];
            continue;
        }
        if (i + 2 >= raw.size())
            return std::nullopt;
        const int high = hexDigitValue(raw[i + 1]);
        const int low = hexDigitValue(raw[i + 2]);
        if (high < 0 || low < 0)
            return std::nullopt;
        out += static_cast<char>(high * 16 + low);
        i += 2;
    }
    return out;
}

Problem malformed(const char *detail) { return Problem(ProblemCode::MalformedRequest, QString::fromLatin1(detail)); }

} // namespace

HttpRequestParser::HttpRequestParser(const HttpServerLimits &limits) : m_limits(limits) {}

void HttpRequestParser::append(QByteArrayView bytes)
{
    if (m_stage != Stage::Failed)
        m_buffer.append(bytes);
}

HttpRequestParser::Status HttpRequestParser::next()
{
    while (m_stage == Stage::RequestLine || m_stage == Stage::Headers) {
        const qsizetype lineFeed = m_buffer.indexOf('\n', m_scanFrom);
        // The buffer starts with this request, so an offset is also the size of its head so far;
        // checking it before the head is complete stops a client that never ends its headers.
        const qsizetype headSize = lineFeed < 0 ? m_buffer.size() : lineFeed + 1;
        if (headSize > m_limits.maxHeaderBytes) {
            const QString detail = QStringLiteral("The request line and headers exceed %1 bytes");
            return fail(Problem(ProblemCode::HeaderFieldsTooLarge, detail.arg(m_limits.maxHeaderBytes)));
        }
        if (lineFeed < 0) {
            m_scanFrom = m_buffer.size();
            return Status::Incomplete;
        }
        if (lineFeed == m_pos || m_buffer.at(lineFeed - 1) != '\r')
            return fail(malformed("Lines must end with CRLF, not a bare LF"));
        const QByteArrayView line(m_buffer.constData() + m_pos, lineFeed - 1 - m_pos);
        m_pos = m_scanFrom = lineFeed + 1;
        const auto problem = m_stage == Stage::RequestLine ? parseRequestLine(line) : parseHeaderLine(line);
        if (problem)
            return fail(*problem);
    }
    if (m_stage == Stage::Body) {
        if (m_buffer.size() - m_pos < m_contentLength)
            return Status::Incomplete;
        m_request.body = m_buffer.mid(m_pos, m_contentLength);
        m_pos += m_contentLength;
        m_stage = Stage::Done;
    }
    return m_stage == Stage::Done ? Status::Complete : Status::Failed;
}

HttpRequest HttpRequestParser::takeRequest()
{
    Q_ASSERT(m_stage == Stage::Done);
    m_buffer.remove(0, m_pos);
    m_pos = m_scanFrom = 0;
    m_contentLength = 0;
    m_stage = Stage::RequestLine;
    return std::exchange(m_request, HttpRequest());
}

const Problem &HttpRequestParser::error() const { return m_error; }

const HttpRequest &HttpRequestParser::current() const { return m_request; }

bool HttpRequestParser::hasBufferedBytes() const { return !m_buffer.isEmpty(); }

HttpRequestParser::Status HttpRequestParser::fail(Problem problem)
{
    m_error = std::move(problem);
    m_stage = Stage::Failed;
    m_buffer.clear();
    m_pos = m_scanFrom = 0;
    return Status::Failed;
}

std::optional<Problem> HttpRequestParser::parseRequestLine(QByteArrayView line)
{
    // RFC 9112 2.2: tolerate empty lines before a request (they still count towards the head limit).
    if (line.isEmpty())
        return std::nullopt;

    const qsizetype firstSpace = line.indexOf(' ');
    const qsizetype secondSpace = firstSpace < 0 ? -1 : line.indexOf(' ', firstSpace + 1);
    if (firstSpace < 0 || secondSpace < 0 || line.indexOf(' ', secondSpace + 1) >= 0)
        return malformed("The request line must be: METHOD SP target SP HTTP-version");
    const QByteArrayView method = line.first(firstSpace);
    const QByteArrayView target = line.sliced(firstSpace + 1, secondSpace - firstSpace - 1);
    const QByteArrayView version = line.sliced(secondSpace + 1);

    if (!isMethod(method))
        return malformed("The method must be upper-case letters");
    if (version == "HTTP/1.1")
        m_request.minorVersion = 1;
    else if (version == "HTTP/1.0")
        m_request.minorVersion = 0;
    else if (version.startsWith("HTTP/"))
        return malformed("Only HTTP/1.0 and HTTP/1.1 are supported");
    else
        return malformed("The request line does not end with an HTTP version");
    m_request.method = method.toByteArray();

    if (!target.startsWith('/'))
        return malformed("The request target must be an absolute path starting with '/'");
    for (const char c : target) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte <= ' ' || byte >= 0x7f || c == '#')
            return malformed("The request target contains a byte that is not allowed");
    }
    const qsizetype question = target.indexOf('?');
    const auto path = percentDecoded(question < 0 ? target : target.first(question));
    if (!path)
        return malformed("The request path contains an invalid percent-escape");
    m_request.target = target.toByteArray();
    m_request.path = *path;
    m_request.query = question < 0 ? QByteArray() : target.sliced(question + 1).toByteArray();
    m_stage = Stage::Headers;
    return std::nullopt;
}

std::optional<Problem> HttpRequestParser::parseHeaderLine(QByteArrayView line)
{
    if (line.isEmpty())
        return finishHeaders();
    if (isWhitespace(line.front()))
        return malformed("Folded header lines (obs-fold) are not allowed");
    const qsizetype colon = line.indexOf(':');
    if (colon < 0)
        return malformed("A header line has no colon");
    const QByteArrayView name = line.first(colon);
    if (!isToken(name))
        return malformed("A header name is empty or contains a byte that is not allowed (whitespace before ':'?)");
    const QByteArrayView value = line.sliced(colon + 1);
    for (const char c : value) {
        if (!isFieldValueByte(c))
            return malformed("A header value contains a control byte");
    }
    // With every control byte but HT rejected, trimmed() strips exactly the optional whitespace.
    m_request.headers.append({name.toByteArray().toLower(), value.trimmed().toByteArray()});
    return std::nullopt;
}

std::optional<Problem> HttpRequestParser::finishHeaders()
{
    int hosts = 0;
    int contentLengths = 0;
    QByteArray contentLength;
    for (const auto &[name, value] : std::as_const(m_request.headers)) {
        if (name == "host") {
            ++hosts;
        } else if (name == "transfer-encoding") {
            return Problem(ProblemCode::TransferEncodingNotSupported,
                           QStringLiteral("Transfer-Encoding is not supported; send a Content-Length"));
        } else if (name == "content-length") {
            ++contentLengths;
            contentLength = value;
        }
    }
    if (hosts > 1)
        return malformed("More than one Host header");
    if (hosts == 0 && m_request.minorVersion == 1)
        return malformed("An HTTP/1.1 request must have a Host header");
    if (contentLengths > 1)
        return malformed("More than one Content-Length header");

    m_contentLength = 0;
    if (contentLengths == 1) {
        if (contentLength.isEmpty())
            return malformed("Content-Length is empty");
        for (const char c : std::as_const(contentLength)) {
            if (c < '0' || c > '9')
                return malformed("Content-Length must be decimal digits only");
        }
        // Eighteen digits always fit in a qint64; anything longer is far over any limit anyway.
        if (contentLength.size() > 18 || contentLength.toLongLong() > m_limits.maxBodyBytes) {
            return Problem(ProblemCode::PayloadTooLarge,
                           QStringLiteral("The request body exceeds %1 bytes").arg(m_limits.maxBodyBytes));
        }
        m_contentLength = contentLength.toLongLong();
    } else if (m_request.method == "POST" || m_request.method == "PUT" || m_request.method == "PATCH") {
        return Problem(
            ProblemCode::LengthRequired,
            QStringLiteral("A %1 request needs a Content-Length header").arg(QString::fromLatin1(m_request.method)));
    }
    m_stage = m_contentLength > 0 ? Stage::Body : Stage::Done;
    return std::nullopt;
}
