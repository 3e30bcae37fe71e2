#pragma once

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>
#include <QTemporaryDir>

// A certificate authority made for one test run with the openssl command-line tool, in a
// temporary directory: its certificate (to trust, or not) and server certificates it signs for
// 127.0.0.1 and localhost. Nothing is written outside the directory; nothing outlives the object.
class TestCertificateAuthority
{
    Q_DISABLE_COPY_MOVE(TestCertificateAuthority)
public:
    explicit TestCertificateAuthority(const QString &name);

    // Why the authority could not be made (openssl missing or failing); empty when it was.
    const QString &error() const { return m_error; }
    const QSslCertificate &certificate() const { return m_certificate; }

    // A TLS server configuration with a new key and a certificate from this authority for
    // 127.0.0.1 and localhost. `error` receives why not; the configuration is then null.
    QSslConfiguration serverConfiguration(QString *error);

private:
    // Runs openssl with `arguments` in the directory; returns its complaint, or an empty string.
    QString openssl(const QStringList &arguments) const;
    QString path(const QString &file) const { return m_dir.filePath(file); }

    QTemporaryDir m_dir;
    QString m_error;
    QSslCertificate m_certificate;
    int m_issued = 0;
};
