/* `vans notice`: one pass of the notice dispatcher (for cron and tests, with a clock that can
 * be moved), and an organisation's webhook from the command line. */
#ifndef VANS_CLI_CMD_NOTICE_H
#define VANS_CLI_CMD_NOTICE_H

int cli_notice(int argc, char **argv);

#endif
