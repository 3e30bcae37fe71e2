#pragma once

#include "app/client/transfer/FlowMessage.h"

#include <QLabel>

// A one-line (wrapping) message under a field or a form: an error, a success or a note. Colours
// come from the current palette, so it reads well in light and dark themes; empty means hidden.
class InlineMessage : public QLabel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(InlineMessage)
public:
    enum class Kind { Note, Success, Error };

    explicit InlineMessage(QWidget *parent = nullptr);

    void showMessage(Kind kind, const QString &text);
    // What a flow of the client tells the user (TransferFlow, ScheduleCreation).
    void showMessage(const FlowMessage &message);
    void clearMessage();
    Kind kind() const { return m_kind; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyColour();

    Kind m_kind = Kind::Note;
};
