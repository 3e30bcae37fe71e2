#include "PrivateFile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstdio>
#include <unistd.h>

namespace PrivateFile {

QString makeFolder(const QString &folder)
{
    constexpr QFile::Permissions kOwnerOnly = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
    const QFileInfo info(folder);
    if (!info.exists()) {
        if (!QDir().mkpath(info.absolutePath()) || !QDir().mkdir(folder, kOwnerOnly))
            return QStringLiteral("cannot create the folder %1").arg(folder);
        return {};
    }
    if (!info.isDir() || info.ownerId() != ::getuid())
        return QStringLiteral("%1 is not a folder of this user").arg(folder);
    if (!QFile::setPermissions(folder, kOwnerOnly))
        return QStringLiteral("cannot make %1 private").arg(folder);
    return {};
}

QString write(const QString &path, const QByteArray &bytes)
{
    // A fresh file, so the mode given at creation is its mode (an old one would keep its own).
    const QString temporary = path + QStringLiteral(".new");
    QFile::remove(temporary);
    QFile file(temporary);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFile::ReadOwner | QFile::WriteOwner)
        || file.write(bytes) != bytes.size() || !file.flush()) {
        const QString failure = QStringLiteral("cannot write %1: %2").arg(temporary, file.errorString());
        file.remove();
        return failure;
    }
    file.close();
    // rename(2) replaces the old file at once; QFile::rename would refuse an existing target.
    if (std::rename(QFile::encodeName(temporary).constData(), QFile::encodeName(path).constData()) != 0) {
        QFile::remove(temporary);
        return QStringLiteral("cannot replace %1").arg(path);
    }
    return {};
}

} // namespace PrivateFile
