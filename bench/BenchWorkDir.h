#pragma once

#include <QString>
#include <QTemporaryDir>

#include <memory>

// Where a run keeps its databases and logs: the directory asked for (created, kept), or a
// temporary one, removed afterwards. Also what a run says on stderr while it works.
class BenchWorkDir
{
    Q_DISABLE_COPY_MOVE(BenchWorkDir)
public:
    explicit BenchWorkDir(const QString &requested);
    ~BenchWorkDir();

    QString path() const { return m_path; }
    QString filePath(const QString &name) const;

    // One line of progress on stderr.
    static void progress(const QString &text);

private:
    std::unique_ptr<QTemporaryDir> m_temporary;
    QString m_path;
};
