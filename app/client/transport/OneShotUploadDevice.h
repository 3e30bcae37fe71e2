#pragma once

#include <QByteArray>
#include <QIODevice>

// A request body that can be read exactly once: sequential, and it refuses to rewind. Given to
// QNetworkAccessManager with DoNotBufferUploadDataAttribute, it leaves Qt no copy of the body to
// send a second time, so a request the connection lost after writing it fails with
// ContentReSendError instead of being re-sent behind the caller's back (Qt 6.4 re-sends a POST
// once by itself otherwise; tests/faults/tst_qnamresend measures it). ApiClient sends every
// money-moving request this way, so each attempt the user sees reaches the server at most once.
class OneShotUploadDevice : public QIODevice
{
    Q_DISABLE_COPY_MOVE(OneShotUploadDevice)
public:
    explicit OneShotUploadDevice(QByteArray body, QObject *parent = nullptr);

    bool isSequential() const override { return true; }
    bool reset() override { return false; }
    qint64 bytesAvailable() const override { return m_body.size() - m_position + QIODevice::bytesAvailable(); }
    qint64 size() const override { return m_body.size(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_body;
    qint64 m_position = 0;
};
