/* Entry point of the vans binary: global options (--db, --config, --log-level) come
 * before the command, then one subcommand family runs, like git or redis-cli. */
#include "cli/cli.h"
#include "cli/cmd_feed.h"
#include "cli/cmd_finding.h"
#include "cli/cmd_match.h"
#include "cli/cmd_cpe.h"
#include "cli/cmd_cvss.h"
#include "cli/cmd_version.h"
#include "core/crypto.h"
#include "core/log.h"
#include "store/db.h"

#include <stdio.h>
#include <string.h>

struct config cli_config;

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
	const char *usage;
};

static const struct command commands[] = {
	{ "serve", cli_serve, "run the web server",
	  "vans serve [--listen HOST:PORT] [--threads N]\n"
	  "  Migrates the database, then serves the web pages and the API until SIGTERM/SIGINT.\n" },
	{ "db", cli_db, "database: migrate, status, backup, restore, copy",
	  "vans db migrate               apply the migrations this build has and the database lacks\n"
	  "vans db status                show the engine, schema version and pending migrations\n"
	  "vans db backup FILE           write a consistent backup (a SQLite file) to the new FILE\n"
	  "vans db restore FILE          load a backup into the database, which must be empty\n"
	  "vans db copy [--from URL] --to URL\n"
	  "                              copy every table into another, empty database (any engine)\n" },
	{ "feed", cli_feed, "import vulnerability feeds and show what is loaded",
	  "vans feed import nvd FILE...        NVD CVE API 2.0 or 1.1 JSON (.json, .json.gz, .zip)\n"
	  "vans feed import cve5 FILE|DIR...   CVE JSON 5 records (files, or directories such as cvelistV5)\n"
	  "vans feed import kev FILE           CISA KEV catalogue, JSON or CSV\n"
	  "vans feed import epss FILE          FIRST EPSS daily scores, CSV (plain or .gz)\n"
	  "vans feed import cpedict FILE       NVD CPE 2.3 dictionary, XML (plain or .gz)\n"
	  "vans feed sync nvd [--since DATE] [--api-key KEY]\n"
	  "                                    incremental sync from the NVD CVE API 2.0 (resumable)\n"
	  "vans feed status                    what is loaded, and when\n" },
	{ "match", cli_match, "which CVEs apply to a host's CPEs",
	  "vans match --cpe CPE [--cpe CPE...]   the CVE IDs that apply to one host with these CPEs,\n"
	  "                                      one per line, sorted\n"
	  "vans match --cpe-file FILE            each line a host with that one CPE: CPE<TAB>CVE-ID lines\n"
	  "  --explain                           add confidence, matching CPE, criterion and bounds\n"
	  "vans match --org ID                   re-match the organisation's assets (OID or 統一編號),\n"
	  "                                      write its findings and print what changed\n" },
	{ "finding", cli_finding, "an organisation's findings",
	  "vans finding list --org ID [--format tsv|json] [--all]\n"
	  "                                      the active findings (--all: the inactive ones too)\n" },
	{ "cve", cli_cve, "show a CVE from the knowledge base",
	  "vans cve show CVE-ID           the stored record as JSON\n" },
	{ "cvss", cli_cvss, "score CVSS v2.0, v3.0, v3.1 and v4.0 vectors",
	  "vans cvss [VECTOR...]   one line per vector: VECTOR, base, temporal, environmental, severity\n"
	  "                        (one vector per line on stdin when none are given)\n" },
	{ "cpe", cli_cpe, "parse and compare CPE names (NISTIR 7695, 7696)",
	  "vans cpe parse NAME              the 11 attributes and both bindings\n"
	  "vans cpe compare SOURCE TARGET   SUPERSET, SUBSET, EQUAL or DISJOINT\n" },
	{ "version", cli_version, "compare vendor version strings",
	  "vans version compare A B\n" },
	{ "org", cli_org, "organisations: add, list, check-id",
	  "vans org add --name NAME (--oid OID | --ubn UBN) --level A..E [--sector S] [--mailbox M] [--parent ID]\n"
	  "vans org list\n"
	  "vans org check-id ID     prints \"oid valid\", \"ubn valid\" or \"invalid: REASON\" (exit 0 or 1)\n"
	  "Wherever a command takes --org ID, ID is the organisation's OID or 統一編號.\n" },
	{ "user", cli_user, "accounts: add (prints a one-time set-up link), link, disable, enable",
	  "vans user add --role operator|admin|user --username U --email E --name N [--org ID] [--mobile M]\n"
	  "  Creates the account without a password and prints a single-use set-up link (valid 72 hours).\n"
	  "  admin: VANS 機關管理者 of --org; user: VANS 一般權限 of --org; operator: the platform operator.\n"
	  "vans user link U      a new set-up link (the previous one stops working)\n"
	  "vans user disable U | vans user enable U\n" },
	{ "apikey", cli_apikey, "API keys of an organisation: create, list, revoke",
	  "vans apikey create --org ID [--name NAME]   prints the key once (88 characters)\n"
	  "vans apikey list --org ID\n"
	  "vans apikey revoke --org ID KEY-ID\n" },
	{ "asset", cli_asset, "an organisation's assets: import a file, list, template",
	  "vans asset import --org ID [--keep-valid] [--group CODE] [--category system|pc|network|ics] FILE\n"
	  "  FILE: the inventory template as CSV or XLSX, a CycloneDX (JSON, XML) or SPDX JSON SBOM (detected).\n"
	  "  All-or-nothing: any row with an error stores nothing (errors as FILE:LINE: FIELD: reason, exit 1);\n"
	  "  --keep-valid stores the valid rows. Matching runs afterwards; a summary is printed.\n"
	  "vans asset list --org ID [--format tsv|json]\n"
	  "vans asset template [--lang zh-TW|en] [--format xlsx|csv] > FILE\n"
	  "  the inventory template (範本下載) as the upload page offers it\n" },
	{ "outbox", cli_outbox, "outgoing mail and SMS: run, list",
	  "vans outbox run      deliver every message that is due now, then exit\n"
	  "vans outbox list     the latest messages and their status\n" },
	{ "audit", cli_audit, "the audit log: verify the hash chain, list",
	  "vans audit verify    walk the chain; exit 1 and name the entry when it is broken\n"
	  "vans audit list [--org ID]\n" },
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *f)
{
	fprintf(f, "usage: vans [--db PATH|URL] [--config FILE] [--log-level LEVEL] COMMAND [ARGS]\n"
		   "       vans --version | vans help [COMMAND]\n\ncommands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nThe database is --db, else $VANS_DB, else var/vans.db.\n"
		   "Settings: docs/configuration.md (vans help config lists them).\n");
}

