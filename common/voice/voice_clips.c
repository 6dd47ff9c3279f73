#include "voice_clips.h"

#include <SDL.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "log.h"

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

struct voice_clips {
	char *dir;       /* the office's recordings, or NULL */
	char *synth_dir; /* the synthesized set, looked in when dir lacks a clip; or NULL */
	int rate;
	struct voice_pcm clips[VC_COUNT]; /* cache, filled on first successful load */
	struct voice_pcm chime;           /* the synthesized chime, made on first use */
};

static const char *const problem_names[] = {
    [VOICE_WAV_OK] = "ok",
    [VOICE_WAV_MISSING] = "missing",
    [VOICE_WAV_UNREADABLE] = "unreadable",
    [VOICE_WAV_NOT_WAV] = "not a wav file",
    [VOICE_WAV_NOT_PCM] = "not pcm",
    [VOICE_WAV_BAD_FORMAT] = "wrong format",
    [VOICE_WAV_TRUNCATED] = "truncated",
    [VOICE_WAV_WRONG_RATE] = "wrong sample rate",
};

const char *
voice_wav_problem_name(enum voice_wav_problem problem)
{
	if ((int)problem < 0 || (size_t)problem >= sizeof(problem_names) / sizeof(problem_names[0]))
		return "unknown";
	return problem_names[problem];
}

