/* Tests of voice_clips: WAV checks, the chime, joining a call's clips. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "voice_clips.h"

#define RATE 22050

struct fixture {
	char dir[64];
};

/* Remove dir and everything under it (two levels are enough here). */
static void
remove_tree(const char *dir)
{
	char path[512];
	struct dirent *de;
	struct stat st;
	DIR *d = opendir(dir);

	if (!d)
		return;
	while ((de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
			remove_tree(path);
		else
			unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

static int
setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	if (!fx)
		return -1;
	snprintf(fx->dir, sizeof(fx->dir), "/tmp/test_voice_clips.XXXXXX");
	if (!mkdtemp(fx->dir)) {
		free(fx);
		return -1;
	}
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *fx = *state;

	remove_tree(fx->dir);
	free(fx);
	return 0;
}

/* The value and length of clip c's test recording: each clip is distinct. */
static int16_t
clip_value(int c)
{
	return (int16_t)(100 * (c + 1));
}

static size_t
clip_length(int c)
{
	return 200 + 10 * (size_t)c;
}

static void
clip_file(char *path, size_t size, const char *dir, int c)
{
	snprintf(path, size, "%s/%s.wav", dir, voice_phrase((enum voice_clip)c)->clip);
}

/* Write a raw WAV with any header values, truncated to keep bytes (0: all). */
static void
write_raw_wav(const char *path, unsigned tag, unsigned channels, unsigned rate, unsigned bits,
              size_t frames, size_t keep)
{
	size_t data = frames * channels * bits / 8, total = 44 + data;
	uint8_t *b = calloc(1, total);
	const uint32_t fields[] = {(uint32_t)(36 + data),
	                           16,
	                           tag | channels << 16,
	                           rate,
	                           rate * channels * bits / 8,
	                           (channels * bits / 8) | bits << 16,
	                           (uint32_t)data};
	const size_t at[] = {4, 16, 20, 24, 28, 32, 40};
	FILE *f;

	assert_non_null(b);
	memcpy(b, "RIFF    WAVEfmt ", 16);
	memcpy(b + 36, "data", 4);
	for (size_t i = 0; i < sizeof(at) / sizeof(at[0]); i++)
		for (int k = 0; k < 4; k++)
			b[at[i] + k] = (uint8_t)(fields[i] >> (8 * k));
	for (size_t i = 44; i < total; i++)
		b[i] = (uint8_t)(i * 7);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(b, 1, keep ? keep : total, f), keep ? keep : total);
	fclose(f);
	free(b);
}

/* Write clip c as a valid mono recording at rate. */
static void
write_clip(const char *dir, int c, int rate)
{
	struct voice_pcm pcm = {.n = clip_length(c), .rate = rate};
	struct sq_error err = {0};
	char path[512];

	pcm.samples = malloc(pcm.n * sizeof(int16_t));
	assert_non_null(pcm.samples);
	for (size_t i = 0; i < pcm.n; i++)
		pcm.samples[i] = clip_value(c);
	clip_file(path, sizeof(path), dir, c);
	if (voice_pcm_write_wav(&pcm, path, &err) != SQ_OK)
		fail_msg("%s", err.msg);
	free(pcm.samples);
}

/* A complete folder: every Thai and English clip, no chime.wav. */
static void
make_folder(const char *dir)
{
	char sub[512];

	snprintf(sub, sizeof(sub), "%s/th", dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	snprintf(sub, sizeof(sub), "%s/en", dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	for (int c = 0; c < VC_COUNT; c++)
		if (c != VC_CHIME)
			write_clip(dir, c, RATE);
}

static void
remove_clip(const char *dir, enum voice_clip c)
{
	char path[512];

	clip_file(path, sizeof(path), dir, c);
	assert_int_equal(unlink(path), 0);
}

/* Check dir and expect exactly one problem, with clip c and kind problem. */
static const char *
check_one_problem(const char *dir, enum voice_clip c, enum voice_wav_problem problem)
{
	static struct voice_check report;
	static struct sq_error err;

	assert_int_equal(voice_clips_check(dir, NULL, RATE, true, true, &report, &err),
	                 SQ_ERR_INVALID);
	assert_int_equal(report.n_problems, 1);
	assert_int_equal(report.problems[0].clip, c);
	assert_int_equal(report.problems[0].problem, problem);
	assert_string_equal(err.msg, report.problems[0].msg);
	return report.problems[0].msg;
}

static void
test_voice_clips_check_folder_missing(void **state)
{
	struct fixture *fx = *state;
	struct voice_check report;
	struct sq_error err = {0};
	char dir[128], want[160];

	snprintf(dir, sizeof(dir), "%s/nope", fx->dir);
	assert_int_equal(voice_clips_check(dir, NULL, RATE, true, false, &report, &err),
	                 SQ_ERR_NOTFOUND);
	snprintf(want, sizeof(want), "clip folder '%s' missing", dir);
	assert_string_equal(err.msg, want);
	assert_int_equal(report.n_problems, 0);
}

static void
test_voice_clips_check_complete_folder(void **state)
{
	struct fixture *fx = *state;
	struct voice_check report;
	struct sq_error err = {0};

	make_folder(fx->dir);
	assert_int_equal(voice_clips_check(fx->dir, NULL, RATE, true, true, &report, &err), SQ_OK);
	assert_int_equal(report.n_problems, 0);
	assert_int_equal(report.n_checked, VC_COUNT);
	assert_int_equal(voice_clips_check(fx->dir, NULL, RATE, true, false, &report, &err), SQ_OK);
	assert_int_equal(report.n_checked, 1 + VC_EN_PLEASE_NUMBER - VC_TH_PLEASE_NUMBER);
	/* An English-only board does not need the Thai set. */
	remove_clip(fx->dir, VC_TH_ET);
	assert_int_equal(voice_clips_check(fx->dir, NULL, RATE, false, true, &report, &err), SQ_OK);
}

static void
test_voice_clips_check_missing_clip(void **state)
{
	struct fixture *fx = *state;
	struct voice_check report;
	struct sq_error err = {0};
	char want[256];

	make_folder(fx->dir);
	remove_clip(fx->dir, VC_TH_DIGIT_0 + 3);
	snprintf(want, sizeof(want), "clip 'th/digit_3' missing in '%s'", fx->dir);
	assert_string_equal(check_one_problem(fx->dir, VC_TH_DIGIT_0 + 3, VOICE_WAV_MISSING), want);
	remove_clip(fx->dir, VC_EN_AT_COUNTER);
	assert_int_equal(voice_clips_check(fx->dir, NULL, RATE, true, true, &report, &err),
	                 SQ_ERR_INVALID);
	assert_int_equal(report.n_problems, 2);
	snprintf(want, sizeof(want), "clip 'th/digit_3' missing in '%s' (and 1 more problems)",
	         fx->dir);
	assert_string_equal(err.msg, want);
	assert_int_equal(report.problems[1].clip, VC_EN_AT_COUNTER);
}

static void
test_voice_clips_check_not_a_wav(void **state)
{
	struct fixture *fx = *state;
	char path[512];
	FILE *f;

	make_folder(fx->dir);
	clip_file(path, sizeof(path), fx->dir, VC_TH_TEN);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("ID3\3 this is an mp3, honest", f);
	fclose(f);
	assert_non_null(strstr(check_one_problem(fx->dir, VC_TH_TEN, VOICE_WAV_NOT_WAV),
	                       "th/ten' in '/tmp/test_voice_clips."));
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	check_one_problem(fx->dir, VC_TH_TEN, VOICE_WAV_NOT_WAV);
}

static void
test_voice_clips_check_not_pcm_or_not_16_bit(void **state)
{
	struct fixture *fx = *state;
	char path[512];

	make_folder(fx->dir);
	clip_file(path, sizeof(path), fx->dir, VC_TH_HUNDRED);
	write_raw_wav(path, 3, 1, RATE, 32, 100, 0);
	assert_non_null(strstr(check_one_problem(fx->dir, VC_TH_HUNDRED, VOICE_WAV_NOT_PCM),
	                       "not pcm (format 3, floating point)"));
	write_raw_wav(path, 1, 1, RATE, 8, 100, 0);
	assert_non_null(strstr(check_one_problem(fx->dir, VC_TH_HUNDRED, VOICE_WAV_BAD_FORMAT),
	                       "8-bit samples, need 16-bit"));
	write_raw_wav(path, 1, 6, RATE, 16, 100, 0);
	check_one_problem(fx->dir, VC_TH_HUNDRED, VOICE_WAV_BAD_FORMAT);
}

static void
test_voice_clips_check_truncated(void **state)
{
	struct fixture *fx = *state;
	char path[512];

	make_folder(fx->dir);
	clip_file(path, sizeof(path), fx->dir, VC_EN_LETTER_A + 1);
	write_raw_wav(path, 1, 1, RATE, 16, 1000, 44 + 500);
	assert_non_null(strstr(check_one_problem(fx->dir, VC_EN_LETTER_A + 1, VOICE_WAV_TRUNCATED),
	                       "truncated: data chunk of 2000 bytes, 500 present"));
	write_raw_wav(path, 1, 1, RATE, 16, 1000, 30);
	check_one_problem(fx->dir, VC_EN_LETTER_A + 1, VOICE_WAV_TRUNCATED);
	write_raw_wav(path, 1, 1, RATE, 16, 0, 0);
	assert_non_null(strstr(check_one_problem(fx->dir, VC_EN_LETTER_A + 1, VOICE_WAV_TRUNCATED),
	                       "no samples"));
}

static void
test_voice_clips_check_wrong_rate(void **state)
{
	struct fixture *fx = *state;

	make_folder(fx->dir);
	write_clip(fx->dir, VC_TH_PLEASE_NUMBER, 44100);
	assert_non_null(
	    strstr(check_one_problem(fx->dir, VC_TH_PLEASE_NUMBER, VOICE_WAV_WRONG_RATE),
	           "sample rate 44100 hz, configured 22050 hz"));
}

static void
test_voice_clips_check_chime_optional_but_checked(void **state)
{
	struct fixture *fx = *state;
	struct voice_check report;
	char path[512];

	make_folder(fx->dir);
	assert_int_equal(voice_clips_check(fx->dir, NULL, RATE, true, true, &report, NULL), SQ_OK);
	clip_file(path, sizeof(path), fx->dir, VC_CHIME);
	write_raw_wav(path, 1, 1, RATE, 16, 1000, 100);
	check_one_problem(fx->dir, VC_CHIME, VOICE_WAV_TRUNCATED);
}

static void
test_voice_clips_wav_parse_skips_other_chunks(void **state)
{
	/* RIFF, WAVE, an odd-sized LIST chunk (padded), extensible fmt, data. */
	uint8_t b[128] = "RIFF\0\0\0\0WAVELIST\3\0\0\0abc\0fmt \x28\0\0\0";
	struct voice_wav wav;
	enum voice_wav_problem problem;
	size_t at = 32;

	(void)state;
	b[at + 0] = 0xFE; /* WAVE_FORMAT_EXTENSIBLE */
	b[at + 1] = 0xFF;
	b[at + 2] = 2;    /* stereo */
	b[at + 4] = 0x44; /* 44100 */
	b[at + 5] = 0xAC;
	b[at + 14] = 16;
	b[at + 24] = 1; /* subformat PCM */
	at += 40;
	memcpy(b + at, "data\x08\0\0\0", 8);
	at += 8 + 8;
	assert_int_equal(voice_wav_parse(b, at, &wav, &problem, NULL), SQ_OK);
	assert_int_equal(problem, VOICE_WAV_OK);
	assert_int_equal(wav.channels, 2);
	assert_int_equal(wav.rate, 44100);
	assert_int_equal(wav.frames, 2);
	assert_ptr_equal(wav.data, b + at - 8);
	/* Every shorter prefix is refused, none read past the end (ASan). */
	for (size_t n = 0; n < at; n++)
		assert_int_equal(voice_wav_parse(b, n, &wav, &problem, NULL), SQ_ERR_INVALID);
}

static void
test_voice_clips_chime_length_and_not_silent(void **state)
{
	static const int rates[] = {8000, 22050, 44100, 48000};
	struct voice_pcm pcm;
	struct sq_error err = {0};

	(void)state;
	for (size_t r = 0; r < sizeof(rates) / sizeof(rates[0]); r++) {
		int peak = 0;
		double energy = 0;

		assert_int_equal(voice_chime_synth(rates[r], &pcm, &err), SQ_OK);
		assert_int_equal(pcm.rate, rates[r]);
		assert_int_equal(pcm.n, (size_t)rates[r] * VOICE_CHIME_MS / 1000);
		for (size_t i = 0; i < pcm.n; i++) {
			int a = abs(pcm.samples[i]);

			peak = a > peak ? a : peak;
			energy += (double)pcm.samples[i] * pcm.samples[i];
		}
		assert_true(peak > 16000);                             /* loud enough */
		assert_true(peak < 32767);                             /* not clipped */
		assert_true(energy / (double)pcm.n > 1000.0 * 1000.0); /* RMS above 1000 */
		/* Both notes sound: the second half is not silent either. */
		assert_true(abs(pcm.samples[pcm.n * 2 / 3]) + abs(pcm.samples[pcm.n * 2 / 3 + 3]) >
		            0);
		/* Starts and ends at silence: no click. */
		assert_true(abs(pcm.samples[0]) < 100);
		assert_true(abs(pcm.samples[pcm.n - 1]) < 100);
		voice_pcm_release(&pcm);
		assert_null(pcm.samples);
	}
	assert_int_equal(voice_chime_synth(4000, &pcm, &err), SQ_ERR_INVALID);
	assert_null(pcm.samples);
}

static void
test_voice_clips_wav_write_load_round_trip(void **state)
{
	struct fixture *fx = *state;
	int16_t samples[] = {0, 1, -1, 32767, -32768, 1234};
	struct voice_pcm pcm = {.samples = samples, .n = 6, .rate = 16000}, back;
	char path[512];

	snprintf(path, sizeof(path), "%s/x.wav", fx->dir);
	assert_int_equal(voice_pcm_write_wav(&pcm, path, NULL), SQ_OK);
	assert_int_equal(voice_wav_load(path, 0, &back, NULL, NULL), SQ_OK);
	assert_int_equal(back.rate, 16000);
	assert_int_equal(back.n, 6);
	assert_memory_equal(back.samples, samples, sizeof(samples));
	voice_pcm_release(&back);
	voice_pcm_release(NULL);
}

/* Plan, assemble and return the call of A012 at counter 3 from dir over synth_dir. */
static void
assemble(const char *dir, const char *synth_dir, const struct voice_assemble_options *opt,
         struct voice_plan *plan, struct voice_pcm *out)
{
	struct voice_clips *vc;
	struct sq_error err = {0};

	assert_int_equal(voice_plan_build("A012", 3, NULL, plan, &err), SQ_OK);
	assert_int_equal(voice_clips_create(dir, synth_dir, RATE, &vc, &err), SQ_OK);
	if (voice_clips_assemble(vc, plan, opt, out, &err) != SQ_OK)
		fail_msg("%s", err.msg);
	voice_clips_destroy(vc);
}

static void
test_voice_clips_assemble_in_order(void **state)
{
	struct fixture *fx = *state;
	struct voice_plan plan;
	struct voice_pcm pcm;
	size_t chime = (size_t)RATE * VOICE_CHIME_MS / 1000, at, want;

	make_folder(fx->dir);
	assemble(fx->dir, NULL, NULL, &plan, &pcm);
	/* chime th/please_number th/letter_A th/ten th/digit_2 th/at_counter th/digit_3 */
	assert_int_equal(plan.n, 7);
	want = chime;
	for (size_t i = 1; i < plan.n; i++)
		want += clip_length(plan.clips[i]);
	assert_int_equal(pcm.n, want);
	assert_int_equal(pcm.rate, RATE);
	at = chime;
	for (size_t i = 1; i < plan.n; i++) {
		assert_int_equal(pcm.samples[at], clip_value(plan.clips[i]));
		at += clip_length(plan.clips[i]);
		assert_int_equal(pcm.samples[at - 1], clip_value(plan.clips[i]));
	}
	voice_pcm_release(&pcm);
}

static void
test_voice_clips_assemble_skips_missing_clip(void **state)
{
	struct fixture *fx = *state;
	struct voice_plan plan;
	struct voice_pcm pcm;
	struct voice_assemble_options opt = {.volume_percent = 100};
	size_t chime = (size_t)RATE * VOICE_CHIME_MS / 1000, want = chime;
	char path[512];

	make_folder(fx->dir);
	remove_clip(fx->dir, VC_TH_TEN);
	clip_file(path, sizeof(path), fx->dir, VC_TH_AT_COUNTER);
	write_raw_wav(path, 1, 1, RATE, 16, 1000, 300); /* truncated: skipped too */
	assemble(fx->dir, NULL, NULL, &plan, &pcm);
	for (size_t i = 1; i < plan.n; i++)
		if (plan.clips[i] != VC_TH_TEN && plan.clips[i] != VC_TH_AT_COUNTER)
			want += clip_length(plan.clips[i]);
	assert_int_equal(pcm.n, want);
	voice_pcm_release(&pcm);
	/* The stricter choice: half a call is worse than the chime alone. */
	opt.chime_only_if_incomplete = true;
	assemble(fx->dir, NULL, &opt, &plan, &pcm);
	assert_int_equal(pcm.n, chime);
	voice_pcm_release(&pcm);
}

static void
test_voice_clips_assemble_without_folder_plays_chime(void **state)
{
	struct fixture *fx = *state;
	struct voice_plan plan;
	struct voice_pcm pcm;
	struct voice_clips *vc;
	char dir[128];

	snprintf(dir, sizeof(dir), "%s/nope", fx->dir);
	assemble(dir, NULL, NULL, &plan, &pcm);
	assert_int_equal(pcm.n, (size_t)RATE * VOICE_CHIME_MS / 1000);
	voice_pcm_release(&pcm);
	assert_int_equal(voice_clips_create(NULL, NULL, RATE, &vc, NULL), SQ_OK);
	assert_int_equal(voice_clips_rate(vc), RATE);
	plan.n = 0;
	assert_int_equal(voice_clips_assemble(vc, &plan, NULL, &pcm, NULL), SQ_OK);
	assert_int_equal(pcm.n, 0);
	assert_null(pcm.samples);
	voice_clips_destroy(vc);
	voice_clips_destroy(NULL);
}

static void
test_voice_clips_assemble_uses_recorded_chime(void **state)
{
	struct fixture *fx = *state;
	struct voice_plan plan;
	struct voice_pcm pcm;

	make_folder(fx->dir);
	write_clip(fx->dir, VC_CHIME, RATE);
	assemble(fx->dir, NULL, NULL, &plan, &pcm);
	assert_int_equal(pcm.samples[0], clip_value(VC_CHIME));
	voice_pcm_release(&pcm);
}

static void
test_voice_clips_assemble_converts_rate_and_channels(void **state)
{
	struct fixture *fx = *state;
	struct voice_plan plan;
	struct voice_pcm pcm;
	size_t chime = (size_t)RATE * VOICE_CHIME_MS / 1000, want = chime, got;
	char path[512];

	make_folder(fx->dir);
	/* th/letter_A: 1000 frames of stereo at 11025 Hz -> about 2000 mono at 22050. */
	clip_file(path, sizeof(path), fx->dir, VC_TH_LETTER_A);
	write_raw_wav(path, 1, 2, 11025, 16, 1000, 0);
	assemble(fx->dir, NULL, NULL, &plan, &pcm);
	for (size_t i = 1; i < plan.n; i++)
		if (plan.clips[i] != VC_TH_LETTER_A)
			want += clip_length(plan.clips[i]);
	got = pcm.n - want;
	assert_true(got >= 1950 && got <= 2050);
	voice_pcm_release(&pcm);
}

static void
test_voice_clips_assemble_volume(void **state)
{
	struct fixture *fx = *state;
	struct voice_plan plan;
	struct voice_pcm loud, half, twice;
	struct voice_assemble_options opt = {.volume_percent = 50};
	struct voice_clips *vc;
	struct sq_error err = {0};

	make_folder(fx->dir);
	assemble(fx->dir, NULL, NULL, &plan, &loud);
	assemble(fx->dir, NULL, &opt, &plan, &half);
	opt.volume_percent = 200;
	assemble(fx->dir, NULL, &opt, &plan, &twice);
	assert_int_equal(loud.n, half.n);
	for (size_t i = 0; i < loud.n; i++) {
		assert_int_equal(half.samples[i], loud.samples[i] / 2);
		/* Doubled, but clipped at full scale rather than wrapped. */
		assert_true((loud.samples[i] >= 0) == (twice.samples[i] >= 0) ||
		            loud.samples[i] == 0);
	}
	voice_pcm_release(&loud);
	voice_pcm_release(&half);
	voice_pcm_release(&twice);
	assert_int_equal(voice_clips_create(fx->dir, NULL, RATE, &vc, &err), SQ_OK);
	opt.volume_percent = 201;
	assert_int_equal(voice_clips_assemble(vc, &plan, &opt, &loud, &err), SQ_ERR_INVALID);
	assert_string_equal(err.msg, "volume 201% out of range 0-200");
	voice_clips_destroy(vc);
	assert_int_equal(voice_clips_create(fx->dir, NULL, 1000, &vc, &err), SQ_ERR_INVALID);
	assert_null(vc);
}

/* Two folders under fx->dir: rec (the office's, empty th/ and en/) and synth (complete). */
static void
make_two_folders(const struct fixture *fx, char *rec, char *synth, size_t size)
{
	char sub[512];

	snprintf(rec, size, "%s/rec", fx->dir);
	snprintf(synth, size, "%s/synth", fx->dir);
	assert_int_equal(mkdir(rec, 0755), 0);
	assert_int_equal(mkdir(synth, 0755), 0);
	snprintf(sub, sizeof(sub), "%s/th", rec);
	assert_int_equal(mkdir(sub, 0755), 0);
	snprintf(sub, sizeof(sub), "%s/en", rec);
	assert_int_equal(mkdir(sub, 0755), 0);
	make_folder(synth);
}

static void
test_voice_clips_check_synthesized_set_completes_recordings(void **state)
{
	struct fixture *fx = *state;
	struct voice_check report;
	struct sq_error err = {0};
	char rec[128], synth[128], path[512], want[512];

	make_two_folders(fx, rec, synth, sizeof(rec));
	/* No recording yet: the synthesized set alone is complete. */
	assert_int_equal(voice_clips_check(rec, synth, RATE, true, true, &report, &err), SQ_OK);
	assert_int_equal(report.n_recorded, 0);
	assert_int_equal(report.n_synthesized, VC_COUNT - 1);
	/* One recorded clip replaces its synthesized one. */
	write_clip(rec, VC_TH_DIGIT_0 + 3, RATE);
	assert_int_equal(voice_clips_check(rec, synth, RATE, true, true, &report, &err), SQ_OK);
	assert_int_equal(report.n_recorded, 1);
	assert_int_equal(report.n_synthesized, VC_COUNT - 2);
	/* A broken recording is reported even though the synthesized one is fine. */
	clip_file(path, sizeof(path), rec, VC_TH_ET);
	write_raw_wav(path, 1, 1, RATE, 16, 1000, 300);
	assert_int_equal(voice_clips_check(rec, synth, RATE, true, true, &report, &err),
	                 SQ_ERR_INVALID);
	assert_int_equal(report.n_problems, 1);
	assert_int_equal(report.problems[0].problem, VOICE_WAV_TRUNCATED);
	assert_non_null(strstr(report.problems[0].msg, rec));
	assert_int_equal(unlink(path), 0);
	/* A clip in neither folder is missing, and the line names both. */
	remove_clip(synth, VC_EN_AT_COUNTER);
	snprintf(want, sizeof(want), "clip 'en/at_counter' missing in '%s' and '%s'", rec, synth);
	assert_int_equal(voice_clips_check(rec, synth, RATE, true, true, &report, &err),
	                 SQ_ERR_INVALID);
	assert_string_equal(err.msg, want);
	/* A synthesized set that is not installed is an empty one. */
	snprintf(path, sizeof(path), "%s/nope", fx->dir);
	assert_int_equal(voice_clips_check(rec, path, RATE, true, true, &report, &err),
	                 SQ_ERR_INVALID);
	assert_int_equal(report.n_problems, VC_COUNT - 2);
}

static void
test_voice_clips_assemble_recorded_clip_replaces_synthesized(void **state)
{
	struct fixture *fx = *state;
	struct voice_plan plan;
	struct voice_pcm pcm;
	size_t chime = (size_t)RATE * VOICE_CHIME_MS / 1000, at = chime, short_len = 50;
	char rec[128], synth[128], path[512];

	make_two_folders(fx, rec, synth, sizeof(rec));
	/* A recording of another length than its synthesized clip, and a broken one. */
	clip_file(path, sizeof(path), rec, VC_TH_LETTER_A);
	write_raw_wav(path, 1, 1, RATE, 16, short_len, 0);
	clip_file(path, sizeof(path), rec, VC_TH_AT_COUNTER);
	write_raw_wav(path, 1, 1, RATE, 16, 1000, 300);
	assemble(rec, synth, NULL, &plan, &pcm);
	/* chime th/please_number th/letter_A th/ten th/digit_2 th/at_counter th/digit_3 */
	assert_int_equal(plan.n, 7);
	for (size_t i = 1; i < plan.n; i++) {
		size_t len =
		    plan.clips[i] == VC_TH_LETTER_A ? short_len : clip_length(plan.clips[i]);

		/* The synthesized clips are constant; the recording is not. */
		if (plan.clips[i] == VC_TH_LETTER_A)
			assert_int_not_equal(pcm.samples[at + 1], clip_value(plan.clips[i]));
		else
			assert_int_equal(pcm.samples[at], clip_value(plan.clips[i]));
		at += len;
	}
	assert_int_equal(pcm.n, at);
	voice_pcm_release(&pcm);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_voice_clips_check_folder_missing, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_voice_clips_check_synthesized_set_completes_recordings, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_voice_clips_assemble_recorded_clip_replaces_synthesized, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_voice_clips_check_complete_folder, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_voice_clips_check_missing_clip, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_voice_clips_check_not_a_wav, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_voice_clips_check_not_pcm_or_not_16_bit, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_voice_clips_check_truncated, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_voice_clips_check_wrong_rate, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_voice_clips_check_chime_optional_but_checked,
	                                    setup, teardown),
	    cmocka_unit_test(test_voice_clips_wav_parse_skips_other_chunks),
	    cmocka_unit_test(test_voice_clips_chime_length_and_not_silent),
	    cmocka_unit_test_setup_teardown(test_voice_clips_wav_write_load_round_trip, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_voice_clips_assemble_in_order, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_voice_clips_assemble_skips_missing_clip, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_voice_clips_assemble_without_folder_plays_chime,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_voice_clips_assemble_uses_recorded_chime, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(test_voice_clips_assemble_converts_rate_and_channels,
	                                    setup, teardown),
	    cmocka_unit_test_setup_teardown(test_voice_clips_assemble_volume, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
