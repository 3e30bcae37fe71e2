#include "tests/app/TestCertificateAuthority.h"

#include <QFile>
#include <QProcess>
#include <QSslKey>

namespace {

// P-256 keys: made in milliseconds, unlike RSA ones.
const QStringList kNewKey{QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                          QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes")};

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace

TestCertificateAuthority::TestCertificateAuthority(const QString &name)
{
    if (!m_dir.isValid()) {
        m_error = QStringLiteral("no temporary directory");
        return;
    }
    m_error
        = openssl(QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + kNewKey
                  + QStringList{QStringLiteral("-keyout"), path(QStringLiteral("ca.key")), QStringLiteral("-out"),
                                path(QStringLiteral("ca.crt")), QStringLiteral("-days"), QStringLiteral("2"),
                                QStringLiteral("-subj"), QStringLiteral("/CN=%1").arg(name), QStringLiteral("-addext"),
                                QStringLiteral("basicConstraints=critical,CA:TRUE"), QStringLiteral("-addext"),
                                QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")});
    if (!m_error.isEmpty())
        return;
    const QList<QSslCertificate> loaded = QSslCertificate::fromData(readAll(path(QStringLiteral("ca.crt"))));
    if (loaded.size() != 1)
        m_error = QStringLiteral("openssl wrote no readable CA certificate");
    else
        m_certificate = loaded.constFirst();
}

QSslConfiguration TestCertificateAuthority::serverConfiguration(QString *error)
{
    if (!m_error.isEmpty()) {
        *error = m_error;
        return {};
    }
    const QString stem = QStringLiteral("server%1").arg(++m_issued);
    QFile extensions(path(stem + QStringLiteral(".ext")));
    if (!extensions.open(QIODevice::WriteOnly)
        || extensions.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
                            "keyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\n")
            < 0) {
        *error = QStringLiteral("cannot write %1").arg(extensions.fileName());
        return {};
    }
    extensions.close();
    *error = openssl(QStringList{QStringLiteral("req")} + kNewKey
                     + QStringList{QStringLiteral("-keyout"), path(stem + QStringLiteral(".key")),
                                   QStringLiteral("-out"), path(stem + QStringLiteral(".csr")), QStringLiteral("-subj"),
                                   QStringLiteral("/CN=localhost")});
    if (error->isEmpty())
        *error = openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                          path(stem + QStringLiteral(".csr")), QStringLiteral("-CA"), path(QStringLiteral("ca.crt")),
                          QStringLiteral("-CAkey"), path(QStringLiteral("ca.key")), QStringLiteral("-CAcreateserial"),
                          QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"),
                          extensions.fileName(), QStringLiteral("-out"), path(stem + QStringLiteral(".crt"))});
    if (!error->isEmpty())
        return {};
    const QList<QSslCertificate> certificate = QSslCertificate::fromData(readAll(path(stem + QStringLiteral(".crt"))));
    const QSslKey key(readAll(path(stem + QStringLiteral(".key"))), QSsl::Ec);
    if (certificate.size() != 1 || key.isNull()) {
        *error = QStringLiteral("openssl wrote no readable server certificate or key");
        return {};
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificate.constFirst());
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // a server: it does not ask clients for certificates
    return configuration;
}

QString TestCertificateAuthority::openssl(const QStringList &arguments) const
{
    QProcess process;
    process.setWorkingDirectory(m_dir.path());
    process.start(QStringLiteral("openssl"), arguments);
    if (!process.waitForFinished(30'000))
        return QStringLiteral("openssl %1: %2 (is the openssl tool installed?)")
            .arg(arguments.constFirst(), process.errorString());
    if (process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0)
        return QStringLiteral("openssl %1 failed: %2")
            .arg(arguments.constFirst(), QString::fromLocal8Bit(process.readAllStandardError()));
    return {};
}
