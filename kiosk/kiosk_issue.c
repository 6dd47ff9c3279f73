#include "kiosk_issue.h"

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
	return store_issue(store, cfg, service, priority, now_ms, out, err);
}
