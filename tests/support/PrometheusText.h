#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>

// A GET /metrics body in the Prometheus text format, read strictly: every sample is
// `name{label="value",...} integer` below a `# TYPE name counter|gauge` line of its family. Tests
// compare whole sample maps, so a series that appears, vanishes or counts wrong fails.
class PrometheusText
{
public:
    explicit PrometheusText(const QByteArray &body);

    // Empty, or what breaks the format (the first offending line).
    QString error() const { return m_error; }
    // Series ("name" or "name{label=\"value\"}") -> value.
    const QMap<QString, qint64> &samples() const { return m_samples; }
    // The series whose names do not start with `prefix` (e.g. the writer's, whose batching depends
    // on timing; tst_storagetrouble checks those).
    QMap<QString, qint64> samplesExcept(const QString &prefix) const;
    // The series that grew since `earlier` (new ones included), by how much; a series that
    // shrank or vanished is reported with its (negative) change too. Series starting with
    // `exceptPrefix` (when given) are left out.
    QMap<QString, qint64> changesSince(const PrometheusText &earlier, const QString &exceptPrefix = {}) const;

private:
    QMap<QString, qint64> m_samples;
    QString m_error;
};
