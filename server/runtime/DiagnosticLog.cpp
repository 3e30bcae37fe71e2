#include "server/runtime/DiagnosticLog.h"

#include <QRegularExpression>
#include <QString>
#include <QtGlobal>

#include <cstdio>

namespace DiagnosticLog {

void install()
{
    // Qt aborts after a fatal message itself, once the handler has returned.
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext &context, const QString &message) {
        const char *category = context.category;
        const bool uncategorised = !category || qstrcmp(category, "default") == 0;
        static const QRegularExpression lineBreaks(QStringLiteral("\\s*[\\r\\n]+\\s*"));
        const QString line = QStringLiteral("bank-server: %1: %2")
                                 .arg(uncategorised ? QStringLiteral("qt") : QString::fromLatin1(category),
                                      message.trimmed().replace(lineBreaks, QStringLiteral(" ")));
        std::fprintf(stderr, "%s\n", qPrintable(line));
    });
}

} // namespace DiagnosticLog
