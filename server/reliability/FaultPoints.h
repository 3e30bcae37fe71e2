#pragma once

#include <QString>

#include <optional>

// Places where a crash test can make the server die on the spot, as SIGKILL or a power cut would,
// to prove that nothing is lost or done twice. Armed only by the test-only environment variable
// BANK_FAULT_POINT=<name>, read once; without it every check is a cheap no-op.
enum class FaultPoint {
    BeforeCommit,   // before_commit: a transfer's writer job is done, its batch not yet committed
    AfterCommit,    // after_commit: the transfer is committed, its response not yet written
    DuringKeyIssue, // during_key_issue: a new key is committed, the response not yet written
    // occurrence_before_commit: a scheduled transfer's occurrence has made its transfer and been
    // marked, its batch not yet committed
    OccurrenceBeforeCommit,
    OccurrenceAfterCommit, // occurrence_after_commit: the occurrence's run is committed, not yet logged
};

namespace FaultPoints {

QString name(FaultPoint point);
// The point BANK_FAULT_POINT arms, if any; an unknown name arms nothing (and is reported once).
std::optional<FaultPoint> armed();
// How long a transfer's writer job is held after it has decided and written, before its batch
// commits: BANK_HOLD_BEFORE_COMMIT_MS (test only; 0 when unset), read when a server is made. The
// key's lock is held and nothing is visible yet, so a test can act exactly inside that window
// ("retry while the first commits", "expiry while in flight", "purge while in flight").
int holdBeforeCommitMs();
// Kills the process at once (SIGKILL: no unwinding, no flushing, no destructors) if `point` is armed.
void dieIfArmed(FaultPoint point);

} // namespace FaultPoints
