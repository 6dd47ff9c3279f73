/*
 * voice_clips.h - the sound of a call: clip folder checks, chime, assembly.
 *
 * A clip folder holds one WAV file per clip of voice_plan.h, named after the
 * clip ("th/digit_1" -> DIR/th/digit_1.wav): RIFF, PCM, 16-bit, mono or
 * stereo. Clips are looked for in two folders: the office's recordings first,
 * then the set the build synthesized with espeak-ng, so a recorded clip
 * replaces its synthesized one clip by clip. This module
 *   - parses WAV headers itself (voice_wav_parse, from memory: fuzzable) and
 *     checks a folder for missing or badly made clips (voice_clips_check,
 *     for `saduak-kiosk voice --check DIR`);
 *   - synthesizes a ding-dong chime, so a fresh install always makes a sound
 *     (DIR/chime.wav replaces it when present);
 *   - joins the clips of a struct voice_plan into one mono 16-bit buffer at
 *     the output rate, converting any clip of another rate or channel count
 *     with SDL_AudioCVT (no audio device needed), and scales the volume.
 *     A missing or broken clip is skipped with one log_warn line per call: a
 *     call is never silent and never fails because of the folder.
 *
 * Ownership: struct voice_pcm owns its samples (voice_pcm_release frees
 * them). struct voice_clips caches each clip after its first successful load;
 * it owns the cache and is freed with voice_clips_destroy.
 *
 * Threading: a struct voice_clips belongs to one thread (the board's SDL
 * loop). The free functions are thread-safe.
 */
#ifndef SADUAK_VOICE_CLIPS_H
#define SADUAK_VOICE_CLIPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "voice_plan.h"

#define VOICE_RATE_MIN      8000
#define VOICE_RATE_MAX      96000
#define VOICE_CHIME_MS      1500        /* length of the synthesized chime */
#define VOICE_WAV_MAX_BYTES (16L << 20) /* larger files are refused: 3 min at 44.1 kHz stereo */

/* A mono 16-bit buffer. samples is malloc'd and owned by whoever holds it. */
struct voice_pcm {
	int16_t *samples;
	size_t n; /* samples; mono, so also frames */
	int rate; /* Hz */
};

/* What is wrong with one clip file; VOICE_WAV_OK when nothing is. */
enum voice_wav_problem {
	VOICE_WAV_OK,
	VOICE_WAV_MISSING,    /* no such file */
	VOICE_WAV_UNREADABLE, /* exists but cannot be read, or too large */
	VOICE_WAV_NOT_WAV,    /* no RIFF/WAVE header, or chunks make no sense */
	VOICE_WAV_NOT_PCM,    /* compressed or floating point */
	VOICE_WAV_BAD_FORMAT, /* PCM but not 16-bit, or not mono/stereo */
	VOICE_WAV_TRUNCATED,  /* the file ends before its data does */
	VOICE_WAV_WRONG_RATE, /* valid, but not at the configured rate */
};

/* A parsed WAV: fields describe the data, which points into the parsed bytes. */
struct voice_wav {
	int rate;
	int channels;
	int bits;
	const uint8_t *data; /* little-endian interleaved samples, not owned */
	size_t frames;
};

/* One problem found by voice_clips_check. */
struct voice_check_item {
	enum voice_clip clip;
	enum voice_wav_problem problem;
	char msg[384]; /* "clip 'th/digit_3' missing in '/srv/voice'" */
};

/* The outcome of voice_clips_check: a plain struct (about 40 KiB). */
struct voice_check {
	size_t n_checked;     /* clips looked for */
	size_t n_recorded;    /* of those, found in the office's folder */
	size_t n_synthesized; /* found only in the synthesized set */
	size_t n_problems;    /* entries used in problems */
	struct voice_check_item problems[VC_COUNT];
};

/* Options of voice_clips_assemble. */
struct voice_assemble_options {
	int volume_percent; /* 0..200; above 100 amplifies, clipping at full scale */
	/*
	 * false (default): a missing clip is left out and the rest is played.
	 * true: if any clip is missing, play the chime alone rather than half
	 * a call (hardware.md's "falls back to the chime alone").
	 */
	bool chime_only_if_incomplete;
};

