/* `vans demo seed`: the clearly labelled demo organisation, its users and inventory that
 * `make run` adds to an empty database (`vans serve` never does). */
#ifndef VANS_CLI_CMD_DEMO_H
#define VANS_CLI_CMD_DEMO_H

int cli_demo(int argc, char **argv);

#endif
