#include "app/ui/AttemptTimelineView.h"

#include "app/teaching/AttemptTimeline.h"
#include "app/teaching/TimelineRecorder.h"
#include "app/ui/AttemptTimelineAccessible.h"
#include "shared/files/PrivateFiles.h"

#include <QAccessible>
#include <QImage>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace {

using Network = AttemptTimeline::Network;
using Verdict = AttemptTimeline::Verdict;

constexpr int kMargin = 14;

// Row geometry in font heights.
constexpr double kTitleLines = 2.6;
constexpr double kLaneHeader = 1.8;
constexpr double kRowHeight = 3.4;
constexpr double kFooter = 2.4;
constexpr double kEffectLine = 1.3; // per account under the ledger effect

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
    painter.setPen(QPen(colour, 3, Qt::SolidLine, Qt::RoundCap));
    painter.drawLine(centre + QPointF(-size, -size), centre + QPointF(size, size));
    painter.drawLine(centre + QPointF(-size, size), centre + QPointF(size, -size));
    painter.restore();
}

// The diagram's rows: the key request, the attempts (at least the room of one) and the status checks.
qsizetype diagramRows(const AttemptTimeline &model)
{
    return std::max<qsizetype>(model.rows().size(), 1) + (model.keyRequest() ? 1 : 0) + model.lostKeyRequests().size()
        + model.lookups().size();
}

// "POST, key idk_…": only the key is shortened (in the middle) to fit `width`.
QString keyLabel(const QFontMetrics &metrics, const QString &key, double width)
{
    const QString label = AttemptTimelineView::tr("POST, key %1");
    const int room = int(width) - metrics.horizontalAdvance(label.arg(QString()));
    return label.arg(metrics.elidedText(key, Qt::ElideMiddle, std::max(room, 0)));
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
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
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
    setMinimumHeight(contentHeight());
    updateGeometry();
    update();
    const QList<AttemptTimeline::Row> &rows = timeline().rows();
    if (std::any_of(rows.cbegin(), rows.cend(),
                    [](const AttemptTimeline::Row &row) { return row.bankWorkingSinceMs() != 0; }))
        m_clock.start();
    else
        m_clock.stop();
}

int AttemptTimelineView::contentHeight() const
{
    const int line = fontMetrics().height();
    const qsizetype rows = diagramRows(timeline());
    qsizetype effects = 0; // lines: the movement, and the balances on their own line when known
    for (const AttemptTimeline::AccountEffect &effect : timeline().accountEffects())
        effects += AttemptTimeline::balanceText(effect).isEmpty() ? 1 : 2;
    return int(2 * kMargin
               + line
                   * (kTitleLines + kLaneHeader + kRowHeight * double(rows) + kFooter + kEffectLine * double(effects)));
}

QRect AttemptTimelineView::lineRect(int index) const
{
    const double line = fontMetrics().height();
    const qsizetype rows = timeline().rows().size();
    const double firstRow = kMargin + line * (kTitleLines + kLaneHeader);
    if (index < 2)
        return QRectF(kMargin, kMargin + line * 1.2 * index, width() - 2 * kMargin, line).toAlignedRect();
    if (index - 2 < rows)
        return QRectF(kMargin, firstRow + line * kRowHeight * (index - 2), width() - 2 * kMargin, line * kRowHeight)
            .toAlignedRect();
    return QRectF(kMargin, firstRow + line * kRowHeight * double(rows), width() - 2 * kMargin, line * kFooter)
        .toAlignedRect();
}

QSize AttemptTimelineView::sizeHint() const { return {kExportWidth, contentHeight()}; }

QSize AttemptTimelineView::minimumSizeHint() const
{
    return {fontMetrics().horizontalAdvance(QLatin1Char('M')) * 40, contentHeight()};
}

void AttemptTimelineView::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    paint(painter, width(), palette());
}

QImage AttemptTimelineView::render(int width) const
{
    QImage image(width, contentHeight(), QImage::Format_ARGB32_Premultiplied);
    QPalette light;
    light.setColor(QPalette::Window, Qt::white);
    light.setColor(QPalette::WindowText, QColor(20, 20, 20));
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setFont(font());
    paint(painter, width, light);
    return image;
}

bool AttemptTimelineView::exportPng(const QString &path, int width) const
{
    const QImage image = render(width);
    return PrivateFiles::save(path, [&image](QIODevice &file) { return image.save(&file, "PNG"); });
}

bool AttemptTimelineView::exportText(const QString &path) const
{
    const QByteArray text = timeline().toText().toUtf8();
    return PrivateFiles::save(path, [&text](QIODevice &file) { return file.write(text) == text.size(); });
}