static uint32_t
le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static unsigned
le16(const uint8_t *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

/* Record a parse problem: both the kind and the line. */
static int wav_fail(enum voice_wav_problem *problem, enum voice_wav_problem kind,
                    struct sq_error *err, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
wav_fail(enum voice_wav_problem *problem, enum voice_wav_problem kind, struct sq_error *err,
         const char *fmt, ...)
{
	if (problem)
		*problem = kind;
	if (err) {
		va_list ap;

		err->code = SQ_ERR_INVALID;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
	}
	return SQ_ERR_INVALID;
}

/* Check the fmt chunk at body (size bytes of it present): 16-bit PCM, 1-2 channels. */
static int
wav_parse_fmt(const uint8_t *body, size_t csize, struct voice_wav *out,
              enum voice_wav_problem *problem, struct sq_error *err)
{
	unsigned tag;

	if (csize < 16)
		return wav_fail(problem, VOICE_WAV_NOT_WAV, err, "fmt chunk of %zu bytes, need 16",
		                csize);
	tag = le16(body);
	/* WAVE_FORMAT_EXTENSIBLE: the real format is the start of the subformat GUID. */
	if (tag == 0xFFFE) {
		if (csize < 40)
			return wav_fail(problem, VOICE_WAV_NOT_WAV, err,
			                "extensible fmt chunk of %zu bytes, need 40", csize);
		tag = le16(body + 24);
	}
	out->channels = (int)le16(body + 2);
	out->rate = (int)(le32(body + 4) > INT_MAX ? 0 : le32(body + 4));
	out->bits = (int)le16(body + 14);
	if (tag != 1)
		return wav_fail(problem, VOICE_WAV_NOT_PCM, err, "not pcm (format %u%s)", tag,
		                tag == 3 ? ", floating point" : "");
	if (out->bits != 16)
		return wav_fail(problem, VOICE_WAV_BAD_FORMAT, err, "%d-bit samples, need 16-bit",
		                out->bits);
	if (out->channels < 1 || out->channels > 2)
		return wav_fail(problem, VOICE_WAV_BAD_FORMAT, err,
		                "%d channels, need mono or stereo", out->channels);
	if (out->rate < VOICE_RATE_MIN || out->rate > VOICE_RATE_MAX)
		return wav_fail(problem, VOICE_WAV_BAD_FORMAT, err,
		                "sample rate %d hz out of range %d-%d", out->rate, VOICE_RATE_MIN,
		                VOICE_RATE_MAX);
	return SQ_OK;
}

int
voice_wav_parse(const void *data, size_t size, struct voice_wav *out,
                enum voice_wav_problem *problem, struct sq_error *err)
{
	const uint8_t *p = data;
	struct voice_wav wav = {0};
	bool have_fmt = false;
	size_t off = 12;
	int rc;

	if (out)
		*out = wav;
	if (problem)
		*problem = VOICE_WAV_OK;
	if (!p || !out)
		return wav_fail(problem, VOICE_WAV_NOT_WAV, err, "no data");
	if (size < 12 || memcmp(p, "RIFF", 4) != 0 || memcmp(p + 8, "WAVE", 4) != 0)
		return wav_fail(problem, VOICE_WAV_NOT_WAV, err,
		                "not a wav file (no riff/wave header)");
	while (size - off >= 8) {
		size_t csize = le32(p + off + 4), body = off + 8;

		if (memcmp(p + off, "data", 4) == 0) {
			if (!have_fmt)
				return wav_fail(problem, VOICE_WAV_NOT_WAV, err,
				                "data chunk before the fmt chunk");
			if (csize > size - body)
				return wav_fail(problem, VOICE_WAV_TRUNCATED, err,
				                "truncated: data chunk of %zu bytes, %zu present",
				                csize, size - body);
			wav.data = p + body;
			wav.frames = csize / ((size_t)wav.channels * 2);
			if (wav.frames == 0)
				return wav_fail(problem, VOICE_WAV_TRUNCATED, err,
				                "truncated: no samples");
			*out = wav;
			return SQ_OK;
		}
		if (csize > size - body)
			return wav_fail(problem, VOICE_WAV_TRUNCATED, err,
			                "truncated: '%.4s' chunk of %zu bytes, %zu present",
			                (const char *)(p + off), csize, size - body);
		if (memcmp(p + off, "fmt ", 4) == 0) {
			if ((rc = wav_parse_fmt(p + body, csize, &wav, problem, err)))
				return rc;
			have_fmt = true;
		}
		/* Chunks are padded to an even size; the pad may be the last byte. */
		off = body + csize + (csize & 1);
		if (off > size)
			off = size;
	}
	return wav_fail(problem, VOICE_WAV_TRUNCATED, err, "truncated: no data chunk");
}

/* Read the whole file at path into *data (malloc'd). */
static int
read_file(const char *path, uint8_t **data, size_t *size, enum voice_wav_problem *problem,
          struct sq_error *err)
{
	FILE *f;
	struct stat st;
	uint8_t *buf = NULL;
	size_t got;
	int rc = SQ_OK;

	*data = NULL;
	*size = 0;
	f = fopen(path, "rb");
	if (!f) {
		if (problem)
			*problem = errno == ENOENT ? VOICE_WAV_MISSING : VOICE_WAV_UNREADABLE;
		return sq_error_set(err, errno == ENOENT ? SQ_ERR_NOTFOUND : SQ_ERR_IO,
		                    "unable to open '%s': %s", path, strerror(errno));
	}
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) ||
	    st.st_size > VOICE_WAV_MAX_BYTES) {
		if (problem)
			*problem = VOICE_WAV_UNREADABLE;
		rc = sq_error_set(err, SQ_ERR_IO, "'%s' is not a regular file of at most %ld bytes",
		                  path, VOICE_WAV_MAX_BYTES);
		goto out;
	}
	buf = malloc(st.st_size > 0 ? (size_t)st.st_size : 1);
	if (!buf) {
		rc = sq_error_set(err, SQ_ERR_NOMEM, "out of memory reading '%s'", path);
		goto out;
	}
	got = fread(buf, 1, (size_t)st.st_size, f);
	if (ferror(f)) {
		if (problem)
			*problem = VOICE_WAV_UNREADABLE;
		rc = sq_error_set(err, SQ_ERR_IO, "unable to read '%s'", path);
		free(buf);
		buf = NULL;
		goto out;
	}
	*data = buf;
	*size = got;
out:
	fclose(f);
	return rc;
}

/*
 * Convert a parsed WAV to mono 16-bit at rate (0: its own). SDL_AudioCVT
 * rather than SDL_AudioStream: in SDL 2.26 a flushed stream that upsamples
 * drops its last 1024 frames, the end of the word.
 */
static int
wav_to_pcm(const struct voice_wav *wav, int rate, struct voice_pcm *out, const char *path,
           struct sq_error *err)
{
	SDL_AudioCVT cvt;
	size_t in_bytes = wav->frames * 2 * (size_t)wav->channels, n;
	int16_t *samples;

