#include "PendingIntentJournal.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>
#include <utility>

namespace {

constexpr int kFormatVersion = 1;

QJsonObject toJson(const PendingIntentJournal::Entry &entry)
{
    return {{QStringLiteral("key"), entry.key},
            {QStringLiteral("user"), entry.user},
            {QStringLiteral("server"), entry.server},
            {QStringLiteral("request"), entry.request.toJson()},
            {QStringLiteral("saved_at"), entry.savedAt.toString(Qt::ISODateWithMs)}};
}

std::optional<PendingIntentJournal::Entry> fromJson(const QJsonObject &object)
{
    const Result<TransferRequest> request = TransferRequest::fromJson(object.value(QLatin1String("request")));
    PendingIntentJournal::Entry entry;
    entry.key = object.value(QLatin1String("key")).toString();
    entry.user = object.value(QLatin1String("user")).toString();
    entry.server = object.value(QLatin1String("server")).toString();
    entry.savedAt = QDateTime::fromString(object.value(QLatin1String("saved_at")).toString(), Qt::ISODateWithMs);
    if (!request || entry.key.isEmpty() || entry.user.isEmpty())
        return std::nullopt;
    entry.request = request.value();
    return entry;
}

} // namespace

PendingIntentJournal::PendingIntentJournal(QString filePath) : m_path(std::move(filePath)) { reload(); }

QString PendingIntentJournal::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("pending-transfers.json"));
}

void PendingIntentJournal::reload()
{
    m_entries.clear();
    m_error.clear();
    QFile file(m_path);
    if (!file.exists())
        return;
    if (!file.open(QIODevice::ReadOnly)) {
        m_error = file.errorString();
        return;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject() || document.object().value(QLatin1String("version")).toInt() != kFormatVersion) {
        m_error = parseError.error != QJsonParseError::NoError ? parseError.errorString() : QStringLiteral("not a journal of this version");
        return;
    }
    for (const QJsonValue item : document.object().value(QLatin1String("pending")).toArray()) {
        if (const auto entry = fromJson(item.toObject()))
            m_entries.append(*entry);
    }
}

QList<PendingIntentJournal::Entry> PendingIntentJournal::entriesFor(const QString &user, const QString &server) const
{
    QList<Entry> out;
    for (const Entry &e : m_entries) {
        if (e.user == user && e.server == server)
            out.append(e);
    }
    return out;
}

std::optional<PendingIntentJournal::Entry> PendingIntentJournal::entry(const QString &key) const
{
    for (const Entry &e : m_entries) {
        if (e.key == key)
            return e;
    }
    return std::nullopt;
}

bool PendingIntentJournal::save(const Entry &entry)
{
    reload();
    const auto same = [&entry](const Entry &e) { return e.key == entry.key; };
    const auto found = std::find_if(m_entries.begin(), m_entries.end(), same);
    if (found != m_entries.end())
        *found = entry;
    else
        m_entries.append(entry);
    return write();
}

bool PendingIntentJournal::remove(const QString &key)
{
    reload();
    if (m_entries.removeIf([&key](const Entry &e) { return e.key == key; }) == 0)
        return true;
    return write();
}

bool PendingIntentJournal::write()
{
    m_error.clear();
    if (!QDir().mkpath(QFileInfo(m_path).absolutePath())) {
        m_error = QStringLiteral("cannot create the folder for %1").arg(m_path);
        return false;
    }
    QJsonArray pending;
    for (const Entry &e : std::as_const(m_entries))
        pending.append(toJson(e));
    const QJsonObject root{{QStringLiteral("version"), kFormatVersion}, {QStringLiteral("pending"), pending}};
    QSaveFile file(m_path);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson()) < 0 || !file.commit()) {
        m_error = file.errorString();
        return false;
    }
    return true;
}
