#include "app/ui/AttemptTimelineView.h"

#include "app/teaching/AttemptTimeline.h"
#include "app/teaching/TimelineRecorder.h"
#include "app/ui/AttemptTimelineAccessible.h"
#include "shared/files/PrivateFiles.h"

#include <QAccessible>
#include <QApplication>
#include <QEvent>
#include <QGuiApplication>
#include <QImage>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QScreen>
#include <QSvgGenerator>
#include <QtMath>

#include <algorithm>
#include <functional>

namespace {

using Network = AttemptTimeline::Network;
using Verdict = AttemptTimeline::Verdict;

constexpr int kMargin = 14;

struct Ink
{
    QColor text, muted, lane, good, replay, warn, bad;
};

Ink inkFor(const QPalette &palette)
{
    const bool dark = palette.color(QPalette::Window).lightness() < 128;
    if (dark)
        return {palette.color(QPalette::WindowText),
                QColor(170, 170, 170),
                QColor(110, 110, 110),
                QColor(129, 212, 150),
                QColor(130, 177, 255),
                QColor(255, 183, 77),
                QColor(255, 138, 128)};
    return {palette.color(QPalette::WindowText),
            QColor(100, 100, 100),
            QColor(175, 175, 175),
            QColor(0, 110, 45),
            QColor(21, 101, 192),
            QColor(178, 94, 0),
            QColor(176, 0, 32)};
}

QColor verdictColour(Verdict verdict, const Ink &ink)
{
    switch (verdict) {
    case Verdict::Created:
        return ink.good;
    case Verdict::Replayed:
        return ink.replay;
    case Verdict::InProgress:
        return ink.warn;
    case Verdict::Rejected:
        return ink.bad;
    case Verdict::Unknown:
        return ink.warn;
    case Verdict::Pending:
    case Verdict::NeverArrived:
    case Verdict::Processing:
    case Verdict::NotSent:
        break;
    }
    return ink.muted;
}

void arrowHead(QPainter &painter, QPointF tip, double direction, double size)
{
    QPainterPath head;
    head.moveTo(tip);
    head.lineTo(tip.x() - direction * size, tip.y() - size / 2);
    head.lineTo(tip.x() - direction * size, tip.y() + size / 2);
    head.closeSubpath();
    painter.fillPath(head, painter.pen().color());
}

void cross(QPainter &painter, QPointF centre, double size, const QColor &colour)
{
    painter.save();
    painter.setPen(QPen(colour, size / 1.7, Qt::SolidLine, Qt::RoundCap));
    painter.drawLine(centre + QPointF(-size, -size), centre + QPointF(size, size));
    painter.drawLine(centre + QPointF(-size, size), centre + QPointF(size, -size));
    painter.restore();
}

// A font `factor` times as large, whether it is sized in points or in pixels.
QFont scaled(QFont font, double factor)
{
    if (font.pointSizeF() > 0)
        font.setPointSizeF(font.pointSizeF() * factor);
    else
        font.setPixelSize(std::max(1, int(font.pixelSize() * factor)));
    return font;
}

// The resolution the diagram is laid out at off screen: the screen's, where it is shown.
int layoutDpi()
{
    const QScreen *screen = QGuiApplication::primaryScreen();
    return screen ? qRound(screen->logicalDotsPerInchY()) : 96;
}

// Light background and dark ink, whatever the theme: for slides.
QPalette lightPalette()
{
    QPalette light;
    light.setColor(QPalette::Window, Qt::white);
    light.setColor(QPalette::WindowText, QColor(20, 20, 20));
    return light;
}

void setLayoutDpi(QImage &image)
{
    const int dotsPerMeter = qRound(layoutDpi() / 0.0254);
    image.setDotsPerMeterX(dotsPerMeter);
    image.setDotsPerMeterY(dotsPerMeter);
}

// Lane positions and the row's two lines, for what paintWhereNow draws on a row.
struct RowGeometry
{
    double clientX, networkX, serverX, right, requestY, answerY, line;
};

// Where a message at `hop` is drawn on its row.
QPointF hopPoint(FaultHop hop, const RowGeometry &at)
{
    switch (hop) {
    case FaultHop::LeavingClient:
        return {at.clientX + (at.networkX - at.clientX) * 0.4, at.requestY};
    case FaultHop::InNetwork:
        return {at.networkX, at.requestY};
    case FaultHop::AtBank:
        return {at.serverX, at.requestY};
    case FaultHop::BankCommitted:
        return {at.serverX, at.answerY};
    case FaultHop::AnswerOnTheWay:
        return {at.networkX, at.answerY};
    case FaultHop::AtClient:
        break;
    }
    return {at.clientX, at.answerY};
}

// Where the row's request or answer is now, while the proxy has it: a dot at that hop, labelled when
// it is held there (step mode, slow motion), and the bank at work as a bar that grows while it works.
void paintWhereNow(QPainter &painter, const AttemptTimeline::Row &row, const RowGeometry &at, const Ink &ink,
                   const QFont &small)
{
    const std::optional<FaultHop> hop = row.whereNow();
    if (!hop)
        return;
    const QPointF dot = hopPoint(*hop, at);
    painter.save();
    painter.setPen(QPen(ink.text, 1.5));
    painter.setBrush(ink.warn);
    painter.drawEllipse(dot, at.line * 0.3, at.line * 0.3);
    painter.setFont(small);
    const QFontMetrics metrics(small);
    if (row.network->held) {
        // In the gap between the request and the answer, from the dot rightwards.
        const QString text = AttemptTimeline::tr("held: %1").arg(AttemptTimeline::hopText(*hop));
        const double left = dot.x() + at.line * 0.2;
        const double room = at.right - left;
        const QString shown = metrics.elidedText(text, Qt::ElideRight, int(room - at.line * 0.6));
        const QRectF pill(left, (at.requestY + at.answerY) / 2.0 - metrics.height() / 2.0 - 1,
                          metrics.horizontalAdvance(shown) + at.line * 0.6, metrics.height() + 2);
        painter.setPen(Qt::NoPen);
        painter.setBrush(ink.warn);
        painter.drawRoundedRect(pill, pill.height() / 2.0, pill.height() / 2.0);
        painter.setPen(Qt::white);
        painter.drawText(pill, Qt::AlignCenter, shown);
    }
    if (const qint64 since = row.bankWorkingSinceMs(); since != 0) {
        // Five seconds fill the room right of the server's lane: case 2's delay fits with room to spare.
        const qint64 working = std::max<qint64>(QDateTime::currentMSecsSinceEpoch() - since, 0);
        const double room = at.right - at.serverX - 10;
        const QString seconds
            = AttemptTimeline::tr("bank working %1 s").arg(QLocale().toString(double(working) / 1000.0, 'f', 1));
        const double barWidth = std::min(double(working) / 5'000.0, 1.0) * (room - metrics.horizontalAdvance(seconds));
        const QRectF bar(at.serverX + 10, at.answerY - at.line * 0.2, std::max(barWidth, 2.0), at.line * 0.4);
        painter.setPen(Qt::NoPen);
        painter.setBrush(ink.warn);
        painter.drawRect(bar);
        painter.setPen(ink.text);
        painter.drawText(QRectF(bar.right() + 4, at.answerY - metrics.height() / 2.0, room, metrics.height()),
                         Qt::AlignLeft | Qt::AlignVCenter, seconds);
    }
    painter.restore();
}

} // namespace

AttemptTimelineView::AttemptTimelineView(const TimelineRecorder &recorder, QWidget *parent)
    : QWidget(parent),
      m_recorder(recorder)
{
    // Before anything here asks for this view's accessible interface (setAccessibleName does).
    AttemptTimelineAccessible::install();
    setObjectName(QStringLiteral("attemptTimeline"));
    setAccessibleName(tr("Attempt timeline"));
    setToolTip(tr("Each attempt of the latest transfer: what the client sent and saw, what the network did to it, "
                  "and what the bank did; below, how often the money moved"));
    QSizePolicy policy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    policy.setHeightForWidth(true); // the texts wrap: narrower is taller
    setSizePolicy(policy);
    connect(&recorder, &TimelineRecorder::changed, this, &AttemptTimelineView::timelineChanged);
    // The bank's live bar grows while it works.
    m_clock.setInterval(100);
    connect(&m_clock, &QTimer::timeout, this, qOverload<>(&QWidget::update));
    timelineChanged();
}

const AttemptTimeline &AttemptTimelineView::timeline() const { return m_recorder.timeline(); }

void AttemptTimelineView::timelineChanged()
{
    setAccessibleDescription(timeline().isEmpty() ? QString() : timeline().toText());
    // Its lines (AttemptTimelineAccessible) came, went or changed.
    QAccessibleEvent reorder(this, QAccessible::ObjectReorder);
    QAccessible::updateAccessibility(&reorder);
    m_layout.reset();
    updateGeometry();
    update();
    const QList<AttemptTimeline::Row> &rows = timeline().rows();
    if (std::any_of(rows.cbegin(), rows.cend(),
                    [](const AttemptTimeline::Row &row) { return row.bankWorkingSinceMs() != 0; }))
        m_clock.start();
    else
        m_clock.stop();
}

void AttemptTimelineView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::FontChange) {
        m_layout.reset();
        updateGeometry();
    }
    QWidget::changeEvent(event);
}

