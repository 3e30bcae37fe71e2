#pragma once

#include <QObject>
#include <QString>

// What the transfer flow tells the user now: a sentence, and what kind of news it is.
struct FlowMessage
{
    Q_GADGET
public:
    enum class Kind { None, Info, Success, Error };
    Q_ENUM(Kind)

    Kind kind = Kind::None;
    QString text;
};
