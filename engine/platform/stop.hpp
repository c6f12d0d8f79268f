// Role: a clean stop on Ctrl-C (SIGINT) or SIGTERM. The first signal only raises a flag that
// long loops (the headset's frame loop, the desktop window, batch work) read to finish as if
// asked to: end the session, close the recording, print the figures and the verdict so far.
// A second signal ends the process at once. Reads and writes of the flag are signal-safe.
#pragma once

namespace palpa::platform {

// Installs the handlers (idempotent). Blocking reads (a terminal quiz's prompt) return early
// on the first signal: the handler does not restart them.
void installStopHandlers();
// Whether a stop was asked for.
bool stopRequested();
// The signal that asked for it (SIGINT, SIGTERM), 0 when none.
int stopSignal();
// The documented exit status after a clean stop: 128 + the signal (130 for Ctrl-C, 143 for
// SIGTERM); 0 when none was asked for.
int stopExitStatus();
// Tests only: forget a stop.
void clearStop();

}  // namespace palpa::platform
