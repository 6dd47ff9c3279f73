/*
 * kiosk_voice.c - saduak-kiosk voice: the clips an office records.
 *
 *   saduak-kiosk voice --list              every clip: file, words to read, note
 *   saduak-kiosk voice --check DIR         what is missing or badly made in DIR
 *                                          (a clip DIR lacks may come from the
 *                                          synthesized set)
 *   saduak-kiosk voice --render FILE.wav CODE COUNTER
 *                                          the call as the board plays it
 *
 * --check and --render follow the [voice] section (rate, languages, number
 * styles, volume) when a config file is found; --list needs none.
 */
#include <stdio.h>
#include <stdlib.h>

#include "board_sound.h"
#include "cli.h"
#include "kiosk.h"
#include "log.h"
#include "voice_clips.h"
#include "voice_config.h"
#include "voice_plan.h"

/* The whole phrase table: clip, the exact words, a note for the speaker. */
static int
voice_list(void)
{
	const struct voice_phrase *ph = voice_phrases();

	for (int c = 0; c < VC_COUNT; c++) {
		printf("%-18s %s", ph[c].clip, ph[c].text ? ph[c].text : "(chime)");
		if (ph[c].hint)
			printf("   (%s)", ph[c].hint);
		printf("\n");
	}
	return fflush(stdout) == 0 ? CLI_EXIT_OK : CLI_EXIT_UNAVAILABLE;
}

/* Every problem of the clips in dir, one a line; "ok" when there is none. */
static int
voice_check(const struct voice_config *vc, const char *dir)
{
	struct voice_check *check = malloc(sizeof(*check));
	struct sq_error err = {0};
	int rc, status;

	if (!check) {
		log_error("out of memory checking '%s'", dir);
		return CLI_EXIT_UNAVAILABLE;
	}
	rc = voice_clips_check(dir, vc->synth_dir, vc->rate, vc->thai, vc->english, check, &err);
	if (rc == SQ_OK) {
		printf(
		    "ok: %zu clips, %zu recorded in '%s', %zu synthesized from '%s' (%d hz%s%s)\n",
		    check->n_checked, check->n_recorded, dir, check->n_synthesized, vc->synth_dir,
		    vc->rate, vc->thai ? ", thai" : "", vc->english ? ", english" : "");
		status = CLI_EXIT_OK;
	} else if (rc == SQ_ERR_INVALID && check->n_problems) {
		for (size_t i = 0; i < check->n_problems; i++)
			printf("%s: %s\n", voice_wav_problem_name(check->problems[i].problem),
			       check->problems[i].msg);
		printf("%zu of %zu clips need attention\n", check->n_problems, check->n_checked);
		status = CLI_EXIT_USAGE;
	} else {
		printf("%s\n", err.msg);
		status = CLI_EXIT_USAGE;
	}
	free(check);
	if (fflush(stdout) != 0)
		status = CLI_EXIT_UNAVAILABLE;
	return status;
}

/* Write the announcement of code at counter to path, as the board would play it. */
static int
voice_render(const struct voice_config *vc, const char *path, const char *code,
             const char *counter_text)
{
	struct voice_clips *clips = NULL;
	struct voice_pcm pcm = {0};
	struct sq_error err = {0};
	char *end;
	long counter = strtol(counter_text, &end, 10);
	int status = CLI_EXIT_OK;

	if (*end || counter < 1 || counter > VOICE_COUNTER_MAX) {
		log_error("counter '%s' is not a number from 1 to %d", counter_text,
		          VOICE_COUNTER_MAX);
		return CLI_EXIT_USAGE;
	}
	if (voice_clips_create(vc->dir, vc->synth_dir, vc->rate, &clips, &err) ||
	    board_sound_assemble(clips, vc, code, (int)counter, &pcm, &err) ||
	    voice_pcm_write_wav(&pcm, path, &err)) {
		log_error("%s", err.msg);
		status = cli_exit_code(err.code);
	} else {
		printf("%s: %zu samples at %d hz\n", path, pcm.n, pcm.rate);
	}
	voice_pcm_release(&pcm);
	voice_clips_destroy(clips);
	return status;
}

int
kiosk_voice_command(struct config *cfg, const struct kiosk_args *args)
{
	struct voice_config vc = {0};
	struct sq_error err = {0};
	int status, modes = args->voice_list + !!args->voice_check + !!args->voice_render;

	if (modes != 1 || (args->voice_render ? args->argc != 2 : args->argc != 0)) {
		log_error(
		    "'voice' takes one of --list, --check DIR, --render FILE.wav CODE COUNTER");
		return CLI_EXIT_USAGE;
	}
	if (args->voice_list)
		return voice_list();
	if (voice_config_parse(cfg, &vc, &err)) {
		log_error("%s", err.msg);
		return CLI_EXIT_USAGE;
	}
	if (args->voice_check)
		status = voice_check(&vc, args->voice_check);
	else
		status = voice_render(&vc, args->voice_render, args->argv[0], args->argv[1]);
	voice_config_release(&vc);
	return status;
}