	if (rate == 0)
		rate = wav->rate;
	if (wav->channels == 1 && wav->rate == rate) {
		out->samples = malloc(wav->frames * sizeof(int16_t));
		if (!out->samples)
			return sq_error_set(err, SQ_ERR_NOMEM, "out of memory loading '%s'", path);
		for (size_t i = 0; i < wav->frames; i++)
			out->samples[i] = (int16_t)le16(wav->data + 2 * i);
		out->n = wav->frames;
		out->rate = rate;
		return SQ_OK;
	}
	if (SDL_BuildAudioCVT(&cvt, AUDIO_S16LSB, (Uint8)wav->channels, wav->rate, AUDIO_S16SYS, 1,
	                      rate) < 0)
		return sq_error_set(err, SQ_ERR_IO, "unable to convert '%s': %s", path,
		                    SDL_GetError());
	/* The file is at most VOICE_WAV_MAX_BYTES, so this fits an int. */
	if (cvt.len_mult < 1 || in_bytes > (size_t)INT_MAX / (size_t)cvt.len_mult)
		return sq_error_set(err, SQ_ERR_IO, "unable to convert '%s': too long", path);
	cvt.len = (int)in_bytes;
	cvt.buf = malloc(in_bytes * (size_t)cvt.len_mult);
	if (!cvt.buf)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory loading '%s'", path);
	memcpy(cvt.buf, wav->data, in_bytes);
	if (SDL_ConvertAudio(&cvt) != 0) {
		free(cvt.buf);
		return sq_error_set(err, SQ_ERR_IO, "unable to convert '%s': %s", path,
		                    SDL_GetError());
	}
	/* Copy out of the conversion's working room, which is len_mult times the input. */
	n = (size_t)cvt.len_cvt / sizeof(int16_t);
	samples = malloc(n ? n * sizeof(int16_t) : 1);
	if (samples)
		memcpy(samples, cvt.buf, n * sizeof(int16_t));
	free(cvt.buf);
	if (!samples)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory loading '%s'", path);
	out->samples = samples;
	out->n = n;
	out->rate = rate;
	return SQ_OK;
}

int
voice_wav_load(const char *path, int rate, struct voice_pcm *out, enum voice_wav_problem *problem,
               struct sq_error *err)
{
	struct voice_wav wav;
	uint8_t *data = NULL;
	size_t size;
	int rc;

	if (problem)
		*problem = VOICE_WAV_OK;
	if (!out)
		return sq_error_set(err, SQ_ERR_INVALID, "no buffer to load '%s' into",
		                    path ? path : "");
	*out = (struct voice_pcm){0};
	if (!path || rate < 0 || (rate && (rate < VOICE_RATE_MIN || rate > VOICE_RATE_MAX)))
		return sq_error_set(err, SQ_ERR_INVALID, "bad path or rate %d to load a clip",
		                    rate);
	if ((rc = read_file(path, &data, &size, problem, err)))
		return rc;
	rc = voice_wav_parse(data, size, &wav, problem, err);
	if (rc)
		sq_error_prefix(err, "'%s'", path);
	else
		rc = wav_to_pcm(&wav, rate, out, path, err);
	free(data);
	return rc;
}

