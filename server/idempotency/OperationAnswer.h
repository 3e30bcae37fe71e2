#pragma once

#include <QByteArray>
#include <QString>

// What an operation did, as its key stores it and every retry gets it back byte for byte: the
// status and body of the answer, and the transfer it made, if it made one.
struct OperationAnswer
{
    int status = 0;
    QByteArray body;
    QString transferId;
};
