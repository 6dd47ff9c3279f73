/*
 * bench_kiosk - the entrance kiosk's three figures against their targets:
 *
 *   touch to ticket on screen   the take-ticket tap, the durable issue and
 *                               the drawing of the ticket screen (the real
 *                               handlers of kiosk_ticket.c), plus the worst
 *                               wait for the loop's next tick     < 100 ms
 *   ticket bitmap render+encode ticket_render() + ticket_encode_escpos()
 *                               of a full bilingual ticket          < 20 ms
 *   bytes per ticket            ESC/POS bytes at 384 and 576 dots   < 30 KB
 *
 *   bench_kiosk [CONFIG] [ROUNDS]
 *
 * CONFIG defaults to config/demo.ini of the source tree; its database is
 * replaced by a temporary one and every service is opened for the run. The
 * screen needs a display: without $DISPLAY, SDL's offscreen driver is used.
 * Prints figures and PASS or MISS; never fails a build.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "config.h"
#include "kiosk.h"
#include "printer.h"
#include "screen_log.h"
#include "store.h"
#include "ticket_layout.h"
#include "ticket_render.h"
#include "ui.h"
#include "thaitime.h"

#define TICK_WAIT_MS 25 /* kiosk_ticket.c's TICK_MS: the longest a tap waits for the tick */

/* For qsort: ascending doubles. */
static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Median and maximum of n values (sorted in place). */
static void
stats(double *v, int n, double *median, double *max)
{
	qsort(v, (size_t)n, sizeof(v[0]), cmp_double);
	*median = v[n / 2];
	*max = v[n - 1];
}

/* One figure line with its verdict. */
static void
report(const char *what, double value, const char *unit, double target)
{
	printf("%-44s %9.2f %-3s (target < %g %s) %s\n", what, value, unit, target, unit,
	       value < target ? "PASS" : "MISS");
}

/* Write the config with a temporary database and every service open all day. */
static int
make_config(const char *src_path, const char *dir, char *out, size_t n)
{
	char line[4096];
	FILE *in = fopen(src_path, "r"), *fp;

	snprintf(out, n, "%s/bench.ini", dir);
	fp = fopen(out, "w");
	if (!in || !fp) {
		if (in)
			fclose(in);
		if (fp)
			fclose(fp);
		return -1;
	}
	while (fgets(line, sizeof(line), in)) {
		if (strncmp(line, "database =", 10) == 0)
			fprintf(fp, "database = %s/queue.db\n", dir);
		else if (strncmp(line, "hours =", 7) == 0)
			fprintf(fp, "hours = daily 00:00-24:00\n");
		else if (strncmp(line, "extended_hours", 14) != 0)
			fputs(line, fp);
	}
	fclose(in);
	return fclose(fp) == 0 ? 0 : -1;
}

/* Tap the centre of r. */
static void
tap(const struct ui_handlers *h, struct ui *ui, struct box r)
{
	h->tap(h->ctx, ui, r.x + r.w / 2, r.y + r.h / 2);
}

/* The touch-to-ticket latency over rounds fresh ticket screens; median in *ms. */
static int
bench_latency(struct config *cfg, int rounds, double *median, double *max)
{
	struct printer_settings ps = {.kind = PRINTER_NONE};
	const struct ui_options opt = {.title = "bench", .width = 1280, .height = 800};
	struct printer *printer = NULL;
	struct screen_log log = {0};
	struct ui *ui = NULL;
	struct sq_error err = {0};
	double *ms = calloc((size_t)rounds, sizeof(double));
	int w, h, rc = -1;

	if (!ms || screen_log_open(&log, cfg, STORE_CHECK_QUICK) != 0 || !screen_log_up(&log)) {
		fprintf(stderr, "bench_kiosk: cannot open '%s'\n", cfg->database);
		goto out;
	}
	if (printer_open(&ps, &printer, &err) || ui_create(&opt, &ui, &err)) {
		fprintf(stderr, "bench_kiosk: %s\n", err.msg);
		goto out;
	}
	ui_size(ui, &w, &h);
	for (int i = 0; i < rounds; i++) {
		struct kiosk_ticket *k = NULL;
		struct ui_handlers hd;
		struct tl_home home;
		struct tl_advice adv;
		int64_t t0;

		if (kiosk_ticket_create(cfg, &log, printer, &k, &err) != SQ_OK) {
			fprintf(stderr, "bench_kiosk: %s\n", err.msg);
			goto out;
		}
		kiosk_ticket_handlers(k, &hd);
		tl_home(w, h, false, cfg->n_services, kiosk_ticket_offers_booking(k), &home);
		tl_advice(w, h, false, &adv);
		hd.draw(hd.ctx, ui);
		tap(&hd, ui, home.services[i % cfg->n_services]);
		hd.draw(hd.ctx, ui);
		clock_sleep_ms(400); /* the advice screen ignores taps for a moment */
		t0 = clock_monotonic_us();
		tap(&hd, ui, adv.take);
		hd.tick(hd.ctx, ui, clock_now_ms()); /* the issue */
		hd.draw(hd.ctx, ui);                 /* the ticket screen */
		ms[i] = (double)(clock_monotonic_us() - t0) / 1000.0;
		if (kiosk_ticket_last_latency_us(k) == 0) {
			fprintf(stderr, "bench_kiosk: round %d issued no ticket\n", i);
			kiosk_ticket_destroy(k);
			goto out;
		}
		kiosk_ticket_destroy(k);
	}
	stats(ms, rounds, median, max);
	rc = 0;
out:
	free(ms);
	ui_destroy(ui);
	screen_log_close(&log);
	printer_close(printer);
	return rc;
}

