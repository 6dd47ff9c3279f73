/*
 * service.h - telling systemd how a long-running program is doing.
 *
 * The screens run as Type=notify units with WatchdogSec= (systemd/). Once a
 * screen has opened its window, its database and its fonts it calls
 * service_ready(); its main loop calls service_watchdog_kick() on every turn
 * (cheap: the message is sent at most every third of the watchdog interval),
 * so a loop that hangs is restarted by systemd. service_stopping() says a
 * clean shutdown has begun. All of them wrap libsystemd's sd_notify() and do
 * nothing when the program was not started by systemd (NOTIFY_SOCKET unset),
 * so the same binary runs from a shell, the demo and the tests.
 *
 * Threading: call from the main thread only (the rate limit keeps static state).
 */
#ifndef SADUAK_SERVICE_H
#define SADUAK_SERVICE_H

#include <stdbool.h>
#include <stdint.h>

/*
 * Tell systemd the program is ready (READY=1) with a one-line status shown by
 * `systemctl status` (NULL for none). Returns SQ_OK, also when not under
 * systemd; SQ_ERR_IO when the notification socket refused the message.
 */
int service_ready(const char *status);

/*
 * Tell the watchdog the main loop is alive (WATCHDOG=1), at most every third
 * of WatchdogSec; a no-op without a watchdog. Returns SQ_OK or SQ_ERR_IO.
 */
int service_watchdog_kick(void);

/* Say a clean stop has begun (STOPPING=1). Returns SQ_OK or SQ_ERR_IO. */
int service_stopping(void);

/*
 * The watchdog interval systemd asked for, in milliseconds, or 0 when there
 * is no watchdog for this process. WATCHDOG_PID may name this process or its
 * parent (a screen runs as the child of cage, the unit's main process). A
 * loop may use it to bound its sleeps.
 */
int64_t service_watchdog_interval_ms(void);

#endif
