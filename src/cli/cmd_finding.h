/* `vans finding`: an organisation's findings on the command line. */
#ifndef VANS_CLI_CMD_FINDING_H
#define VANS_CLI_CMD_FINDING_H

int cli_finding(int argc, char **argv);

#endif
