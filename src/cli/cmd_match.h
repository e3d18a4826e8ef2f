/* `vans match`: the matching engine on the command line (CVEs for given CPEs, or for each
 * CPE of a file). */
#ifndef VANS_CLI_CMD_MATCH_H
#define VANS_CLI_CMD_MATCH_H

int cli_match(int argc, char **argv);

#endif