int
voice_pcm_write_wav(const struct voice_pcm *pcm, const char *path, struct sq_error *err)
{
	uint8_t h[44];
	uint32_t bytes;
	FILE *f;
	int rc = SQ_OK;

	if (!pcm || !path || pcm->n > (UINT32_MAX - 36) / 2 || pcm->rate <= 0)
		return sq_error_set(err, SQ_ERR_INVALID, "nothing valid to write to '%s'",
		                    path ? path : "");
	bytes = (uint32_t)(pcm->n * 2);
	/* Little-endian fields, written byte by byte. */
	const uint32_t fields[] = {
	    36 + bytes,    16,   1 | 1u << 16, (uint32_t)pcm->rate, (uint32_t)pcm->rate * 2,
	    2 | 16u << 16, bytes};
	const size_t at[] = {4, 16, 20, 24, 28, 32, 40};
	/* Offsets: 0 RIFF, 8 WAVE, 12 "fmt ", 36 "data"; dots are filled below. */
	memcpy(h, "RIFF....WAVEfmt ....................data....", sizeof(h));
	for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++)
		for (int b = 0; b < 4; b++)
			h[at[i] + b] = (uint8_t)(fields[i] >> (8 * b));
	f = fopen(path, "wb");
	if (!f)
		return sq_error_set(err, SQ_ERR_IO, "unable to create '%s': %s", path,
		                    strerror(errno));
	if (fwrite(h, 1, sizeof(h), f) != sizeof(h))
		rc = SQ_ERR_IO;
	for (size_t i = 0; !rc && i < pcm->n; i++) {
		uint8_t s[2] = {(uint8_t)((uint16_t)pcm->samples[i] & 0xff),
		                (uint8_t)((uint16_t)pcm->samples[i] >> 8)};
		if (fwrite(s, 1, 2, f) != 2)
			rc = SQ_ERR_IO;
	}
	if (fclose(f) != 0)
		rc = SQ_ERR_IO;
	if (rc)
		return sq_error_set(err, rc, "unable to write '%s'", path);
	return SQ_OK;
}

void
voice_pcm_release(struct voice_pcm *pcm)
{
	if (!pcm)
		return;
	free(pcm->samples);
	*pcm = (struct voice_pcm){0};
}

/* One bell-like note of the chime. */
struct chime_note {
	double start; /* seconds */
	double freq;  /* Hz */
};

/* Ding-dong: E5 then C5, a falling major third, like a door chime. */
static const struct chime_note chime_notes[] = {
    {.start = 0.0, .freq = 659.25},
    {.start = 0.5, .freq = 523.25},
};

/* Partials of one note: a soft bell, mostly fundamental. */
static const struct {
	double ratio, gain, decay; /* decay: time constant in seconds */
} chime_partials[] = {
    {.ratio = 1.0, .gain = 1.0, .decay = 0.45},
    {.ratio = 2.0, .gain = 0.3, .decay = 0.25},
    {.ratio = 3.0, .gain = 0.1, .decay = 0.15},
};

int
voice_chime_synth(int rate, struct voice_pcm *out, struct sq_error *err)
{
	size_t n = (size_t)rate * VOICE_CHIME_MS / 1000, fade;
	const double attack = 0.005, peak_target = 0.7 * 32767, two_pi = 6.283185307179586;
	double *mix, peak = 0;

	if (!out)
		return sq_error_set(err, SQ_ERR_INVALID, "no buffer for the chime");
	*out = (struct voice_pcm){0};
	if (rate < VOICE_RATE_MIN || rate > VOICE_RATE_MAX)
		return sq_error_set(err, SQ_ERR_INVALID, "sample rate %d hz out of range %d-%d",
		                    rate, VOICE_RATE_MIN, VOICE_RATE_MAX);
	mix = calloc(n, sizeof(*mix));
	out->samples = malloc(n * sizeof(int16_t));
	if (!mix || !out->samples) {
		free(mix);
		voice_pcm_release(out);
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory making the chime");
	}
	for (size_t k = 0; k < sizeof(chime_notes) / sizeof(chime_notes[0]); k++) {
		for (size_t i = (size_t)(chime_notes[k].start * rate); i < n; i++) {
			double t = (double)i / rate - chime_notes[k].start;
			double env = t < attack ? t / attack : 1.0;

			for (size_t j = 0; j < sizeof(chime_partials) / sizeof(chime_partials[0]);
			     j++)
				mix[i] +=
				    env * chime_partials[j].gain *
				    exp(-t / chime_partials[j].decay) *
				    sin(two_pi * chime_notes[k].freq * chime_partials[j].ratio * t);
		}
	}
	/* Fade the last 50 ms to zero so the end does not click. */
	fade = (size_t)rate / 20;
	for (size_t i = 0; i < n; i++) {
		if (i + fade > n)
			mix[i] *= (double)(n - i) / fade;
		if (fabs(mix[i]) > peak)
			peak = fabs(mix[i]);
	}
	for (size_t i = 0; i < n; i++)
		out->samples[i] = (int16_t)lrint(mix[i] * peak_target / peak);
	out->n = n;
	out->rate = rate;
	free(mix);
	return SQ_OK;
}

