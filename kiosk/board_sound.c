/*
 * board_sound.c - announcements on an SDL audio device in queue mode.
 */
#include "board_sound.h"

#include <dlfcn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <SDL2/SDL.h>

#include "log.h"

/* Samples per device buffer: about 23 ms at 22050 Hz, so a call starts quickly. */
#define DEVICE_SAMPLES 512

struct board_sound {
	const struct voice_config *vc; /* not owned */
	struct voice_clips *clips;
	SDL_AudioDeviceID dev; /* 0: sound is off */
	bool audio_init;       /* SDL_INIT_AUDIO succeeded and must be quit */
	void *alsa;            /* our reference to libasound (quiet_alsa), or NULL */
};

/* snd_lib_error_handler_t of <alsa/error.h>: libasound is no build dependency. */
typedef void (*alsa_error_handler)(const char *file, int line, const char *function, int err,
                                   const char *fmt, ...);

/* libasound's messages, to the debug log rather than bare on stderr. */
static void alsa_to_debug_log(const char *file, int line, const char *function, int err,
                              const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
alsa_to_debug_log(const char *file, int line, const char *function, int err, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	log_debug("voice: alsa %s:%d (%s): %s (error %d)", file, line, function, msg, err);
}

/*
 * Without a sound card, libasound prints "ALSA lib ..." lines on stderr
 * while SDL probes it, noise beside our one line saying sound is off. SDL
 * loads libasound at run time; load it first (the same copy) and hand it
 * a handler that sends them to the debug log. Without libasound there is
 * nothing to quiet.
 */
static void *
quiet_alsa(void)
{
	void *lib = dlopen("libasound.so.2", RTLD_NOW | RTLD_LOCAL);
	int (*set_handler)(alsa_error_handler);

	if (!lib)
		return NULL;
	*(void **)&set_handler = dlsym(lib, "snd_lib_error_set_handler");
	if (set_handler)
		set_handler(alsa_to_debug_log);
	return lib;
}

/* Log what the clips lack, once at start, so the office can fix it. */
static void
check_folder(const struct voice_config *vc)
{
	struct voice_check *check;
	struct sq_error err = {0};
	int rc;

	check = malloc(sizeof(*check));
	if (!check) {
		log_warn("voice: out of memory checking the clips");
		return;
	}
	rc =
	    voice_clips_check(vc->dir, vc->synth_dir, vc->rate, vc->thai, vc->english, check, &err);
	if (rc == SQ_ERR_NOTFOUND)
		log_warn("voice: %s: calls play the synthesized clips and the chime", err.msg);
	else if (rc == SQ_ERR_INVALID && !vc->dir && check->n_problems == check->n_checked)
		log_info("voice: no clip folder configured and no synthesized clips in '%s': "
		         "calls play the chime alone",
		         vc->synth_dir);
	else if (rc == SQ_ERR_INVALID && check->n_problems)
		log_warn("voice: %zu of %zu clips missing or unusable (saduak-kiosk voice --check "
		         "'%s' lists them); first: %s",
		         check->n_problems, check->n_checked, vc->dir ? vc->dir : vc->synth_dir,
		         check->problems[0].msg);
	else if (rc)
		log_warn("voice: %s", err.msg);
	else
		log_info("voice: %zu clips ok, %zu recorded in '%s', %zu synthesized from '%s'",
		         check->n_checked, check->n_recorded, vc->dir ? vc->dir : "(none)",
		         check->n_synthesized, vc->synth_dir);
	free(check);
}

/* Open the default output device; on failure log once that sound is off. */
static void
open_device(struct board_sound *s)
{
	SDL_AudioSpec want, have;

	s->alsa = quiet_alsa();
	if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
		log_warn("voice: sound is off (no audio driver: %s); calls are still shown",
		         SDL_GetError());
		return;
	}
	s->audio_init = true;
	SDL_zero(want);
	want.freq = s->vc->rate;
	want.format = AUDIO_S16SYS;
	want.channels = 1;
	want.samples = DEVICE_SAMPLES;
	want.callback = NULL; /* queue mode: SDL_QueueAudio */
	s->dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
	if (!s->dev) {
		log_warn("voice: sound is off (no audio device: %s); calls are still shown",
		         SDL_GetError());
		return;
	}
	SDL_PauseAudioDevice(s->dev, 0);
	log_info("voice: sound on '%s' at %d hz", SDL_GetCurrentAudioDriver(), want.freq);
}

int
board_sound_create(const struct voice_config *vc, struct board_sound **out, struct sq_error *err)
{
	struct board_sound *s;
	int rc;

	*out = NULL;
	s = calloc(1, sizeof(*s));
	if (!s)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory for the sound");
	s->vc = vc;
	if ((rc = voice_clips_create(vc->dir, vc->synth_dir, vc->rate, &s->clips, err))) {
		free(s);
		return rc;
	}
	check_folder(vc);
	open_device(s);
	*out = s;
	return SQ_OK;
}

void
board_sound_destroy(struct board_sound *s)
{
	if (!s)
		return;
	if (s->dev)
		SDL_CloseAudioDevice(s->dev);
	if (s->audio_init)
		SDL_QuitSubSystem(SDL_INIT_AUDIO);
	if (s->alsa)
		dlclose(s->alsa);
	voice_clips_destroy(s->clips);
	free(s);
}

bool
board_sound_on(const struct board_sound *s)
{
	return s && s->dev != 0;
}

bool
board_sound_busy(const struct board_sound *s)
{
	return s && s->dev && SDL_GetQueuedAudioSize(s->dev) > 0;
}

int
board_sound_assemble(struct voice_clips *clips, const struct voice_config *vc, const char *code,
                     int counter, struct voice_pcm *out, struct sq_error *err)
{
	struct voice_plan_options opt;
	struct voice_assemble_options aopt = {
	    .volume_percent = vc->volume_percent,
	    .chime_only_if_incomplete = vc->chime_if_incomplete,
	};
	struct voice_plan plan;
	int rc;

	*out = (struct voice_pcm){0};
	voice_config_plan_options(vc, &opt);
	if ((rc = voice_plan_build(code, counter, &opt, &plan, err)))
		return rc;
	return voice_clips_assemble(clips, &plan, &aopt, out, err);
}

int
board_sound_play(struct board_sound *s, const char *code, int counter, int *ms,
                 struct sq_error *err)
{
	struct voice_pcm pcm;
	int rc;

	if (ms)
		*ms = 0;
	if (!s->dev)
		return SQ_OK;
	if ((rc = board_sound_assemble(s->clips, s->vc, code, counter, &pcm, err)))
		return rc;
	if (pcm.n && SDL_QueueAudio(s->dev, pcm.samples, (Uint32)(pcm.n * sizeof(int16_t))) != 0)
		rc = sq_error_set(err, SQ_ERR_IO, "unable to play a call: %s", SDL_GetError());
	if (ms && pcm.rate)
		*ms = (int)(pcm.n * 1000 / (size_t)pcm.rate);
	voice_pcm_release(&pcm);
	return rc;
}