/* Render + encode time and bytes of a full ticket at width. */
static int
bench_ticket(struct text_engine *eng, int width, int rounds, double *median, size_t *bytes)
{
	const struct ticket_print t = {
	    .office_th = "สำนักงานคลังจังหวัดตัวอย่าง",
	    .office_en = "Example Provincial Treasury Office",
	    .service_th = "บำเหน็จบำนาญและสวัสดิการ",
	    .service_en = "Pensions and civil-servant welfare",
	    .code = "A012",
	    .priority_th = "ผู้สูงอายุ",
	    .priority_en = "Elderly",
	    .issued_ms = clock_now_ms(),
	    .people_ahead = 7,
	    .wait =
	        &(const struct estimate){
	            .kind = ESTIMATE_MINUTES, .minutes = 35, .low = 35, .high = 35},
	    .counters_th = "ช่อง 2, 3 ชั้น 1",
	    .counters_en = "Counters 2, 3 — Floor 1",
	    .url_template = "https://q.example-treasury.go.th/t/{ref}",
	    .ref = "20261124-A012",
	    .phone = "0 5321 1234",
	    .channels_th = "LINE @treasury-example, www.example-treasury.go.th",
	    .channels_en = "LINE @treasury-example, www.example-treasury.go.th",
	    .note_th = "เอกสารที่ต้องนำมา: บัตรประจำตัวประชาชน, ทะเบียนบ้าน, สมุดบัญชีเงินฝากธนาคาร",
	    .note_en = "Bring: National ID card, House registration, Bank book",
	};
	double *ms = calloc((size_t)rounds, sizeof(double));
	double max;

	if (!ms)
		return -1;
	for (int i = 0; i < rounds; i++) {
		struct escpos_buf buf = ESCPOS_BUF_INIT;
		struct bitmap *bm = NULL;
		struct sq_error err = {0};
		int64_t t0 = clock_monotonic_us();

		if (ticket_render(eng, &t, width, &bm, &err) != SQ_OK ||
		    ticket_encode_escpos(bm, true, &buf) != SQ_OK) {
			fprintf(stderr, "bench_kiosk: %s\n", err.msg);
			bitmap_destroy(bm);
			free(ms);
			return -1;
		}
		ms[i] = (double)(clock_monotonic_us() - t0) / 1000.0;
		*bytes = buf.len;
		escpos_buf_release(&buf);
		bitmap_destroy(bm);
	}
	stats(ms, rounds, median, &max);
	free(ms);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *src = getenv("SADUAK_SOURCE_DIR");
	char demo[1024], dir[] = "/tmp/saduak-bench-kiosk-XXXXXX", path[1200], cmd[1300];
	int rounds = argc > 2 ? atoi(argv[2]) : 20;
	struct config *cfg = NULL;
	struct text_engine *eng = NULL;
	struct sq_error err = {0};
	double lat_med = 0, lat_max = 0;
	int rc = 1;

	if (rounds < 3)
		rounds = 3;
	snprintf(demo, sizeof(demo), "%s", argc > 1 ? argv[1] : "");
	if (!*demo)
		snprintf(demo, sizeof(demo), "%s/config/demo.ini", src ? src : SADUAK_SOURCE);
	if (!getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY") && !getenv("SDL_VIDEODRIVER"))
		setenv("SDL_VIDEODRIVER", "offscreen", 1);
	if (!mkdtemp(dir) || make_config(demo, dir, path, sizeof(path)) != 0 ||
	    config_load(path, &cfg, &err) != SQ_OK ||
	    thaitime_set_zone(cfg->timezone, &err) != SQ_OK) {
		fprintf(stderr, "bench_kiosk: %s\n", *err.msg ? err.msg : "unable to set up");
		goto out;
	}
	printf("bench_kiosk: %d rounds, config %s, video %s\n", rounds, demo,
	       getenv("SDL_VIDEODRIVER") ? getenv("SDL_VIDEODRIVER") : "default");
	if (bench_latency(cfg, rounds, &lat_med, &lat_max) != 0)
		goto out;
	printf("touch to ticket on screen: median %.1f ms, max %.1f ms (issue + draw), plus up to "
	       "%d ms for the loop's tick\n",
	       lat_med, lat_max, TICK_WAIT_MS);
	report("touch to ticket on screen, worst (max+tick)", lat_max + TICK_WAIT_MS, "ms", 100);
	if (text_engine_create(NULL, &eng, &err) != SQ_OK) {
		fprintf(stderr, "bench_kiosk: %s\n", err.msg);
		goto out;
	}
	for (int width = TICKET_WIDTH_58MM; width <= TICKET_WIDTH_80MM;
	     width += TICKET_WIDTH_80MM - TICKET_WIDTH_58MM) {
		double med;
		size_t bytes = 0;
		char what[64];

		if (bench_ticket(eng, width, rounds, &med, &bytes) != 0)
			goto out;
		snprintf(what, sizeof(what), "ticket render + encode at %d dots (median)", width);
		report(what, med, "ms", 20);
		snprintf(what, sizeof(what), "bytes per ticket at %d dots", width);
		report(what, (double)bytes / 1024.0, "KB", 30);
	}
	rc = 0;
out:
	text_engine_destroy(eng);
	config_free(cfg);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "bench_kiosk: unable to remove %s\n", dir);
	return rc;
}
