/*
 * board_serving.h - which counters' last calls the board's "now serving"
 * list keeps, pure: no I/O, no clock.
 *
 * A call stays while its ticket is at the counter (called or in service).
 * Once the ticket has left the counter (finished, no-show, parked,
 * transferred, voided) it stays BOARD_SERVING_LINGER_MS more, so a citizen
 * who looks up just after a call still finds it, then drops off: a list of
 * tickets finished long ago would tell the waiting room nothing.
 */
#ifndef SADUAK_BOARD_SERVING_H
#define SADUAK_BOARD_SERVING_H

#include <stdbool.h>
#include <stdint.h>

#include "queue.h"

#define BOARD_SERVING_LINGER_MS (3 * 60 * 1000)

/*
 * Whether the board still lists a call to counter whose ticket is now in
 * state since state_ms, held by held_by (0: no counter), at now_ms.
 */
bool board_serving_keeps(int counter, enum ticket_state state, int held_by, int64_t state_ms,
                         int64_t now_ms);

#endif
