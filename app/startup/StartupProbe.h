#pragma once

#include <QElapsedTimer>
#include <QObject>

// Measures start-up for --measure-startup: from main() to the first paint of the watched window
// once the event loop has settled, i.e. the moment a user could type. Prints one line and quits.
class StartupProbe : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StartupProbe)
public:
    // `sinceMain` was started first thing in main().
    StartupProbe(const QElapsedTimer &sinceMain, QObject *parent = nullptr);

    void watch(QObject *window);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void report();

    QElapsedTimer m_sinceMain;
    bool m_reported = false;
};
