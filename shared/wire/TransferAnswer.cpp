#include "shared/wire/TransferAnswer.h"

TransferAnswer TransferAnswer::created(const Transfer &transfer) { return {201, transfer.toJsonBytes()}; }

TransferAnswer TransferAnswer::refused(const Problem &refusal) { return {refusal.status(), refusal.toJsonBytes()}; }
