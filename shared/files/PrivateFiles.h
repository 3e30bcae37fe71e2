#pragma once

#include <QByteArray>
#include <QFileDevice>
#include <QString>

#include <functional>

class QIODevice;

// What the bank keeps on disk (the desktop app's journal, settings and exports, a SQLite
// database) holds keys, user names, accounts and amounts: its folders are the owner's alone (0700)
// and its files 0600, whatever the umask. Files and folders made earlier with wider modes are
// narrowed, and each narrowing is logged.
namespace PrivateFiles {

inline constexpr QFileDevice::Permissions kFolderMode
    = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;
inline constexpr QFileDevice::Permissions kFileMode = QFileDevice::ReadOwner | QFileDevice::WriteOwner;

// Creates `path` and each missing folder above it with mode 0700. An existing folder is left as it
// is: it may be one the user chose (the folder of --db FILE), or one everybody uses.
bool createFolder(const QString &path);
// createFolder(), and `path` itself narrowed to 0700 if others may use it: for the app's own folders.
bool ensureOwnFolder(const QString &path);
// The app's own file `path` (its settings): its folder as ensureOwnFolder(), the file created
// empty with mode 0600 if missing, narrowed to 0600 if not. QSaveFile, which QSettings writes
// with, keeps the mode of the file it replaces.
bool ensureOwnFile(const QString &path);
// Narrows an existing file to 0600 if others may read or write it. False only if that fails.
bool restrictFile(const QString &path);
// The same, silently, for a file just made with a mode that could not be chosen (a QLockFile's).
bool restrictNewFile(const QString &path);
// Writes `path` atomically (QSaveFile) as a 0600 file, whatever the mode of a file it replaces.
// `write` fills the device; on failure `error` (if given) says why.
bool save(const QString &path, const std::function<bool(QIODevice &)> &write, QString *error = nullptr);
// save() of `bytes`; returns why it failed, or an empty string.
QString save(const QString &path, const QByteArray &bytes);

} // namespace PrivateFiles
