/*
 * counter_office.h - the supervisor's commands of saduak-counter that belong
 * to no counter (`saduak-counter [--config FILE] NAME [OPTIONS]`), one file
 * each: counter_<name>.c. Each gets the loaded config (owned by main) and its
 * own words, argv[0] being its name (for getopt_long), and returns a cli_exit
 * code, having printed one clear line on failure.
 */
#ifndef SADUAK_COUNTER_OFFICE_H
#define SADUAK_COUNTER_OFFICE_H

#include <stddef.h>

#include "config.h"
#include "store.h"

/* saduak-counter simulate --days D --seed S [--start YYYY-MM-DD] [--per-day N] */
int counter_simulate_command(struct config *cfg, int argc, char **argv);

/* saduak-counter report --month YYYY-MM --format csv|xlsx|html [--out FILE] */
int counter_report_command(struct config *cfg, int argc, char **argv);

/* saduak-counter backup [--dir DIR] [--keep N] */
int counter_backup_command(struct config *cfg, int argc, char **argv);

/*
 * saduak-counter db-init URL [--login NAME --role KIND]: the schema, the
 * group roles and their grants on a PostgreSQL server (store_roles.h);
 * cfg is NULL, the URL names the database.
 */
int counter_db_init_command(struct config *cfg, int argc, char **argv);

/* saduak-counter verify-log [--expect HASH]: the event log's hash chain */
int counter_verify_log_command(struct config *cfg, int argc, char **argv);

/*
 * The line naming the first event of c that does not match its chain
 * (verify-log's, also migrate's refusal), into line (n bytes, cut if need be).
 */
#define COUNTER_MISMATCH_LINE 256
void counter_log_mismatch(const struct store_log_check *c, char *line, size_t n);

/* saduak-counter migrate --to URL: the log copied into an empty PostgreSQL database */
int counter_migrate_command(struct config *cfg, int argc, char **argv);

/* saduak-counter check-config [--config FILE] [--keys] */
int counter_check_config_command(struct config *cfg, int argc, char **argv);

/* saduak-counter displays: every counter's LED display follows the log (a service) */
int counter_displays_command(struct config *cfg, int argc, char **argv);

#endif