struct voice_clips;

/* A short lowercase name of problem: "missing", "truncated". Static. */
const char *voice_wav_problem_name(enum voice_wav_problem problem);

/*
 * Parse the WAV file in data[0..size). SQ_OK fills *out (which points into
 * data); otherwise returns SQ_ERR_INVALID, sets *problem (if not NULL) and
 * err to what is wrong ("truncated: data chunk of 3000 bytes, 1000 present").
 */
int voice_wav_parse(const void *data, size_t size, struct voice_wav *out,
                    enum voice_wav_problem *problem, struct sq_error *err);

/*
 * Read and parse the WAV file at path, converted to mono 16-bit at rate (0 =
 * keep the file's rate). SQ_OK fills *out, which the caller releases with
 * voice_pcm_release. On failure *out is empty, *problem (if not NULL) says
 * why, and the code is SQ_ERR_NOTFOUND (no file), SQ_ERR_IO, SQ_ERR_INVALID
 * or SQ_ERR_NOMEM.
 */
int voice_wav_load(const char *path, int rate, struct voice_pcm *out,
                   enum voice_wav_problem *problem, struct sq_error *err);

/* Write pcm to path as a mono 16-bit PCM WAV file: SQ_OK or SQ_ERR_IO. */
int voice_pcm_write_wav(const struct voice_pcm *pcm, const char *path, struct sq_error *err);

/* Free pcm's samples and empty it. NULL is a no-op. */
void voice_pcm_release(struct voice_pcm *pcm);

/*
 * Synthesize the ding-dong chime: VOICE_CHIME_MS of mono 16-bit at rate.
 * SQ_OK fills *out (release with voice_pcm_release); SQ_ERR_INVALID for a
 * rate out of VOICE_RATE_MIN..MAX, SQ_ERR_NOMEM.
 */
int voice_chime_synth(int rate, struct voice_pcm *out, struct sq_error *err);

/*
 * Check that the office's folder dir, over the synthesized set synth_dir,
 * holds every clip the chosen languages need, each a 16-bit PCM WAV at rate
 * Hz. Either folder may be NULL; a synth_dir that does not exist is taken as
 * empty. A clip in dir is used (and checked) even when synth_dir has it too.
 * Fills *out with every problem found (an optional clip is only a problem
 * when present and broken). Returns SQ_OK when there is none;
 * SQ_ERR_NOTFOUND when dir does not exist (err: "clip folder '/x' missing");
 * SQ_ERR_INVALID when any clip has a problem (err: the first one and how many
 * more) or both folders are NULL; SQ_ERR_NOMEM.
 */
int voice_clips_check(const char *dir, const char *synth_dir, int rate, bool thai, bool english,
                      struct voice_check *out, struct sq_error *err);

/*
 * Make a clip set reading from the office's folder dir, and for a clip it
 * lacks (or holds broken) from the synthesized set synth_dir, at output rate
 * Hz. Both NULL: the chime alone. Files are read when first needed, so a
 * missing folder is not an error here (voice_clips_check reports it). SQ_OK
 * sets *out, freed with voice_clips_destroy; SQ_ERR_INVALID for a bad rate,
 * SQ_ERR_NOMEM; *out is NULL on failure.
 */
int voice_clips_create(const char *dir, const char *synth_dir, int rate, struct voice_clips **out,
                       struct sq_error *err);

/* Free vc and its cached clips. NULL is a no-op. */
void voice_clips_destroy(struct voice_clips *vc);

/* The output rate of vc in Hz. */
int voice_clips_rate(const struct voice_clips *vc);

/*
 * Join the clips of plan into *out (mono 16-bit at vc's rate), scaled by the
 * volume; opt NULL means 100 % and skip missing clips. Missing or broken clips
 * are left out with one log_warn line; the result may be empty (n == 0) if
 * nothing in the plan could be loaded. SQ_OK, or SQ_ERR_INVALID (bad volume),
 * SQ_ERR_NOMEM with *out empty. Release *out with voice_pcm_release.
 */
int voice_clips_assemble(struct voice_clips *vc, const struct voice_plan *plan,
                         const struct voice_assemble_options *opt, struct voice_pcm *out,
                         struct sq_error *err);

#endif
