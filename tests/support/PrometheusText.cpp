#include "tests/support/PrometheusText.h"

#include <QRegularExpression>
#include <QSet>

PrometheusText::PrometheusText(const QByteArray &body)
{
    static const QRegularExpression help(QStringLiteral(R"(^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) \S.*$)"));
    static const QRegularExpression type(QStringLiteral(R"(^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge)$)"));
    static const QRegularExpression sample(QStringLiteral(
        R"(^(([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[a-zA-Z_][a-zA-Z0-9_]*="[^"\\]*"(,[a-zA-Z_][a-zA-Z0-9_]*="[^"\\]*")*\})?) (0|[1-9][0-9]*)$)"));
    if (!body.endsWith('\n')) {
        m_error = QStringLiteral("the body does not end with a newline");
        return;
    }
    QSet<QString> typed;
    for (const QByteArray &raw : body.chopped(1).split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (help.match(line).hasMatch())
            continue;
        if (const auto declared = type.match(line); declared.hasMatch()) {
            typed.insert(declared.captured(1));
            continue;
        }
        const auto found = sample.match(line);
        if (!found.hasMatch() || !typed.contains(found.captured(2)) || m_samples.contains(found.captured(1))) {
            m_error = QStringLiteral("not a sample below its # TYPE line, or a repeated one: \"%1\"").arg(line);
            return;
        }
        m_samples.insert(found.captured(1), found.captured(5).toLongLong());
    }
}

QMap<QString, qint64> PrometheusText::samplesExcept(const QString &prefix) const
{
    QMap<QString, qint64> kept;
    for (auto it = m_samples.cbegin(); it != m_samples.cend(); ++it) {
        if (!it.key().startsWith(prefix))
            kept.insert(it.key(), it.value());
    }
    return kept;
}

QMap<QString, qint64> PrometheusText::changesSince(const PrometheusText &earlier, const QString &exceptPrefix) const
{
    const QMap<QString, qint64> now = exceptPrefix.isEmpty() ? m_samples : samplesExcept(exceptPrefix);
    const QMap<QString, qint64> then = exceptPrefix.isEmpty() ? earlier.m_samples : earlier.samplesExcept(exceptPrefix);
    QMap<QString, qint64> changes;
    for (auto it = now.cbegin(); it != now.cend(); ++it) {
        if (const qint64 change = it.value() - then.value(it.key()); change != 0)
            changes.insert(it.key(), change);
    }
    for (auto it = then.cbegin(); it != then.cend(); ++it) {
        if (!now.contains(it.key()))
            changes.insert(it.key(), -it.value());
    }
    return changes;
}
