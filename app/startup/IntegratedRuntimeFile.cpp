#include "app/startup/IntegratedRuntimeFile.h"

#include "shared/files/PrivateFiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

IntegratedRuntimeFile::~IntegratedRuntimeFile() { withdraw(); }

QString IntegratedRuntimeFile::path()
{
    QString folder = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (folder.isEmpty())
        folder = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    return QDir(folder).filePath(QStringLiteral("exactly-once-bank/integrated.json"));
}

QString IntegratedRuntimeFile::publish(const QUrl &url, const QByteArray &secret,
                                       const DemoSeed::Passwords &demoPasswords)
{
    const QString file = path();
    if (const QString folder = QFileInfo(file).absolutePath(); !PrivateFiles::ensureOwnFolder(folder))
        return QStringLiteral("cannot make %1 a folder only its owner can use").arg(folder);
    QJsonArray users;
    for (auto it = demoPasswords.cbegin(); it != demoPasswords.cend(); ++it)
        users.append(QJsonObject{{QStringLiteral("username"), it.key()}, {QStringLiteral("password"), it.value()}});
    const QJsonObject root{{QStringLiteral("url"), url.toString()},
                           {QStringLiteral("secret"), QString::fromLatin1(secret)},
                           {QStringLiteral("demo_users"), users}};
    if (const QString failure = PrivateFiles::save(file, QJsonDocument(root).toJson()); !failure.isEmpty())
        return failure;
    m_publishedSecret = secret;
    return {};
}

void IntegratedRuntimeFile::withdraw()
{
    if (m_publishedSecret.isEmpty())
        return;
    const QByteArray secret = std::exchange(m_publishedSecret, {});
    QFile file(path());
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
    file.close();
    if (root.value(QLatin1String("secret")).toString().toLatin1() == secret)
        file.remove();
}
