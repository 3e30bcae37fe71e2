#pragma once

#include <QString>

// The raw rate of small durable writes (4 KiB pwrite + fdatasync) in a directory: what one
// commit at a time can reach at best on that disk.
namespace DiskSyncProbe {
// Syncs per second, or a negative number if the file could not be written.
double syncsPerSecond(const QString &directory, int durationMs);
} // namespace DiskSyncProbe
