/* `vans cpe …`: command-line access to the CPE library (src/kb/cpe.h), for people checking
 * how vans reads a CPE name and how two names relate under NISTIR 7696. */
#ifndef VANS_CLI_CMD_CPE_H
#define VANS_CLI_CMD_CPE_H

/* argv[0] is "cpe".
 * `cpe parse NAME` prints the 11 attributes, one per line as name<TAB>value (value in
 *   WFN notation: ANY, NA or a double-quoted string with backslash quoting), then
 *   fs<TAB>formatted string and uri<TAB>2.2 URI; returns 0.
 * `cpe compare SOURCE TARGET` prints SUPERSET, SUBSET, EQUAL or DISJOINT (or UNDEFINED
 *   when the attributes mix relations or the target has wildcards); returns 0.
 * A name that does not parse: a message naming the fault and its 1-based position on
 * stderr, returns 1. `--help` prints usage to stdout and returns 0; wrong arguments print
 * usage to stderr and return 2. */
int cli_cpe(int argc, char **argv);

#endif
