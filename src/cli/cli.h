/* The command-line front end: global options, the subcommand table and helpers shared by
 * subcommands. Each family (serve, db, cvss, …) lives in its own cmd_*.c file. */
#ifndef VANS_CLI_CLI_H
#define VANS_CLI_CLI_H

#include "core/config.h"

#ifndef VANS_VERSION
#define VANS_VERSION "0.1.0"
#endif

/* The configuration after defaults, --config, environment and global flags. */
extern struct config cli_config;

/* Opens and migrates cli_config.db; prints the error and returns NULL on failure. */
struct db *cli_open_db(int migrate);

int cli_serve(int argc, char **argv);
int cli_db(int argc, char **argv);

#endif
