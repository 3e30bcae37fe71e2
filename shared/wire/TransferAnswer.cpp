#include "shared/wire/TransferAnswer.h"

#include <QJsonDocument>

TransferAnswer TransferAnswer::created(const Transfer &transfer)
{
    return {201, QJsonDocument(transfer.toJson()).toJson(QJsonDocument::Compact)};
}

TransferAnswer TransferAnswer::refused(const Problem &refusal) { return {refusal.status(), refusal.toJsonBytes()}; }