const AttemptTimelineView::Layout &AttemptTimelineView::layoutAt(int width) const
{
    if (!m_layout || m_layout->first != width)
        m_layout.emplace(width, layout(timeline(), font(), width));
    return m_layout->second;
}

int AttemptTimelineView::heightForWidth(int width) const { return layoutAt(width).height; }

QRect AttemptTimelineView::lineRect(int index) const { return layoutAt(width()).lines.value(index); }

QSize AttemptTimelineView::sizeHint() const { return {kExportWidth, heightForWidth(kExportWidth)}; }

QSize AttemptTimelineView::minimumSizeHint() const
{
    // Narrower, the columns would wrap a word in every other letter; the height follows the width.
    return {fontMetrics().horizontalAdvance(QLatin1Char('M')) * 40, 0};
}

void AttemptTimelineView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    paint(painter, timeline(), width(), palette());
}

AttemptTimelineView::Layout AttemptTimelineView::layout(const AttemptTimeline &timeline, const QFont &font, int width,
                                                        const QString &heading)
{
    // Painted where nobody sees it: the texts wrap as they will where they are shown.
    QImage scratch(1, 1, QImage::Format_ARGB32_Premultiplied);
    setLayoutDpi(scratch);
    QPainter painter(&scratch);
    painter.setFont(font);
    return paint(painter, timeline, width, QPalette(), heading);
}

