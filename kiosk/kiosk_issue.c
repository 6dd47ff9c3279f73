#include "kiosk_issue.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "clock.h"
#include "kiosk.h"
#include "log.h"

#include "thaitime.h"

int
kiosk_issue(struct store *store, const struct config *cfg, const char *service,
            const char *priority, bool out_of_hours, int64_t now_ms, struct store_ticket *out,
            struct sq_error *err)
{
	const struct config_service *svc = config_service_find(cfg, service);
	struct service_hours_state hours;
	struct local_time lt;

	if (!svc)
		return sq_error_set(err, SQ_ERR_NOTFOUND, "no service '%s' in %s", service,
		                    cfg->path);
	thaitime_local(now_ms, &lt);
	config_service_hours(svc, &lt, &hours);
	if (!hours.open && !out_of_hours) {
		if (hours.next_open_in_minutes < 0)
			return sq_error_set(err, SQ_ERR_STATE, "service %s is closed", service);
		return sq_error_set(err, SQ_ERR_STATE,
		                    "service %s is closed now; it opens %s %02d:%02d", service,
		                    thaitime_weekday_en(hours.next_open_weekday),
		                    hours.next_open_minute / 60, hours.next_open_minute % 60);
	}
	return store_issue(store, cfg, service, priority, out, err);
}

/* The services of cfg as "A, B, C", for a line naming the valid ones. */
static void
service_list(const struct config *cfg, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < cfg->n_services && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", i ? ", " : "",
		                        cfg->services[i].id);
}

int
kiosk_issue_command(struct config *cfg, const struct kiosk_args *args)
{
	struct store *store = NULL;
	struct store_ticket t;
	struct sq_error err = {0};
	char service[CONFIG_ID_LEN];
	int status;

	if (args->argc != 1) {
		log_error("'issue' takes one SERVICE (a ticket letter such as A)");
		return CLI_EXIT_USAGE;
	}
	/* A ticket prefix is capital letters, as printed: "a" means A. */
	snprintf(service, sizeof(service), "%s", args->argv[0]);
	for (char *p = service; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	/* Check the input before the database is even opened: bad input writes nothing. */
	if (strlen(args->argv[0]) >= sizeof(service) || !config_service_find(cfg, service)) {
		char valid[CONFIG_MAX_SERVICES * 4];

		service_list(cfg, valid, sizeof(valid));
		log_error("no service '%s' in %s (the services are %s)", args->argv[0], cfg->path,
		          valid);
		return CLI_EXIT_USAGE;
	}
	if (args->priority && !config_priority_find(cfg, args->priority)) {
		log_error("no priority class '%s' in %s", args->priority, cfg->path);
		return CLI_EXIT_USAGE;
	}
	if ((status = cli_open_store(cfg, STORE_CHECK_QUICK, &store)) != CLI_EXIT_OK)
		return status;
	if (kiosk_issue(store, cfg, service, args->priority, args->out_of_hours, clock_now_ms(), &t,
	                &err) == SQ_OK) {
		printf("%s\n", t.code);
		status = fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_UNAVAILABLE;
	} else {
		status = cli_fail(&err);
	}
	store_close(store);
	return status;
}
