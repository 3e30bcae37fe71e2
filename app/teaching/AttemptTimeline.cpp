#include "app/teaching/AttemptTimeline.h"

#include "shared/money/Money.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <algorithm>

namespace {

QString codeOf(const QByteArray &problemBody)
{
    return QJsonDocument::fromJson(problemBody).object().value(QLatin1String("code")).toString();
}

// −$30.00, +$30.00, $0.00: money with its direction, in the user's locale.
QString signedMoney(qint64 minorUnits, const QString &currency)
{
    const QString amount = Money::formatWithCurrency(qAbs(minorUnits), currency, QLocale());
    if (minorUnits == 0)
        return amount;
    return (minorUnits < 0 ? QStringLiteral("\u2212") : QStringLiteral("+")) + amount;
}

// The verdict an HTTP answer stands for.
AttemptTimeline::Verdict verdictOf(int status, bool replayed)
{
    if (status == 201)
        return replayed ? AttemptTimeline::Verdict::Replayed : AttemptTimeline::Verdict::Created;
    if (status == 409)
        return AttemptTimeline::Verdict::InProgress;
    return AttemptTimeline::Verdict::Rejected;
}

} // namespace

AttemptTimeline::Network AttemptTimeline::Row::networkFate() const
{
    if (!viaProxy)
        return Network::Direct;
    if (!network)
        return Network::InTransit;
    // Held before its failure struck (step mode, slow motion): the timeline shows where it is, not
    // what is coming.
    if (network->held && network->clientCutAtMs == 0)
        return Network::InTransit;
    switch (network->applied) {
    case FaultCase::DropRequest:
        return Network::RequestLost;
    case FaultCase::CutDuringProcessing:
        return Network::CutDuringProcessing;
    case FaultCase::DropResponse:
        return Network::ResponseLost;
    case FaultCase::Pass:
        break;
    }
    if (network->delivered)
        return Network::Delivered;
    if (network->finishedAtMs != 0 && !network->upstreamError.isEmpty())
        return Network::ConnectionFailed;
    return Network::InTransit;
}

AttemptTimeline::Verdict AttemptTimeline::Row::verdict() const
{
    if (network) {
        if (network->held && !network->forwarded)
            return Verdict::Pending; // on its way to the bank, held
        if (network->applied == FaultCase::DropRequest || (!network->forwarded && network->finishedAtMs != 0))
            return Verdict::NeverArrived;
        if (network->upstreamStatus == 0)
            return network->finishedAtMs != 0 ? Verdict::Unknown : Verdict::Processing;
        return verdictOf(network->upstreamStatus, network->upstreamReplayed);
    }
    if (viaProxy || !client)
        return Verdict::Pending; // the proxy's report is on its way
    switch (client->outcome) {
    case RequestAttempt::Outcome::Created:
        return Verdict::Created;
    case RequestAttempt::Outcome::Replayed:
        return Verdict::Replayed;
    case RequestAttempt::Outcome::Refused:
        return verdictOf(client->failure->httpStatus, false);
    case RequestAttempt::Outcome::OutcomeUnknown:
        return Verdict::Unknown;
    case RequestAttempt::Outcome::NotSent:
        return Verdict::NotSent;
    }
    return Verdict::Unknown;
}

int AttemptTimeline::Row::serverStatus() const
{
    if (network)
        return network->upstreamStatus;
    if (client && client->ok())
        return 201;
    return client ? client->failure->httpStatus : 0;
}

std::optional<FaultHop> AttemptTimeline::Row::whereNow() const
{
    if (!network || network->finishedAtMs != 0)
        return std::nullopt;
    return network->hop;
}

qint64 AttemptTimeline::Row::bankWorkingSinceMs() const
{
    return whereNow() == FaultHop::AtBank ? network->forwardedAtMs : 0;
}

QString AttemptTimeline::hopText(FaultHop hop)
{
    switch (hop) {
    case FaultHop::LeavingClient:
        return tr("leaving the client");
    case FaultHop::InNetwork:
        return tr("in the network");
    case FaultHop::AtBank:
        return tr("at the bank");
    case FaultHop::BankCommitted:
        return tr("bank committed");
    case FaultHop::AnswerOnTheWay:
        return tr("answer on the way");
    case FaultHop::AtClient:
        return tr("answer at the client");
    }
    return {};
}

QString AttemptTimeline::Row::problemCode() const
{
    if (network)
        return network->upstreamStatus >= 400 ? codeOf(network->upstreamBody) : QString();
    if (client && client->failure && client->failure->kind == ApiFailure::Kind::Problem)
        return ProblemCodes::toString(client->failure->problem.code);
    return {};
}

QString AttemptTimeline::Row::clientText() const
{
    if (!client)
        return tr("waiting…");
    switch (client->outcome) {
    case RequestAttempt::Outcome::Created:
        return tr("201 created");
    case RequestAttempt::Outcome::Replayed:
        return tr("201 replayed");
    case RequestAttempt::Outcome::OutcomeUnknown:
        return tr("no answer");
    case RequestAttempt::Outcome::NotSent:
        return tr("not sent");
    case RequestAttempt::Outcome::Refused:
        break;
    }
    const ApiFailure &failure = *client->failure;
    return QStringLiteral("%1 %2").arg(failure.httpStatus).arg(ProblemCodes::toString(failure.problem.code));
}

