#pragma once

#include <QList>
#include <QString>

class QWidget;

// docs/automation.md's generated section: per window, every named control and value of bank-app
// as tests and robots find it, read off the real widget tree and Qt's accessible interfaces:
// objectName, accessible name (and the label that names it), AT-SPI role, what it shows, what a
// test may do with it. Widgets added later appear by themselves; a kind of widget it does not
// know is listed by its class, so that nothing named goes missing.
class AutomationTable
{
public:
    static const QString kBegin;
    static const QString kEnd;

    // The section, markers included, for these windows (each with its own heading).
    static QString markdown(const QList<QWidget *> &windows);
    // `document` with the part from kBegin to kEnd replaced by `section`; empty without markers.
    static QString replaceSection(const QString &document, const QString &section);
};
