/* `vans cvss`: score CVSS vectors from the command line (see cmd_cvss.c for the output
 * contract other tools rely on). */
#ifndef VANS_CLI_CMD_CVSS_H
#define VANS_CLI_CMD_CVSS_H

/* argv[0] is "cvss". Returns the process exit code: 0 when every vector scored, 1 when
 * at least one was invalid, 2 on a usage or input error. */
int cli_cvss(int argc, char **argv);

#endif