QString AttemptTimeline::Row::networkText() const
{
    switch (networkFate()) {
    case Network::Direct:
        return tr("direct");
    case Network::InTransit:
        return tr("…");
    case Network::Delivered:
        return tr("delivered");
    case Network::RequestLost:
        return tr("request lost");
    case Network::CutDuringProcessing:
        return tr("cut while processing");
    case Network::ResponseLost:
        return tr("response lost");
    case Network::ConnectionFailed:
        return tr("server unreachable");
    }
    return {};
}

QString AttemptTimeline::verdictText(Verdict verdict, int status, const QString &code)
{
    switch (verdict) {
    case Verdict::Pending:
        return tr("…");
    case Verdict::NeverArrived:
        return tr("never arrived");
    case Verdict::Processing:
        return tr("processing…");
    case Verdict::Created:
        return tr("created 201");
    case Verdict::Replayed:
        return tr("replayed — no-op");
    case Verdict::InProgress:
        return tr("in progress 409");
    case Verdict::Rejected:
        return code.isEmpty() ? tr("rejected %1").arg(status) : tr("rejected %1 %2").arg(status).arg(code);
    case Verdict::Unknown:
        return tr("unknown");
    case Verdict::NotSent:
        return tr("not sent");
    }
    return {};
}

QString AttemptTimeline::Row::serverText() const { return verdictText(verdict(), serverStatus(), problemCode()); }

QString AttemptTimeline::Row::latencyText() const
{
    return client ? tr("%1 ms").arg(QLocale().toString(client->elapsedMs)) : QString();
}

void AttemptTimeline::begin(const QString &title, const QString &key, bool unsafe, Subject subject)
{
    m_title = title;
    m_key = key;
    m_unsafe = unsafe;
    m_subject = subject;
    m_rows.clear();
    m_effects.clear();
    m_keyRequest.reset();
    m_lostKeyRequests.clear();
    m_lookups.clear();
}

AttemptTimeline::Exchange AttemptTimeline::Exchange::keyIssued(const QDateTime &startedAt, qint64 elapsedMs,
                                                               const QString &key)
{
    return {startedAt, elapsedMs, key, QStringLiteral("POST /v1/idempotency-keys"), QStringLiteral("201 %1").arg(key)};
}

AttemptTimeline::Exchange AttemptTimeline::Exchange::keyAnswerLost(const QDateTime &startedAt, qint64 elapsedMs,
                                                                   const QString &key)
{
    Exchange lost = keyIssued(startedAt, elapsedMs, key);
    lost.answer = tr("201 %1, answer lost").arg(key);
    lost.answerLost = true;
    return lost;
}

AttemptTimeline::Exchange AttemptTimeline::Exchange::statusChecked(const QDateTime &startedAt, qint64 elapsedMs,
                                                                   const QString &key, const TransferStatus &status)
{
    return {startedAt, elapsedMs, key, QStringLiteral("GET /v1/idempotency-keys/%1").arg(key),
            status.info ? QStringLiteral("200 %1").arg(status.info->status) : tr("no answer")};
}

QString AttemptTimeline::Exchange::text() const { return tr("%1 → %2").arg(request, answer); }

void AttemptTimeline::setAccountEffects(const QList<AccountEffect> &effects) { m_effects = effects; }

void AttemptTimeline::balancesReported(const QList<Account> &accounts)
{
    for (AccountEffect &effect : m_effects) {
        const auto account = std::find_if(accounts.cbegin(), accounts.cend(),
                                          [&effect](const Account &known) { return known.id == effect.accountId; });
        if (account != accounts.cend())
            effect.after = account->balance;
    }
}

void AttemptTimeline::clear() { begin({}, {}, false); }

AttemptTimeline::Row *AttemptTimeline::rowFor(const QByteArray &requestId)
{
    if (requestId.isEmpty())
        return nullptr;
    const auto found = std::find_if(m_rows.begin(), m_rows.end(),
                                    [&requestId](const Row &row) { return row.requestId == requestId; });
    return found == m_rows.end() ? nullptr : &*found;
}

void AttemptTimeline::attemptStarted(const RequestAttempt &attempt, bool viaProxy)
{
    if (rowFor(attempt.requestId))
        return;
    Row row;
    // A new client (after a crash) numbers its attempts afresh; on the timeline they go on.
    const bool numberTaken = std::any_of(m_rows.cbegin(), m_rows.cend(),
                                         [&attempt](const Row &known) { return known.number == attempt.number; });
    row.number = attempt.number > 0 && !numberTaken ? attempt.number : int(m_rows.size()) + 1;
    row.requestId = attempt.requestId;
    row.startedAt = attempt.startedAt;
    row.viaProxy = viaProxy;
    m_rows.append(row);
}

void AttemptTimeline::answered(const QByteArray &requestId, const Answer &answer)
{
    if (Row *row = rowFor(requestId))
        row->client = answer;
}

