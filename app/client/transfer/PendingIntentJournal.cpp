#include "app/client/transfer/PendingIntentJournal.h"

#include "shared/files/PrivateFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QStandardPaths>

#include <algorithm>
#include <utility>

namespace {

constexpr int kFormatVersion = 1;
// Another process holds the lock for the milliseconds of one change; this long means it hangs.
constexpr int kLockWaitMs = 10'000;

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

PendingIntentJournal::PendingIntentJournal(QString filePath, QObject *parent)
    : QObject(parent),
      m_path(std::move(filePath))
{
    reload();
}

QString PendingIntentJournal::pathIn(const QString &folder)
{
    return QDir(folder).filePath(QStringLiteral("pending-transfers.json"));
}

QString PendingIntentJournal::defaultPath()
{
    return pathIn(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
}

void PendingIntentJournal::reload() { update(nullptr); }

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
    return update([&entry](QList<Entry> &entries) {
        const auto found
            = std::find_if(entries.begin(), entries.end(), [&entry](const Entry &e) { return e.key == entry.key; });
        if (found != entries.end())
            *found = entry;
        else
            entries.append(entry);
        return true;
    });
}

bool PendingIntentJournal::remove(const QString &key)
{
    return update([&key](QList<Entry> &entries) {
        return entries.removeIf([&key](const Entry &e) { return e.key == key; }) > 0;
    });
}

bool PendingIntentJournal::update(const std::function<bool(QList<Entry> &)> &change)
{
    m_error.clear();
    const qsizetype setAsideBefore = m_setAside.size();
    const bool done = [&] {
        if (!change && !QFile::exists(m_path)) {
            m_entries.clear();
            m_unusable = {};
            return true;
        }
        if (!PrivateFiles::createFolder(QFileInfo(m_path).absolutePath())) {
            m_error = QStringLiteral("cannot create the folder for %1").arg(m_path);
            return false;
        }
        QLockFile lock(m_path + QStringLiteral(".lock"));
        // Only a dead holder's lock is stale: a live one may be slow, and two writers lose entries.
        lock.setStaleLockTime(0);
        if (!lock.tryLock(kLockWaitMs)) {
            m_error = lock.error() == QLockFile::LockFailedError
                ? QStringLiteral("another process has held %1 for %2 s").arg(lock.fileName()).arg(kLockWaitMs / 1000)
                : QStringLiteral("cannot create %1").arg(lock.fileName());
            return false;
        }
        PrivateFiles::restrictNewFile(lock.fileName());
        // A journal written before files were made private is narrowed the first time it is seen.
        PrivateFiles::restrictFile(m_path);
        // What could not be read cannot be merged with, so it is not written over.
        if (read() == ReadResult::Failed)
            return false;
        return !change || !change(m_entries) || write();
    }();
    // Once the lock is released: a receiver may change the journal itself.
    for (qsizetype i = setAsideBefore; i < m_setAside.size(); ++i)
        emit unreadableSetAside(m_setAside.at(i));
    return done;
}

PendingIntentJournal::ReadResult PendingIntentJournal::read()
{
    m_entries.clear();
    m_unusable = {};
    QFile file(m_path);
    if (!file.exists())
        return ReadResult::Read;
    if (!file.open(QIODevice::ReadOnly)) {
        m_error = file.errorString();
        return ReadResult::Failed;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    file.close();
    if (parseError.error != QJsonParseError::NoError)
        return putAside(parseError.errorString());
    const QJsonObject root = document.object();
    if (!document.isObject() || root.value(QLatin1String("version")).toInt() != kFormatVersion
        || !root.value(QLatin1String("pending")).isArray())
        return putAside(QStringLiteral("not a journal of version %1").arg(kFormatVersion));
    for (const QJsonValue item : root.value(QLatin1String("pending")).toArray()) {
        if (const auto entry = fromJson(item.toObject()))
            m_entries.append(*entry);
        else
            m_unusable.append(item);
    }
    return ReadResult::Read;
}

PendingIntentJournal::ReadResult PendingIntentJournal::putAside(const QString &why)
{
    const QFileInfo info(m_path);
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"));
    const QString keptAs
        = info.dir().filePath(info.completeBaseName() + QStringLiteral(".unreadable-") + stamp
                              + (info.suffix().isEmpty() ? QString() : QLatin1Char('.') + info.suffix()));
    // rename() never replaces an existing file.
    if (QFile file(m_path); !file.rename(keptAs)) {
        m_error = QStringLiteral("cannot read %1 (%2) nor move it aside: %3").arg(m_path, why, file.errorString());
        return ReadResult::Failed;
    }
    m_setAside.append(keptAs);
    m_error = QStringLiteral("cannot read %1 (%2); it was kept as %3").arg(m_path, why, keptAs);
    return ReadResult::Unreadable;
}

bool PendingIntentJournal::write()
{
    m_error.clear();
    QJsonArray pending;
    for (const Entry &e : std::as_const(m_entries))
        pending.append(toJson(e));
    for (const QJsonValue item : std::as_const(m_unusable))
        pending.append(item);
    const QJsonObject root{{QStringLiteral("version"), kFormatVersion}, {QStringLiteral("pending"), pending}};
    const QByteArray bytes = QJsonDocument(root).toJson();
    return PrivateFiles::save(
        m_path, [&bytes](QIODevice &file) { return file.write(bytes) == bytes.size(); }, &m_error);
}
