/* `vans feed` (import, status) and `vans cve` (show): the knowledge base on the command
 * line. */
#ifndef VANS_CLI_CMD_FEED_H
#define VANS_CLI_CMD_FEED_H

int cli_feed(int argc, char **argv);
int cli_cve(int argc, char **argv);

#endif