bool AttemptTimeline::networkReported(const FaultAttempt &attempt)
{
    Row *row = rowFor(attempt.requestId);
    if (!row)
        return false;
    row->network = attempt;
    return true;
}

int AttemptTimeline::debits() const
{
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), [](const Row &row) { return row.made(); }));
}

bool AttemptTimeline::isSettled() const
{
    return std::none_of(m_rows.cbegin(), m_rows.cend(), [](const Row &row) {
        const Verdict verdict = row.verdict();
        return verdict == Verdict::Pending || verdict == Verdict::Processing;
    });
}

QString AttemptTimeline::ledgerText() const
{
    if (m_rows.isEmpty() && !m_lookups.isEmpty())
        return tr("sent by an earlier run; the bank's answers above say what became of it");
    const int count = debits();
    const bool unknown
        = std::any_of(m_rows.cbegin(), m_rows.cend(), [](const Row &row) { return row.verdict() == Verdict::Unknown; });
    if (unknown && (count == 0 || m_unsafe))
        return tr("unknown: an answer was lost and nothing saw the bank; “Check status” asks it");
    QString text;
    if (m_subject == Subject::Schedule)
        text = count == 0 ? tr("no schedule made")
            : count == 1  ? tr("one schedule made")
                          : tr("%1 schedules made").arg(count);
    else if (count == 0)
        text = tr("not debited");
    else if (count == 1)
        text = tr("debited once");
    else if (count == 2)
        text = tr("debited twice");
    else
        text = tr("debited %1 times").arg(count);
    return isSettled() ? text : tr("%1 so far").arg(text);
}

QString AttemptTimeline::effectLine() const
{
    return m_subject == Subject::Schedule ? tr("Effect at the bank: %1").arg(ledgerText())
                                          : tr("Ledger effect: %1").arg(ledgerText());
}

QString AttemptTimeline::heading() const
{
    return m_subject == Subject::Schedule ? tr("Schedule: %1").arg(m_title) : tr("Transfer: %1").arg(m_title);
}

QString AttemptTimeline::effectText(const AccountEffect &effect) const
{
    const QString balance = balanceText(effect);
    return balance.isEmpty() ? movementText(effect) : tr("%1; %2").arg(movementText(effect), balance);
}

QString AttemptTimeline::movementText(const AccountEffect &effect) const
{
    const int count = debits();
    return tr("%1 %2 (%3 × %4), expected %5")
        .arg(effect.name, signedMoney(effect.perTransfer * count, effect.currency))
        .arg(count)
        .arg(Money::formatWithCurrency(qAbs(effect.perTransfer), effect.currency, QLocale()),
             signedMoney(effect.perTransfer, effect.currency));
}

QString AttemptTimeline::balanceText(const AccountEffect &effect)
{
    if (!effect.before || !effect.after)
        return {};
    return tr("balance %1 → %2")
        .arg(Money::formatWithCurrency(*effect.before, effect.currency, QLocale()),
             Money::formatWithCurrency(*effect.after, effect.currency, QLocale()));
}

QString AttemptTimeline::toText() const
{
    QStringList lines;
    lines << heading();
    lines << (m_unsafe ? tr("Key: none (unsafe demonstration: sent without an idempotency key)")
                       : tr("Key: %1").arg(m_key));
    const auto pad = [](const QString &text, int width) { return text.leftJustified(width, u' '); };
    lines << pad(tr("#"), 3) + pad(tr("time"), 14) + pad(tr("client"), 30) + pad(tr("network"), 22)
            + pad(tr("server"), 34) + tr("latency");
    const auto exchangeLine = [&pad](const QString &number, const Exchange &exchange) {
        return pad(number, 3) + pad(exchange.startedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz")), 14)
            + exchange.text() + QStringLiteral("  ") + tr("%1 ms").arg(QLocale().toString(exchange.elapsedMs));
    };
    for (const Exchange &lost : m_lostKeyRequests)
        lines << exchangeLine(QStringLiteral("0"), lost);
    if (m_keyRequest)
        lines << exchangeLine(QStringLiteral("0"), *m_keyRequest);
    // Status checks where they happened among the attempts, marked "?".
    qsizetype lookup = 0;
    const auto lookupsBefore = [&](const QDateTime &until) {
        for (; lookup < m_lookups.size() && (!until.isValid() || m_lookups.at(lookup).startedAt < until); ++lookup)
            lines << exchangeLine(QStringLiteral("?"), m_lookups.at(lookup));
    };
    for (const Row &row : m_rows) {
        lookupsBefore(row.startedAt);
        lines << pad(QString::number(row.number), 3)
                + pad(row.startedAt.toLocalTime().toString(QStringLiteral("HH:mm:ss.zzz")), 14)
                + pad(row.clientText(), 30) + pad(row.networkText(), 22) + pad(row.serverText(), 34)
                + row.latencyText();
    }
    lookupsBefore({});
    lines << effectLine();
    for (const AccountEffect &effect : m_effects)
        lines << QStringLiteral("  ") + effectText(effect);
    return lines.join(u'\n') + u'\n';
}
