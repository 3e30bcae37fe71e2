#pragma once

#include <QAbstractListModel>
#include <QStringList>

// The integrated server's request log, one line per request, newest last. Keeps the latest
// kMaxLines so a long session does not grow without bound.
class ServerLogModel : public QAbstractListModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServerLogModel)
public:
    static constexpr int kMaxLines = 2'000;

    explicit ServerLogModel(QObject *parent = nullptr);

    void append(const QString &line);
    void clear();
    const QStringList &lines() const { return m_lines; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QStringList m_lines;
};