/* DIR/NAME.wav into path; SQ_ERR_INVALID if it does not fit. */
static int
clip_path(char *path, size_t size, const char *dir, enum voice_clip clip, struct sq_error *err)
{
	int len = snprintf(path, size, "%s/%s.wav", dir, voice_phrase(clip)->clip);

	if (len < 0 || (size_t)len >= size)
		return sq_error_set(err, SQ_ERR_INVALID, "clip folder path '%s' too long", dir);
	return SQ_OK;
}

/*
 * Read and parse DIR/CLIP.wav: VOICE_WAV_OK, or the problem with its line in
 * *clip_err. SQ_ERR_NOMEM is returned as such; any other failure is only a
 * problem of the clip.
 */
static int
check_clip(const char *dir, enum voice_clip clip, int rate, enum voice_wav_problem *problem,
           struct sq_error *clip_err, struct sq_error *err)
{
	char path[PATH_MAX];
	struct voice_wav wav = {0};
	uint8_t *data;
	size_t size;
	int rc;

	if ((rc = clip_path(path, sizeof(path), dir, clip, err)))
		return rc;
	*problem = VOICE_WAV_OK;
	sq_error_clear(clip_err);
	rc = read_file(path, &data, &size, problem, clip_err);
	if (rc == SQ_ERR_NOMEM)
		return sq_error_set(err, rc, "%s", clip_err->msg);
	if (!rc) {
		rc = voice_wav_parse(data, size, &wav, problem, clip_err);
		free(data);
	}
	if (!rc && wav.rate != rate) {
		*problem = VOICE_WAV_WRONG_RATE;
		snprintf(clip_err->msg, sizeof(clip_err->msg),
		         "sample rate %d hz, configured %d hz", wav.rate, rate);
	}
	return SQ_OK;
}

/* Whether dir names an existing folder. */
static bool
is_dir(const char *dir)
{
	struct stat st;

	return dir && stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
}

int
voice_clips_check(const char *dir, const char *synth_dir, int rate, bool thai, bool english,
                  struct voice_check *out, struct sq_error *err)
{
	const struct voice_phrase *ph = voice_phrases();
	struct sq_error clip_err;
	enum voice_wav_problem problem;
	const char *where;
	int rc;

	if (!out)
		return sq_error_set(err, SQ_ERR_INVALID, "no report to fill");
	*out = (struct voice_check){0};
	if (!dir && !synth_dir)
		return sq_error_set(err, SQ_ERR_INVALID, "no clip folder given");
	if (rate < VOICE_RATE_MIN || rate > VOICE_RATE_MAX)
		return sq_error_set(err, SQ_ERR_INVALID, "sample rate %d hz out of range %d-%d",
		                    rate, VOICE_RATE_MIN, VOICE_RATE_MAX);
	/* The office's folder is named on purpose: a missing one is a typo. */
	if (dir && !is_dir(dir))
		return sq_error_set(err, SQ_ERR_NOTFOUND, "clip folder '%s' missing", dir);
	if (synth_dir && !is_dir(synth_dir))
		synth_dir = NULL; /* not installed: the clips are looked for in dir alone */
	for (int c = 0; c < VC_COUNT; c++) {
		struct voice_check_item *item = &out->problems[out->n_problems];

		if ((ph[c].lang == VOICE_LANG_TH && !thai) ||
		    (ph[c].lang == VOICE_LANG_EN && !english))
			continue;
		out->n_checked++;
		problem = VOICE_WAV_MISSING;
		where = dir;
		if (dir &&
		    (rc = check_clip(dir, (enum voice_clip)c, rate, &problem, &clip_err, err)))
			return rc;
		if (problem == VOICE_WAV_OK)
			out->n_recorded++;
		/* A recorded clip overrides its synthesized one; a broken one is reported. */
		if (problem == VOICE_WAV_MISSING && synth_dir) {
			where = synth_dir;
			if ((rc = check_clip(synth_dir, (enum voice_clip)c, rate, &problem,
			                     &clip_err, err)))
				return rc;
			if (problem == VOICE_WAV_OK)
				out->n_synthesized++;
		}
		if (problem == VOICE_WAV_OK || (problem == VOICE_WAV_MISSING && ph[c].optional))
			continue;
		item->clip = (enum voice_clip)c;
		item->problem = problem;
		/* A message cut short on a very long folder name is still useful. */
		if (problem == VOICE_WAV_MISSING && dir && synth_dir)
			snprintf(item->msg, sizeof(item->msg),
			         "clip '%.32s' missing in '%.160s' and '%.160s'", ph[c].clip, dir,
			         synth_dir);
		else if (problem == VOICE_WAV_MISSING)
			snprintf(item->msg, sizeof(item->msg), "clip '%.32s' missing in '%.300s'",
			         ph[c].clip, dir ? dir : synth_dir);
		else
			snprintf(item->msg, sizeof(item->msg), "clip '%.32s' in '%.150s': %.180s",
			         ph[c].clip, where, clip_err.msg);
		out->n_problems++;
	}
	if (out->n_problems == 1)
		return sq_error_set(err, SQ_ERR_INVALID, "%s", out->problems[0].msg);
	if (out->n_problems > 1)
		return sq_error_set(err, SQ_ERR_INVALID, "%s (and %zu more problems)",
		                    out->problems[0].msg, out->n_problems - 1);
	return SQ_OK;
}

