#include "bench/DiskSyncProbe.h"

#include <QDir>
#include <QElapsedTimer>

#include <fcntl.h>
#include <unistd.h>

namespace DiskSyncProbe {

double syncsPerSecond(const QString &directory, int durationMs)
{
    const QByteArray path = QDir(directory).filePath(QStringLiteral("fsync-probe.bin")).toLocal8Bit();
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    char block[4096] = {1};
    qint64 syncs = 0;
    bool failed = false;
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < durationMs) {
        // Overwrites a small ring, like a WAL that is reused after each checkpoint.
        if (::pwrite(fd, block, sizeof block, off_t(syncs % 64) * off_t(sizeof block)) != ssize_t(sizeof block)
            || ::fdatasync(fd) != 0) {
            failed = true;
            break;
        }
        ++syncs;
    }
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    ::close(fd);
    ::unlink(path.constData());
    return failed || seconds <= 0 ? -1 : double(syncs) / seconds;
}

} // namespace DiskSyncProbe
