#pragma once

#include "server/runtime/DemoSeed.h"

#include <QByteArray>
#include <QString>
#include <QUrl>

// $XDG_RUNTIME_DIR/exactly-once-bank/integrated.json: how the owner's own tools and tests reach the
// integrated server (its URL, the secret of this launch, the demo users), readable by the owner
// alone (docs/automation.md). Published while the server runs, withdrawn when it stops.
class IntegratedRuntimeFile
{
    Q_DISABLE_COPY_MOVE(IntegratedRuntimeFile)
public:
    IntegratedRuntimeFile() = default;
    ~IntegratedRuntimeFile();

    // $XDG_RUNTIME_DIR/exactly-once-bank/integrated.json; without XDG_RUNTIME_DIR, in
    // QStandardPaths::RuntimeLocation.
    static QString path();

    // Returns why it could not, or an empty string.
    QString publish(const QUrl &url, const QByteArray &secret, const DemoSeed::Passwords &demoPasswords);
    // Removes the file if it is still this one's: another app started later may have replaced it.
    void withdraw();

private:
    QByteArray m_publishedSecret;
};