int
voice_clips_create(const char *dir, const char *synth_dir, int rate, struct voice_clips **out,
                   struct sq_error *err)
{
	struct voice_clips *vc;

	if (!out)
		return sq_error_set(err, SQ_ERR_INVALID, "nowhere to put the clip set");
	*out = NULL;
	if (rate < VOICE_RATE_MIN || rate > VOICE_RATE_MAX)
		return sq_error_set(err, SQ_ERR_INVALID, "sample rate %d hz out of range %d-%d",
		                    rate, VOICE_RATE_MIN, VOICE_RATE_MAX);
	vc = calloc(1, sizeof(*vc));
	if (!vc)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory for the clip set");
	vc->rate = rate;
	if ((dir && !(vc->dir = strdup(dir))) ||
	    (synth_dir && !(vc->synth_dir = strdup(synth_dir)))) {
		free(vc->dir);
		free(vc);
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory for the clip set");
	}
	*out = vc;
	return SQ_OK;
}

void
voice_clips_destroy(struct voice_clips *vc)
{
	if (!vc)
		return;
	for (int c = 0; c < VC_COUNT; c++)
		voice_pcm_release(&vc->clips[c]);
	voice_pcm_release(&vc->chime);
	free(vc->dir);
	free(vc->synth_dir);
	free(vc);
}

int
voice_clips_rate(const struct voice_clips *vc)
{
	return vc ? vc->rate : 0;
}

/* Load clip from folder dir (NULL: none) into vc's cache: codes as voice_wav_load. */
static int
clips_load(struct voice_clips *vc, const char *dir, enum voice_clip clip,
           enum voice_wav_problem *problem, struct sq_error *err)
{
	char path[PATH_MAX];
	int rc;

	*problem = VOICE_WAV_MISSING;
	if (!dir)
		return SQ_ERR_NOTFOUND;
	if ((rc = clip_path(path, sizeof(path), dir, clip, err)))
		return rc;
	rc = voice_wav_load(path, vc->rate, &vc->clips[clip], problem, err);
	if (!rc && !vc->clips[clip].n)
		rc = SQ_ERR_INVALID;
	if (rc)
		voice_pcm_release(&vc->clips[clip]);
	return rc;
}

/*
 * The samples of clip, from the cache, the office's folder or else the
 * synthesized set; the chime falls back to the built-in one. SQ_OK and *pcm,
 * SQ_ERR_NOMEM, or another code with *problem set when the clip cannot be
 * played.
 */
static int
clips_get(struct voice_clips *vc, enum voice_clip clip, const struct voice_pcm **pcm,
          enum voice_wav_problem *problem)
{
	struct sq_error err;
	int rc;

