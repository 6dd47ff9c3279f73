#include "hmac_sha256.h"

#include <nettle/hmac.h>

void
hmac_sha256_hex(const uint8_t *key, size_t keylen, const void *msg, size_t len,
                char out[HMAC_SHA256_HEX_SIZE])
{
	static const char hex[] = "0123456789abcdef";
	struct hmac_sha256_ctx ctx;
	uint8_t digest[SHA256_DIGEST_SIZE];

	hmac_sha256_set_key(&ctx, keylen, key);
	hmac_sha256_update(&ctx, len, msg);
	hmac_sha256_digest(&ctx, sizeof(digest), digest);
	for (size_t i = 0; i < sizeof(digest); i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 0xF];
	}
	out[2 * sizeof(digest)] = '\0';
}
