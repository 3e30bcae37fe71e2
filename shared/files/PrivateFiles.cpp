#include "shared/files/PrivateFiles.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace PrivateFiles {

namespace {

// Narrows `path` to `mode` when it grants others anything; says so on the log when `report`.
bool narrow(const QString &path, QFileDevice::Permissions mode, bool report)
{
    constexpr QFileDevice::Permissions kOthers = QFileDevice::ReadGroup | QFileDevice::WriteGroup
        | QFileDevice::ExeGroup | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther;
    if (!(QFile::permissions(path) & kOthers))
        return true;
    if (!QFile::setPermissions(path, mode)) {
        qWarning("cannot make %s private to its owner", qPrintable(path));
        return false;
    }
    if (report)
        qInfo("%s was open to other users; it is now private to its owner (mode %s)", qPrintable(path),
              mode == kFolderMode ? "0700" : "0600");
    return true;
}

} // namespace

bool createFolder(const QString &path)
{
    const QString absolute = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    if (QFileInfo(absolute).isDir())
        return true;
    const QString parent = QFileInfo(absolute).absolutePath();
    if (parent != absolute && !createFolder(parent))
        return false;
    // mkdir(2) with the mode itself: no moment in which the folder is open to others.
    return QDir().mkdir(absolute, kFolderMode) || QFileInfo(absolute).isDir();
}

bool ensureOwnFolder(const QString &path) { return createFolder(path) && narrow(path, kFolderMode, true); }

bool ensureOwnFile(const QString &path)
{
    if (!ensureOwnFolder(QFileInfo(path).absolutePath()))
        return false;
    // open(2) with the mode itself; NewOnly, so a file made meanwhile by someone else is kept.
    if (QFile file(path); file.open(QIODevice::WriteOnly | QIODevice::NewOnly, kFileMode))
        return true;
    return restrictFile(path);
}

bool restrictFile(const QString &path) { return !QFileInfo::exists(path) || narrow(path, kFileMode, true); }

bool restrictNewFile(const QString &path) { return narrow(path, kFileMode, false); }

bool save(const QString &path, const std::function<bool(QIODevice &)> &write, QString *error)
{
    QSaveFile file(path);
    // The new content goes to a temporary file that QSaveFile renames over `path`: narrowed before
    // the first byte, so the file is never open to others, not even for a moment.
    const bool saved
        = file.open(QIODevice::WriteOnly) && file.setPermissions(kFileMode) && write(file) && file.commit();
    if (!saved && error)
        *error = file.errorString();
    return saved;
}

QString save(const QString &path, const QByteArray &bytes)
{
    QString error;
    const bool saved = save(
        path, [&bytes](QIODevice &device) { return device.write(bytes) == bytes.size(); }, &error);
    return saved ? QString() : QStringLiteral("cannot write %1: %2").arg(path, error);
}

} // namespace PrivateFiles