	*pcm = NULL;
	*problem = VOICE_WAV_MISSING;
	if ((int)clip < 0 || clip >= VC_COUNT)
		return SQ_ERR_INVALID;
	if (vc->clips[clip].n) {
		*pcm = &vc->clips[clip];
		return SQ_OK;
	}
	sq_error_clear(&err);
	rc = clips_load(vc, vc->dir, clip, problem, &err);
	if (rc && rc != SQ_ERR_NOMEM && vc->synth_dir) {
		/* A broken recording is better replaced than left silent. */
		if (rc != SQ_ERR_NOTFOUND)
			log_warn("voice: %s; playing the synthesized clip", err.msg);
		sq_error_clear(&err);
		rc = clips_load(vc, vc->synth_dir, clip, problem, &err);
	}
	if (rc == SQ_ERR_NOMEM)
		return rc;
	if (!rc) {
		*pcm = &vc->clips[clip];
		return SQ_OK;
	}
	if (clip != VC_CHIME)
		return rc;
	if (rc != SQ_ERR_NOTFOUND)
		log_warn("voice: chime: %s; using the built-in chime", err.msg);
	if (!vc->chime.n && (rc = voice_chime_synth(vc->rate, &vc->chime, NULL)))
		return rc;
	*pcm = &vc->chime;
	return SQ_OK;
}

int
voice_clips_assemble(struct voice_clips *vc, const struct voice_plan *plan,
                     const struct voice_assemble_options *opt, struct voice_pcm *out,
                     struct sq_error *err)
{
	static const struct voice_assemble_options defaults = {.volume_percent = 100};
	const struct voice_pcm *pcm[VOICE_PLAN_MAX];
	enum voice_wav_problem problem;
	char skipped[1024] = "";
	size_t total = 0, n_skipped = 0, at = 0, len;

	if (!out)
		return sq_error_set(err, SQ_ERR_INVALID, "no buffer for the call");
	*out = (struct voice_pcm){0};
	if (!vc || !plan || plan->n > VOICE_PLAN_MAX)
		return sq_error_set(err, SQ_ERR_INVALID, "no clip set or plan");
	if (!opt)
		opt = &defaults;
	if (opt->volume_percent < 0 || opt->volume_percent > 200)
		return sq_error_set(err, SQ_ERR_INVALID, "volume %d%% out of range 0-200",
		                    opt->volume_percent);
	for (size_t i = 0; i < plan->n; i++) {
		int rc = clips_get(vc, plan->clips[i], &pcm[i], &problem);

		if (rc == SQ_ERR_NOMEM)
			return sq_error_set(err, rc, "out of memory assembling a call");
		if (rc) {
			const struct voice_phrase *ph = voice_phrase(plan->clips[i]);

			len = strlen(skipped);
			snprintf(skipped + len, sizeof(skipped) - len, "%s%s (%s)",
			         n_skipped ? ", " : "", ph ? ph->clip : "?",
			         voice_wav_problem_name(problem));
			n_skipped++;
			continue;
		}
		total += pcm[i]->n;
	}
	if (n_skipped && opt->chime_only_if_incomplete) {
		total = 0;
		for (size_t i = 0; i < plan->n; i++) {
			if (plan->clips[i] != VC_CHIME)
				pcm[i] = NULL;
			else if (pcm[i])
				total += pcm[i]->n;
		}
	}
	if (n_skipped)
		log_warn("voice: %zu clip%s skipped in '%s'%s: %s", n_skipped,
		         n_skipped == 1 ? "" : "s", vc->dir ? vc->dir : "(no folder)",
		         opt->chime_only_if_incomplete ? ", playing the chime alone" : "", skipped);
	out->rate = vc->rate;
	if (total == 0)
		return SQ_OK;
	out->samples = malloc(total * sizeof(int16_t));
	if (!out->samples)
		return sq_error_set(err, SQ_ERR_NOMEM, "out of memory assembling a call");
	for (size_t i = 0; i < plan->n; i++) {
		for (size_t k = 0; pcm[i] && k < pcm[i]->n; k++) {
			long s = (long)pcm[i]->samples[k] * opt->volume_percent / 100;

			out->samples[at++] = (int16_t)(s > INT16_MAX   ? INT16_MAX
			                               : s < INT16_MIN ? INT16_MIN
			                                               : s);
		}
	}
	out->n = total;
	return SQ_OK;
}
