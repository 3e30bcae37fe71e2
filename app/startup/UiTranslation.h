#pragma once

#include <QLocale>
#include <QStringList>
#include <QTranslator>

// The window in one language: the app's translation (bank-app_LANG.qm, built into the app) and
// Qt's own for its standard buttons and dialogs (qtbase_LANG.qm of the system's Qt), installed on
// the application for as long as this lives. English, the app's own language, needs none.
class UiTranslation
{
    Q_DISABLE_COPY_MOVE(UiTranslation)
public:
    explicit UiTranslation(const QLocale &locale);
    ~UiTranslation();

    // Whether the app has a translation for the locale's language (else the window stays English).
    bool isLoaded() const { return m_loaded; }

    // The languages the app is translated into, besides English.
    static QStringList languages();
    // The locale that --lang LANG (or --lang=LANG) names in `arguments`, else the system's. Read
    // before the command line is parsed, so that even --help speaks it.
    static QLocale fromArguments(const QStringList &arguments);

private:
    QTranslator m_app;
    QTranslator m_qt;
    bool m_loaded = false;
    bool m_qtLoaded = false;
};
