#pragma once

#include <QByteArray>
#include <QString>

// Files only the owner may read: the folder 0700, the file 0600 from the moment it exists (created
// with that mode, never chmod-ed afterwards), and replaced in one rename so a reader never sees
// half of it.
namespace PrivateFile {

// Creates `folder` 0700 if missing, or narrows an existing one of ours to 0700. Returns why not.
QString makeFolder(const QString &folder);
// Writes `bytes` to `path`, in a folder that exists. Returns why not, or an empty string.
QString write(const QString &path, const QByteArray &bytes);

} // namespace PrivateFile