int AttemptTimelineView::exportWidth() const
{
    const double zoom = QFontInfo(font()).pointSizeF() / QFontInfo(QApplication::font(this)).pointSizeF();
    return std::max(qRound(kExportWidth * zoom), minimumSizeHint().width());
}

QImage AttemptTimelineView::render(const QString &heading, qreal scale) const
{
    const int width = exportWidth();
    const int height = layout(timeline(), font(), width, heading).height;
    QImage image(qCeil(width * scale), qCeil(height * scale), QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    setLayoutDpi(image);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setFont(font());
    paint(painter, timeline(), width, lightPalette(), heading);
    return image;
}

bool AttemptTimelineView::exportPng(const QString &path, const QString &heading) const
{
    const QImage image = render(heading);
    return PrivateFiles::save(path, [&image](QIODevice &file) { return image.save(&file, "PNG"); });
}

bool AttemptTimelineView::exportSvg(const QString &path, const QString &heading) const
{
    const int width = exportWidth();
    const int height = layout(timeline(), font(), width, heading).height;
    return PrivateFiles::save(path, [&](QIODevice &file) {
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setResolution(layoutDpi()); // the font's points as on the screen
        svg.setSize({width, height});
        svg.setViewBox(QRect(0, 0, width, height));
        svg.setTitle(heading);
        svg.setDescription(timeline().toText());
        QPainter painter;
        if (!painter.begin(&svg))
            return false;
        painter.fillRect(QRect(0, 0, width, height), Qt::white);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setFont(font());
        paint(painter, timeline(), width, lightPalette(), heading);
        return painter.end();
    });
}

bool AttemptTimelineView::exportText(const QString &path) const
{
    const QByteArray text = timeline().toText().toUtf8();
    return PrivateFiles::save(path, [&text](QIODevice &file) { return file.write(text) == text.size(); });
}

AttemptTimelineView::Layout AttemptTimelineView::paint(QPainter &painter, const AttemptTimeline &model, int width,
                                                       const QPalette &palette, const QString &heading)
{
    Layout layout;
    const Ink ink = inkFor(palette);
    const QFont regular = painter.font();
    QFont bold = regular;
    bold.setBold(true);
    const QFont small = scaled(regular, 0.9);
    const double line = QFontMetricsF(regular).height();
    const double right = width - kMargin;
    const double usable = right - kMargin;

    // Draws `text` into a box `boxWidth` wide at `topLeft`, as high as its lines: wrapped at
    // words, and inside a word only where one is wider than the box (a key). Never cut.
    const auto measure = [&painter](const QString &text, double boxWidth, const QFont &font, int align) {
        painter.setFont(font);
        const QFontMetricsF metrics(painter.font());
        int flags = align | Qt::AlignTop | Qt::TextWordWrap;
        const QRectF room(0, 0, boxWidth, 1e6);
        if (metrics.boundingRect(room, flags, text).width() > boxWidth)
            flags |= Qt::TextWrapAnywhere;
        return std::make_pair(flags, std::ceil(metrics.boundingRect(room, flags, text).height()));
    };
    const auto write = [&](const QString &text, QPointF topLeft, double boxWidth, const QFont &font,
                           const QColor &colour, int align = Qt::AlignLeft) {
        const auto [flags, height] = measure(text, boxWidth, font, align);
        const QRectF box(topLeft, QSizeF(boxWidth, height));
        painter.setPen(colour);
        painter.drawText(box, flags, text);
        layout.texts.append({text, box, painter.font(), flags});
        return box;
    };

    // Lanes: a column for the attempt's number, time and the client's view, then the three lanes.
    const double clientX = kMargin + usable * 0.30;
    const double networkX = kMargin + usable * 0.52;
    const double serverX = kMargin + usable * 0.74;
    const double clientColumn = clientX - kMargin - 8;
    const double serverColumn = right - serverX - 10;
    const double networkColumn = serverX - networkX - line * 0.7 - 6; // right of a cross on the lane

    double y = kMargin;
    if (!heading.isEmpty())
        y = write(heading, {kMargin, y}, usable, scaled(bold, 1.3), ink.text).bottom() + line * 0.7;
    if (model.isEmpty() && model.key().isEmpty()) {
        y = write(tr("No transfer yet. Send one: each attempt appears here, with what the network and the bank did "
                     "to it."),
                  {kMargin, y}, usable, bold, ink.text)
                .bottom()
            + line * 0.6;
    } else {
        const QRectF title = write(model.heading(), {kMargin, y}, usable, bold, ink.text);
        const QRectF key
            = write(model.isUnsafe()
                        ? tr("NO idempotency key: demonstration of the bug, every request that arrives moves money")
                        : tr("Idempotency key %1, carried by every attempt").arg(model.key()),
                    {kMargin, title.bottom() + line * 0.15}, usable, model.isUnsafe() ? bold : small,
                    model.isUnsafe() ? ink.bad : ink.muted);
        layout.lines << title.toAlignedRect() << key.toAlignedRect();
        y = key.bottom() + line * 0.6;
    }

    // Lane headers; their lines are drawn once the rows are known.
    const struct
    {
        double x;
        QString name;
    } lanes[] = {{clientX, tr("Client")}, {networkX, tr("Network")}, {serverX, tr("Server")}};
    double laneTop = y;
    for (const auto &lane : lanes) {
        painter.setFont(bold);
        const double laneWidth = QFontMetricsF(painter.font()).horizontalAdvance(lane.name) + line;
        laneTop = std::max(
            laneTop,
            write(lane.name, {lane.x - laneWidth / 2, y}, laneWidth, bold, ink.text, Qt::AlignHCenter).bottom());
    }
    y = laneTop + line * 0.4;

    const double headSize = line * 0.55;
    const double stroke = line / 14; // lines as heavy as the text, at any zoom
    // One row: the client's column (`number` and time, then what it saw), the request's label
    // above its arrow, what the network did between the arrows, the server's verdict. `arrows`
    // draws the arrows at the request's and the answer's height. Returns the row.
    const auto paintRow = [&](const QString &number, const QDateTime &startedAt, const QString &seen,
                              const QColor &seenColour, const QString &label, const QString &networkText,
                              const QColor &networkColour, const QFont &networkFont, const QString &verdict,
                              const QColor &verdictColour, const std::function<void(double, double)> &arrows) {
        const double top = y;
        // Across the lanes up to the margin, above the verdict: a key fits on one line.
        const QRectF labelBox = write(label, {clientX + 6, top}, right - clientX - 6, small, ink.muted);
        const double requestY = labelBox.bottom() + line * 0.55;
        const double networkHeight
            = networkText.isEmpty() ? 0 : measure(networkText, networkColumn, networkFont, Qt::AlignLeft).second;
        const double answerY = requestY + std::max(line * 1.1, networkHeight + line * 0.3);
        const QRectF numberBox = write(
            QStringLiteral("%1  %2").arg(number, startedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"))),
            {kMargin, requestY - line / 2}, clientColumn, bold, ink.text);
        const QRectF seenBox = write(seen, {kMargin, std::max(numberBox.bottom(), answerY - line * 0.45)}, clientColumn,
                                     small, seenColour);
        if (!networkText.isEmpty())
            write(networkText, {networkX + line * 0.7, requestY + line * 0.15}, networkColumn, networkFont,
                  networkColour);
        const QRectF verdictBox
            = write(verdict, {serverX + 10, requestY - line / 2}, serverColumn, bold, verdictColour);
        arrows(requestY, answerY);
        y = std::max({seenBox.bottom(), verdictBox.bottom(), answerY + line * 0.3}) + line * 0.5;
        return QRectF(kMargin, top, usable, y - top).toAlignedRect();
    };

    // A request about the key that moves no money: there and back, the answer at the server.
    const auto paintExchange
        = [&](const QString &number, const AttemptTimeline::Exchange &exchange, const QString &seen) {
              paintRow(number, exchange.startedAt, tr("%1 · %2 ms").arg(seen, QLocale().toString(exchange.elapsedMs)),
                       ink.text, exchange.request, {}, ink.muted, small, exchange.answer, ink.good,
                       [&](double requestY, double answerY) {
                           painter.setPen(QPen(ink.text, 1.6 * stroke));
                           painter.drawLine(QPointF(clientX, requestY), QPointF(serverX - 2, requestY));
                           arrowHead(painter, QPointF(serverX, requestY), 1, headSize);
                           painter.setPen(QPen(ink.text, 1.4 * stroke, Qt::DashLine));
                           if (exchange.answerLost) {
                               // Thrown away on the way back, like a lost answer to an attempt.
                               painter.drawLine(QPointF(serverX, answerY), QPointF(networkX + 6, answerY));
                               cross(painter, QPointF(networkX, answerY), line * 0.35, ink.bad);
                           } else {
                               painter.drawLine(QPointF(serverX, answerY), QPointF(clientX + 2, answerY));
                               arrowHead(painter, QPointF(clientX, answerY), -1, headSize);
                           }
                       });
          };
    for (const AttemptTimeline::Exchange &lost : model.lostKeyRequests())
        paintExchange(QStringLiteral("#0"), lost, tr("no answer"));
    if (model.keyRequest())
        paintExchange(QStringLiteral("#0"), *model.keyRequest(), tr("key received"));
    // Status checks where they happened among the attempts.
    qsizetype lookup = 0;
    const auto lookupsBefore = [&](const QDateTime &until) {
        for (; lookup < model.lookups().size() && (!until.isValid() || model.lookups().at(lookup).startedAt < until);
             ++lookup)
            paintExchange(QStringLiteral("?"), model.lookups().at(lookup), tr("status checked"));
    };
    for (const AttemptTimeline::Row &row : model.rows()) {
        lookupsBefore(row.startedAt);
        const Verdict verdict = row.verdict();
        const Network fate = row.networkFate();
        const bool answered = row.client && row.client->ok();
        const QString seen
            = row.latencyText().isEmpty() ? row.clientText() : tr("%1 · %2").arg(row.clientText(), row.latencyText());
        const bool lost = fate == Network::RequestLost || fate == Network::ResponseLost
            || fate == Network::CutDuringProcessing || fate == Network::ConnectionFailed;
        // The key it carries, as the server log writes it, and the endpoint: which operation the key
        // serves (the same layer makes transfers and schedules).
        const QString label = model.isUnsafe() ? tr("POST /v1/demo/unsafe-transfers, no key")
            : model.subject() == AttemptTimeline::Subject::Schedule
            ? tr("POST /v1/scheduled-transfers, key %1").arg(model.key())
            : tr("POST /v1/transfers, key %1").arg(model.key());
        const bool serverAnswered = verdict != Verdict::Pending && verdict != Verdict::NeverArrived
            && verdict != Verdict::Processing && verdict != Verdict::NotSent && verdict != Verdict::Unknown;
        layout.lines << paintRow(
            QStringLiteral("#%1").arg(row.number), row.startedAt, seen,
            !row.client    ? ink.muted
                : answered ? ink.text
                           : ink.bad,
            label, fate != Network::Direct && fate != Network::Delivered ? row.networkText() : QString(),
            lost ? ink.bad : ink.muted, lost ? bold : small, row.serverText(), verdictColour(verdict, ink),
            [&](double requestY, double answerY) {
                const RowGeometry geometry{clientX, networkX, serverX, right, requestY, answerY, line};
                // The request.
                painter.setPen(QPen(ink.text, 1.6 * stroke));
                if (fate == Network::RequestLost || verdict == Verdict::NotSent) {
                    const double end = verdict == Verdict::NotSent ? clientX + 10 : networkX;
                    painter.drawLine(QPointF(clientX, requestY), QPointF(end - 6, requestY));
                    if (verdict != Verdict::NotSent)
                        cross(painter, QPointF(networkX, requestY), line * 0.35, ink.bad);
                } else if (row.network && row.network->held && !row.network->forwarded) {
                    // Held on its way: as far as it got.
                    painter.drawLine(QPointF(clientX, requestY), hopPoint(row.network->hop, geometry));
                } else {
                    painter.drawLine(QPointF(clientX, requestY), QPointF(serverX - 2, requestY));
                    arrowHead(painter, QPointF(serverX, requestY), 1, headSize);
                }
                // The answer on its way back, or where it was lost.
                const QPen answerPen(ink.text, 1.4 * stroke, Qt::DashLine);
                switch (fate) {
                case Network::Direct:
                case Network::Delivered:
                    if (row.client && row.client->outcome != RequestAttempt::Outcome::NotSent) {
                        // An answer came back (a transfer or a problem), or only the end of the connection.
                        const bool anAnswer = answered || row.client->outcome == RequestAttempt::Outcome::Refused;
                        painter.setPen(anAnswer ? answerPen : QPen(ink.bad, 1.4 * stroke, Qt::DotLine));
                        painter.drawLine(QPointF(serverX, answerY), QPointF(clientX + 2, answerY));
                        arrowHead(painter, QPointF(clientX, answerY), -1, headSize);
                    }
                    break;
                case Network::ResponseLost:
                case Network::CutDuringProcessing:
                    if (serverAnswered) {
                        painter.setPen(answerPen);
                        painter.drawLine(QPointF(serverX, answerY), QPointF(networkX + 6, answerY));
                    }
                    cross(painter, QPointF(networkX, answerY), line * 0.35, ink.bad);
                    break;
                case Network::RequestLost:
                case Network::ConnectionFailed:
                case Network::InTransit:
                    break;
                }
                paintWhereNow(painter, row, geometry, ink, small);
            });
    }
    lookupsBefore({});
    if (model.rows().isEmpty() && !model.keyRequest())
        y += line * 3;

    // The lanes' lines, broken where a text crosses them (a request's label).
    painter.setPen(QPen(ink.lane, stroke, Qt::DashLine));
    for (const auto &lane : lanes) {
        double from = laneTop;
        for (const DrawnText &text : std::as_const(layout.texts)) {
            const QRectF inked = QFontMetricsF(text.font).boundingRect(text.box, text.flags, text.text);
            if (inked.left() > lane.x || inked.right() < lane.x || inked.bottom() < from)
                continue;
            painter.drawLine(QPointF(lane.x, from), QPointF(lane.x, inked.top()));
            from = inked.bottom();
        }
        painter.drawLine(QPointF(lane.x, from), QPointF(lane.x, y - line * 0.3));
    }

    // The ledger effect of the whole intent.
    const int debits = model.debits();
    QColor effect = ink.text;
    if (!model.isEmpty())
        effect = debits == 1 ? ink.good : debits > 1 ? ink.bad : ink.muted;
    const double effectTop = y;
    painter.setPen(QPen(ink.lane, stroke));
    painter.drawLine(QPointF(kMargin, y + line * 0.2), QPointF(right, y + line * 0.2));
    y = write(model.isEmpty() && model.lookups().isEmpty() ? tr("Ledger effect: nothing sent yet") : model.effectLine(),
              {kMargin, y + line * 0.6}, usable, bold, effect)
            .bottom()
        + line * 0.4;
    // In money, per account: red when the money moved more often than the one transfer intended.
    for (const AttemptTimeline::AccountEffect &account : model.accountEffects()) {
        y = write(model.movementText(account), {kMargin, y}, usable, debits > 1 ? bold : regular,
                  debits > 1 ? ink.bad : ink.text)
                .bottom()
            + line * 0.15;
        if (const QString balance = AttemptTimeline::balanceText(account); !balance.isEmpty())
            y = write(balance, {kMargin + line, y}, usable - line, debits > 1 ? bold : regular,
                      debits > 1 ? ink.bad : ink.text)
                    .bottom()
                + line * 0.15;
    }
    if (!model.isEmpty())
        layout.lines << QRectF(kMargin, effectTop, usable, y - effectTop).toAlignedRect();
    layout.height = int(std::ceil(y)) + kMargin;
    painter.setFont(regular);
    return layout;
}
