/*
 * board_sound.h - the board's spoken calls: one announcement at a time.
 *
 * Every call becomes one buffer (chime, Thai, then English if configured;
 * voice_clips_assemble) queued on a mono 16-bit SDL audio device at the
 * [voice] rate with SDL_QueueAudio. The board asks board_sound_busy() from
 * its tick handler and hands over the next call only when the device has
 * taken all of the last one, so announcements never overlap and play in
 * the order given.
 *
 * Without an audio device (none present, SDL_AUDIODRIVER wrong, the device
 * refused) the board works on silently: board_sound_create() still
 * succeeds, logs once that sound is off, and board_sound_on() is false.
 *
 * Ownership: a struct board_sound owns its device and its clip cache; free
 * with board_sound_destroy(). One thread (the board's SDL loop).
 */
#ifndef SADUAK_BOARD_SOUND_H
#define SADUAK_BOARD_SOUND_H

#include <stdbool.h>

#include "error.h"
#include "voice_clips.h"
#include "voice_config.h"

struct board_sound;

/*
 * Check the clip folder (logging what is missing), open the clip set and try
 * the audio device. SQ_OK sets *out, with or without a device; SQ_ERR_NOMEM or
 * SQ_ERR_INVALID (bad rate) leave *out NULL. vc must outlive the result.
 */
int board_sound_create(const struct voice_config *vc, struct board_sound **out,
                       struct sq_error *err);

/* Close the device and free the clips. NULL is a no-op. */
void board_sound_destroy(struct board_sound *s);

/* Whether an audio device is open. */
bool board_sound_on(const struct board_sound *s);

/* Whether the device still holds queued samples of the last announcement. */
bool board_sound_busy(const struct board_sound *s);

/*
 * Queue the announcement of ticket code at counter. SQ_OK (also when sound
 * is off: nothing is queued then), SQ_ERR_INVALID for a code the plan
 * refuses, SQ_ERR_NOMEM, SQ_ERR_IO when the device refuses the samples.
 * *ms (may be NULL) is set to the announcement's length.
 */
int board_sound_play(struct board_sound *s, const char *code, int counter, int *ms,
                     struct sq_error *err);

/*
 * The announcement of code at counter as the board would play it, from
 * clips and vc, into *out (release with voice_pcm_release). For
 * `saduak-kiosk voice --render` and tests. Codes as board_sound_play.
 */
int board_sound_assemble(struct voice_clips *clips, const struct voice_config *vc, const char *code,
                         int counter, struct voice_pcm *out, struct sq_error *err);

#endif
