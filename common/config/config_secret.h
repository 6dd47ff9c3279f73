/*
 * config_secret.h - a secret key kept in a file of its own, beside the
 * config file that names it (the key of the citizen-ID hash, thai_id.h).
 *
 * The file is the key as raw bytes, made once with
 *   head -c 32 /dev/urandom > /etc/saduak/id-hash.key
 * It must be readable by its owner only: a file group or others may read
 * or write is refused, as is one owned by someone other than root or the
 * user reading it (who could replace it), so a key that has leaked on the
 * machine is not used in silence.
 *
 * One thread at a time per buffer; no state.
 */
#ifndef SADUAK_CONFIG_SECRET_H
#define SADUAK_CONFIG_SECRET_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* Shorter keys are refused: 16 bytes (128 bits) is the least HMAC keys should have. */
#define CONFIG_SECRET_MIN 16
/* A key file is small; a longer one is not a key (a config file named by mistake). */
#define CONFIG_SECRET_MAX 256

/*
 * Read the key file at path into key (CONFIG_SECRET_MAX bytes), its length
 * in *len. Returns SQ_OK; SQ_ERR_IO when it cannot be opened or read,
 * SQ_ERR_INVALID when its owner or mode let others at it or its length is
 * outside CONFIG_SECRET_MIN..CONFIG_SECRET_MAX, each with one line in err
 * naming the file and what to do ("chmod 600"). On failure key holds
 * nothing and *len is 0.
 */
int config_secret_load(const char *path, uint8_t key[CONFIG_SECRET_MAX], size_t *len,
                       struct sq_error *err);

#endif