static int help(const char *topic)
{
	if (!topic) {
		usage(stdout);
		return 0;
	}
	if (strcmp(topic, "config") == 0) {
		for (size_t i = 0; i < config_key_count(); i++)
			printf("%-16s (default %s)\n    %s\n", config_key_name(i), config_key_default(i),
			       config_key_help(i));
		return 0;
	}
	for (size_t i = 0; i < NCOMMANDS; i++) {
		if (strcmp(commands[i].name, topic) == 0) {
			printf("%s", commands[i].usage);
			return 0;
		}
	}
	fprintf(stderr, "vans: no help for \"%s\"\n", topic);
	return 2;
}

int main(int argc, char **argv)
{
	if (crypto_init() < 0) {
		fprintf(stderr, "vans: the crypto library failed to start\n");
		return 1;
	}
	config_defaults(&cli_config);
	char err[1024];
	const char *config_file = NULL, *db_flag = NULL, *level_flag = NULL;
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--version") || !strcmp(a, "-V")) {
			printf("vans %s\n", VANS_VERSION);
			return 0;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h"))
			return help(NULL);
		const char **slot = !strcmp(a, "--db") ? &db_flag
				  : !strcmp(a, "--config") ? &config_file
				  : !strcmp(a, "--log-level") ? &level_flag : NULL;
		if (!slot) {
			fprintf(stderr, "vans: unknown option %s (global options come before the command)\n", a);
			usage(stderr);
			return 2;
		}
		if (i + 1 >= argc) {
			fprintf(stderr, "vans: %s needs a value\n", a);
			return 2;
		}
		*slot = argv[++i];
	}
	if ((config_file && config_load_file(&cli_config, config_file, err, sizeof err) < 0) ||
	    config_load_env(&cli_config, err, sizeof err) < 0 ||
	    (db_flag && config_set(&cli_config, "db", db_flag, CONFIG_FLAG, err, sizeof err) < 0) ||
	    (level_flag && config_set(&cli_config, "log_level", level_flag, CONFIG_FLAG, err, sizeof err) < 0)) {
		fprintf(stderr, "vans: %s\n", err);
		return 1;
	}
	log_set_level((enum log_level)log_level_parse(cli_config.log_level));
	db_set_options(&(struct db_options){ .statement_timeout_ms = cli_config.db_statement_timeout });
	if (i >= argc) {
		usage(stderr);
		return 2;
	}
	const char *cmd = argv[i];
	if (!strcmp(cmd, "help"))
		return help(i + 1 < argc ? argv[i + 1] : NULL);
	int rc = 2;
	size_t k = 0;
	for (; k < NCOMMANDS; k++) {
		if (strcmp(commands[k].name, cmd) == 0) {
			rc = commands[k].run(argc - i, argv + i);
			break;
		}
	}
	if (k == NCOMMANDS) {
		fprintf(stderr, "vans: unknown command \"%s\"\n", cmd);
		usage(stderr);
	}
	config_free(&cli_config);
	return rc;
}
