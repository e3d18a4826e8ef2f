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
int cli_org(int argc, char **argv);
int cli_user(int argc, char **argv);
int cli_apikey(int argc, char **argv);
int cli_outbox(int argc, char **argv);
int cli_audit(int argc, char **argv);
int cli_asset(int argc, char **argv);

/* Flags of a subcommand: "--name VALUE" pairs after argv[from]. Returns -1 (after printing
 * why) when one is unknown or lacks a value; values[i] gets the value of names[i] or NULL;
 * the one positional argument allowed (when positional is not NULL) goes to *positional. */
int cli_flags(int argc, char **argv, int from, const char *const *names, const char **values, size_t n,
	      const char **positional);

#endif
