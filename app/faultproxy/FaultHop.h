#pragma once

// Where a message is on its way through the proxy, in the order it passes. The proxy can hold a
// message (step mode, slow motion) only where it has it in hand; two pairs of hops are holds of the
// same bytes at successive points, so that each stop shows one thing happening at the next:
//   LeavingClient:  the whole request has arrived from the client; nothing is decided or forwarded.   held
//   InNetwork:      its fate is decided; released, case 1 drops it, the others write it to the bank.   held
//   AtBank:         written whole to the bank, which is working on it. Not held: the proxy cannot
//                   pause the bank, it waits for the answer (case 2 cuts the client here).
//   BankCommitted:  the bank's whole answer has arrived at the proxy; nothing relayed yet.            held
//   AnswerOnTheWay: its fate is decided; released, case 3 throws it away, the others relay it.       held
//   AtClient:       relayed: the client has the answer. Not held: the client reads it at once.
enum class FaultHop { LeavingClient, InNetwork, AtBank, BankCommitted, AnswerOnTheWay, AtClient };
