#include "app/startup/DemoPasswordFile.h"

#include "shared/files/PrivateFiles.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

DemoPasswordFile::DemoPasswordFile(const QString &databasePath)
    : m_path(databasePath + QStringLiteral(".demo-users.json"))
{}

std::optional<DemoSeed::Passwords> DemoPasswordFile::load() const
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject object = QJsonDocument::fromJson(file.readAll()).object();
    DemoSeed::Passwords passwords;
    for (const QString &username : DemoSeed::usernames()) {
        const QString password = object.value(username).toString();
        if (password.isEmpty())
            return std::nullopt;
        passwords.insert(username, password);
    }
    return passwords;
}

QString DemoPasswordFile::save(const DemoSeed::Passwords &passwords) const
{
    QJsonObject object;
    for (auto it = passwords.cbegin(); it != passwords.cend(); ++it)
        object.insert(it.key(), it.value());
    return PrivateFiles::save(m_path, QJsonDocument(object).toJson());
}

DemoSeed::Passwords DemoPasswordFile::random()
{
    static constexpr char kAlphabet[] = "abcdefghjkmnpqrstuvwxyz23456789"; // no i, l, o, 0, 1
    static constexpr int kLetters = int(sizeof(kAlphabet)) - 1;
    DemoSeed::Passwords passwords;
    for (const QString &username : DemoSeed::usernames()) {
        QString password;
        for (int i = 0; i < 12; ++i) {
            if (i > 0 && i % 4 == 0)
                password += u'-';
            password += QLatin1Char(kAlphabet[QRandomGenerator::system()->bounded(kLetters)]);
        }
        passwords.insert(username, password);
    }
    return passwords;
}

DemoSeed::Passwords DemoPasswordFile::classroom(const QString &password)
{
    DemoSeed::Passwords passwords;
    for (const QString &username : DemoSeed::usernames())
        passwords.insert(username, password);
    return passwords;
}
