#pragma once

#include "bench/BenchResults.h"

#include <QString>

// bank-bench's outputs: the table on stdout, the JSON file and the plot.
namespace BenchReport {
QString table(const BenchResults &results);
// Empty string or why the file could not be written.
QString writeJson(const BenchResults &results, const QString &path);
// Writes the sweep's data and a gnuplot script beside `pngPath` and runs gnuplot on them.
QString writePlot(const BenchResults &results, const QString &pngPath);
} // namespace BenchReport
