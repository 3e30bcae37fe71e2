#include "app/startup/UiTranslation.h"

#include <QCoreApplication>
#include <QLibraryInfo>

UiTranslation::UiTranslation(const QLocale &locale)
{
    m_loaded = m_app.load(locale, QStringLiteral("bank-app"), QStringLiteral("_"), QStringLiteral(":/i18n"));
    if (!m_loaded)
        return;
    QCoreApplication::installTranslator(&m_app);
    m_qtLoaded = m_qt.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    if (m_qtLoaded)
        QCoreApplication::installTranslator(&m_qt);
}

UiTranslation::~UiTranslation()
{
    if (m_qtLoaded)
        QCoreApplication::removeTranslator(&m_qt);
    if (m_loaded)
        QCoreApplication::removeTranslator(&m_app);
}

QStringList UiTranslation::languages() { return {QStringLiteral("de")}; }

QLocale UiTranslation::fromArguments(const QStringList &arguments)
{
    const QString option = QStringLiteral("--lang");
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (arguments.at(i) == option && i + 1 < arguments.size())
            return QLocale(arguments.at(i + 1));
        if (arguments.at(i).startsWith(option + u'='))
            return QLocale(arguments.at(i).mid(option.size() + 1));
    }
    return QLocale::system();
}
