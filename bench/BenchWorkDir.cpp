#include "bench/BenchWorkDir.h"

#include <QDir>

#include <cstdio>

BenchWorkDir::BenchWorkDir(const QString &requested)
{
    if (requested.isEmpty()) {
        m_temporary = std::make_unique<QTemporaryDir>(QDir::temp().filePath(QStringLiteral("bank-bench-XXXXXX")));
        m_path = m_temporary->path();
    } else {
        QDir().mkpath(requested);
        m_path = QDir(requested).absolutePath();
    }
}

BenchWorkDir::~BenchWorkDir() = default;

QString BenchWorkDir::filePath(const QString &name) const { return QDir(m_path).filePath(name); }

void BenchWorkDir::progress(const QString &text)
{
    std::fprintf(stderr, "bank-bench: %s\n", qPrintable(text));
    std::fflush(stderr);
}
