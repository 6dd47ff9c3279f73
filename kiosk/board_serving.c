#include "board_serving.h"

bool
board_serving_keeps(int counter, enum ticket_state state, int held_by, int64_t state_ms,
                    int64_t now_ms)
{
	bool at_counter = (state == TICKET_CALLED || state == TICKET_SERVING) && held_by == counter;

	return at_counter || now_ms - state_ms < BOARD_SERVING_LINGER_MS;
}
