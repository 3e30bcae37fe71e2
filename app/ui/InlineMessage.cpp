#include "app/ui/InlineMessage.h"

#include <QEvent>

InlineMessage::InlineMessage(QWidget *parent) : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setVisible(false);
}

void InlineMessage::showMessage(Kind kind, const QString &message)
{
    m_kind = kind;
    setText(message);
    setAccessibleDescription(message);
    applyColour();
    setVisible(!message.isEmpty());
}

void InlineMessage::showMessage(const FlowMessage &message)
{
    switch (message.kind) {
    case FlowMessage::Kind::Success:
        return showMessage(Kind::Success, message.text);
    case FlowMessage::Kind::Error:
        return showMessage(Kind::Error, message.text);
    case FlowMessage::Kind::None:
    case FlowMessage::Kind::Info:
        break;
    }
    showMessage(Kind::Note, message.text);
}

void InlineMessage::clearMessage() { showMessage(Kind::Note, {}); }

void InlineMessage::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)
        applyColour();
}

void InlineMessage::applyColour()
{
    // Derived from the palette rather than fixed: darker hues on light windows, lighter on dark.
    const QPalette base = parentWidget() ? parentWidget()->palette() : QPalette();
    const bool dark = base.color(QPalette::Window).lightness() < 128;
    QColor colour = base.color(QPalette::WindowText);
    if (m_kind == Kind::Error)
        colour = dark ? QColor(255, 138, 128) : QColor(176, 0, 32);
    else if (m_kind == Kind::Success)
        colour = dark ? QColor(129, 212, 150) : QColor(0, 110, 45);
    QPalette own = palette();
    if (own.color(QPalette::WindowText) == colour)
        return;
    own.setColor(QPalette::WindowText, colour);
    // Setting the palette sends a PaletteChange; the guard above ends the loop.
    setPalette(own);
}
