/*
 * service.c - sd_notify() readiness, watchdog and stop messages; see service.h.
 */
#include "service.h"

#include <stdlib.h>
#include <systemd/sd-daemon.h>
#include <unistd.h>

#include "clock.h"
#include "error.h"
#include "log.h"

/* When the last WATCHDOG=1 went out (monotonic ms), 0 before the first. */
static int64_t service_last_kick_ms;

/* Send one notification; sd_notify returns 0 when NOTIFY_SOCKET is unset. */
static int
service_notify(const char *message)
{
	int rc = sd_notify(0, message);

	if (rc < 0) {
		log_warn("unable to notify systemd ('%s'): error %d", message, -rc);
		return SQ_ERR_IO;
	}
	return SQ_OK;
}

int
service_ready(const char *status)
{
	int rc;

	if (status && *status)
		rc = sd_notifyf(0, "READY=1\nSTATUS=%s", status);
	else
		rc = sd_notify(0, "READY=1");
	if (rc < 0) {
		log_warn("unable to notify systemd of readiness: error %d", -rc);
		return SQ_ERR_IO;
	}
	return SQ_OK;
}

int64_t
service_watchdog_interval_ms(void)
{
	const char *usec_text = getenv("WATCHDOG_USEC");
	const char *pid_text = getenv("WATCHDOG_PID");
	char *end;

	/*
	 * Not sd_watchdog_enabled(): it insists that WATCHDOG_PID is this
	 * process, but a screen runs as the child of its compositor (cage), the
	 * unit's main process, and kicks on its behalf (NotifyAccess=all).
	 */
	if (!usec_text || !*usec_text)
		return 0;
	if (pid_text && *pid_text) {
		long long pid = strtoll(pid_text, &end, 10);
		if (*end || (pid != (long long)getpid() && pid != (long long)getppid()))
			return 0;
	}
	unsigned long long usec = strtoull(usec_text, &end, 10);
	if (*end || usec == 0)
		return 0;
	return (int64_t)(usec / 1000);
}

int
service_watchdog_kick(void)
{
	static int64_t interval_ms = -1;
	int64_t now = clock_monotonic_ms();

	/* The interval does not change during a run: ask once. */
	if (interval_ms < 0)
		interval_ms = service_watchdog_interval_ms();
	if (interval_ms == 0)
		return SQ_OK;
	if (service_last_kick_ms != 0 && now - service_last_kick_ms < interval_ms / 3)
		return SQ_OK;
	service_last_kick_ms = now;
	return service_notify("WATCHDOG=1");
}

int
service_stopping(void)
{
	return service_notify("STOPPING=1");
}
