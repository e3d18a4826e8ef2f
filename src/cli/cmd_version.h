/* `vans version …`: command-line access to the version comparison (src/kb/version.h),
 * for people checking how vans orders two vendor versions. */
#ifndef VANS_CLI_CMD_VERSION_H
#define VANS_CLI_CMD_VERSION_H

/* argv[0] is "version". `version compare A B` prints "<", "=" or ">" and returns 0;
 * `--help` prints usage to stdout and returns 0; wrong arguments print usage to stderr
 * and return 2. */
int cli_version(int argc, char **argv);

#endif