void AttemptTimelineView::paint(QPainter &painter, int width, const QPalette &palette) const
{
    const AttemptTimeline &model = timeline();
    const Ink ink = inkFor(palette);
    const QFontMetrics metrics(painter.font());
    const int line = metrics.height();
    const int right = width - kMargin;
    const QFont regular = painter.font();
    QFont bold = regular;
    bold.setBold(true);
    QFont small = painter.font();
    small.setPointSizeF(small.pointSizeF() * 0.9);

    // Lanes: a column for the attempt's number, time and the client's view, then the three lanes.
    const double usable = right - kMargin;
    const double clientX = kMargin + usable * 0.30;
    const double networkX = kMargin + usable * 0.52;
    const double serverX = kMargin + usable * 0.74;

    double y = kMargin;
    painter.setPen(ink.text);
    painter.setFont(bold);
    if (model.isEmpty() && model.key().isEmpty()) {
        painter.drawText(
            QRectF(kMargin, y, usable, line), Qt::AlignLeft | Qt::AlignVCenter,
            tr("No transfer yet. Send one: each attempt appears here, with what the network and the bank did to it."));
    } else {
        painter.drawText(QRectF(kMargin, y, usable, line), Qt::AlignLeft | Qt::AlignVCenter,
                         metrics.elidedText(tr("Transfer %1").arg(model.title()), Qt::ElideRight, int(usable)));
        painter.setFont(model.isUnsafe() ? bold : small);
        painter.setPen(model.isUnsafe() ? ink.bad : ink.muted);
        painter.drawText(QRectF(kMargin, y + line * 1.2, usable, line), Qt::AlignLeft | Qt::AlignVCenter,
                         model.isUnsafe() ? tr(
                             "NO idempotency key: demonstration of the bug, every request that arrives moves money")
                                          : tr("Idempotency key %1, carried by every attempt").arg(model.key()));
    }
    y += line * kTitleLines;

    // Lane headers and lines.
    painter.setFont(bold);
    painter.setPen(ink.text);
    const double laneTop = y;
    const qsizetype rowCount = diagramRows(model);
    const double laneBottom = y + line * (kLaneHeader + kRowHeight * double(rowCount));
    const struct
    {
        double x;
        QString name;
    } lanes[] = {{clientX, tr("Client")}, {networkX, tr("Network")}, {serverX, tr("Server")}};
    for (const auto &lane : lanes)
        painter.drawText(QRectF(lane.x - 80, laneTop, 160, line), Qt::AlignCenter, lane.name);
    painter.setPen(QPen(ink.lane, 1, Qt::DashLine));
    for (const auto &lane : lanes)
        painter.drawLine(QPointF(lane.x, laneTop + line * 1.2), QPointF(lane.x, laneBottom));
    y += line * kLaneHeader;

    const double headSize = line * 0.55;
    // A request about the key that moves no money: there and back, the request above its arrow
    // (the whole width: the network does nothing to it), the answer at the server.
    const auto paintExchange = [&](const QString &number, const AttemptTimeline::Exchange &exchange,
                                   const QString &seen) {
        const double requestY = y + line * 1.0;
        const double answerY = y + line * 2.2;
        painter.setFont(bold);
        painter.setPen(ink.text);
        painter.drawText(QRectF(kMargin, requestY - line / 2.0, clientX - kMargin - 8, line),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         QStringLiteral("%1  %2").arg(
                             number, exchange.startedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"))));
        painter.setFont(small);
        painter.drawText(QRectF(kMargin, answerY - line / 2.0, clientX - kMargin - 8, line),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         tr("%1 · %2 ms").arg(seen, QLocale().toString(exchange.elapsedMs)));
        painter.setPen(ink.muted);
        const double labelWidth = serverX - clientX - 12;
        painter.drawText(QRectF(clientX + 6, requestY - line * 1.05, labelWidth, line),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         QFontMetrics(small).elidedText(exchange.request, Qt::ElideMiddle, int(labelWidth)));
        painter.setPen(QPen(ink.text, 1.6));
        painter.drawLine(QPointF(clientX, requestY), QPointF(serverX - 2, requestY));
        arrowHead(painter, QPointF(serverX, requestY), 1, headSize);
        painter.setPen(QPen(ink.text, 1.4, Qt::DashLine));
        if (exchange.answerLost) {
            // Thrown away on the way back, like a lost answer to an attempt.
            painter.drawLine(QPointF(serverX, answerY), QPointF(networkX + 6, answerY));
            cross(painter, QPointF(networkX, answerY), line * 0.35, ink.bad);
        } else {
            painter.drawLine(QPointF(serverX, answerY), QPointF(clientX + 2, answerY));
            arrowHead(painter, QPointF(clientX, answerY), -1, headSize);
        }
        painter.setFont(bold);
        painter.setPen(ink.good);
        painter.drawText(QRectF(serverX + 10, requestY - line / 2.0, right - serverX - 10, line),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         QFontMetrics(bold).elidedText(exchange.answer, Qt::ElideMiddle, int(right - serverX - 10)));
        y += line * kRowHeight;
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
        const double requestY = y + line * 1.0;
        const double answerY = y + line * 2.2;
        const Verdict verdict = row.verdict();
        const Network fate = row.networkFate();
        const RowGeometry geometry{clientX, networkX, serverX, double(right), requestY, answerY, double(line)};

        // The client's column: which attempt, when, what it saw and how long it took.
        painter.setFont(bold);
        painter.setPen(ink.text);
        painter.drawText(
            QRectF(kMargin, requestY - line / 2.0, clientX - kMargin - 8, line), Qt::AlignLeft | Qt::AlignVCenter,
            tr("#%1  %2").arg(row.number).arg(row.startedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz"))));
        painter.setFont(small);
        const bool answered = row.client && row.client->result.ok();
        painter.setPen(!row.client ? ink.muted : answered ? ink.text : ink.bad);
        const QString seen
            = row.latencyText().isEmpty() ? row.clientText() : tr("%1 · %2").arg(row.clientText(), row.latencyText());
        painter.drawText(QRectF(kMargin, answerY - line / 2.0, clientX - kMargin - 8, line),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         QFontMetrics(small).elidedText(seen, Qt::ElideRight, int(clientX - kMargin - 8)));

        // The request.
        painter.setPen(QPen(ink.text, 1.6));
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
        painter.setFont(small);
        painter.setPen(ink.muted);
        // The key it carries, as the server log writes it (shortened in the middle where narrow).
        const double labelWidth = networkX - clientX - 12;
        painter.drawText(
            QRectF(clientX + 6, requestY - line * 1.05, labelWidth, line), Qt::AlignLeft | Qt::AlignVCenter,
            model.isUnsafe() ? tr("POST, no key") : keyLabel(QFontMetrics(small), model.key(), labelWidth));

        // What the network did, written beside its lane.
        const bool lost = fate == Network::RequestLost || fate == Network::ResponseLost
            || fate == Network::CutDuringProcessing || fate == Network::ConnectionFailed;
        painter.setPen(lost ? ink.bad : ink.muted);
        painter.setFont(lost ? bold : small);
        const double networkTextY = fate == Network::RequestLost ? requestY : answerY;
        if (fate != Network::Direct && fate != Network::Delivered)
            painter.drawText(QRectF(networkX + 10, networkTextY - line * 1.1, serverX - networkX - 14, line),
                             Qt::AlignLeft | Qt::AlignVCenter, row.networkText());

        // The server's verdict.
        painter.setFont(bold);
        painter.setPen(verdictColour(verdict, ink));
        painter.drawText(QRectF(serverX + 10, requestY - line / 2.0, right - serverX - 10, line),
                         Qt::AlignLeft | Qt::AlignVCenter,
                         QFontMetrics(bold).elidedText(row.serverText(), Qt::ElideRight, int(right - serverX - 10)));

        // The answer on its way back, or where it was lost.
        QPen answerPen(ink.text, 1.4, Qt::DashLine);
        const bool serverAnswered = verdict != Verdict::Pending && verdict != Verdict::NeverArrived
            && verdict != Verdict::Processing && verdict != Verdict::NotSent && verdict != Verdict::Unknown;
        switch (fate) {
        case Network::Direct:
        case Network::Delivered:
            if (row.client && row.client->outcome() != TransferAttempt::Outcome::NotSent) {
                // An answer came back (a transfer or a problem), or only the end of the connection.
                const bool anAnswer = answered || row.client->outcome() == TransferAttempt::Outcome::Refused;
                painter.setPen(anAnswer ? answerPen : QPen(ink.bad, 1.4, Qt::DotLine));
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
        y += line * kRowHeight;
    }
    lookupsBefore({});
    if (model.rows().isEmpty())
        y += line * kRowHeight;

    // The ledger effect of the whole intent.
    const int debits = model.debits();
    QColor effect = ink.text;
    if (!model.isEmpty())
        effect = debits == 1 ? ink.good : debits > 1 ? ink.bad : ink.muted;
    painter.setPen(QPen(ink.lane, 1));
    painter.drawLine(QPointF(kMargin, y + line * 0.4), QPointF(right, y + line * 0.4));
    painter.setFont(bold);
    painter.setPen(effect);
    painter.drawText(QRectF(kMargin, y + line * 0.8, usable, line * 1.2), Qt::AlignLeft | Qt::AlignVCenter,
                     model.isEmpty() && model.lookups().isEmpty() ? tr("Ledger effect: nothing sent yet")
                                                                  : tr("Ledger effect: %1").arg(model.ledgerText()));
    // In money, per account: red when the money moved more often than the one transfer intended.
    y += line * kFooter;
    painter.setFont(debits > 1 ? bold : regular);
    painter.setPen(debits > 1 ? ink.bad : ink.text);
    for (const AttemptTimeline::AccountEffect &account : model.accountEffects()) {
        painter.drawText(QRectF(kMargin, y, usable, line * kEffectLine), Qt::AlignLeft | Qt::AlignVCenter,
                         model.movementText(account));
        y += line * kEffectLine;
        if (const QString balance = AttemptTimeline::balanceText(account); !balance.isEmpty()) {
            painter.drawText(QRectF(kMargin + line, y, usable - line, line * kEffectLine),
                             Qt::AlignLeft | Qt::AlignVCenter, balance);
            y += line * kEffectLine;
        }
    }
}
