// A throw-away PostgreSQL cluster for the tests: Debian's server binaries, data and socket
// in a temporary folder, a loopback port, trust authentication, no durability (fsync off).
// As a module: cluster control and fresh databases. As a command (tests/run-all):
//   node tests/lib/pg.mjs start   → prints DIR and URL lines, leaves the server running
//   node tests/lib/pg.mjs stop DIR
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

function pgBinDir() {
  if (process.env.VANS_PG_BIN) return process.env.VANS_PG_BIN;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).filter((v) => /^\d+$/.test(v)).sort((a, b) => b - a);
  for (const v of versions) if (existsSync(path.join(base, v, 'bin/initdb'))) return path.join(base, v, 'bin');
  return null;
}

export const pgBin = pgBinDir();
export const havePostgres = pgBin !== null;

// initdb refuses to run as root: run the server as the postgres user then.
function asOwner(cmd, args, opts = {}) {
  const full = path.join(pgBin, cmd);
  const r = process.getuid() === 0
    ? spawnSync('runuser', ['-u', 'postgres', '--', full, ...args], { encoding: 'utf8', ...opts })
    : spawnSync(full, args, { encoding: 'utf8', ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stdout}${r.stderr}`);
  return r;
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

// Control of an existing cluster folder (DIR/data, DIR/log, DIR/port).
export function cluster(dir, port) {
  const data = path.join(dir, 'data');
  const url = (db = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${db}`;
  const ctl = (...args) => asOwner('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), ...args]);
  const psql = (sql, db = 'postgres') => {
    const r = spawnSync(path.join(pgBin, 'psql'), ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', url(db), '-c', sql],
      { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`psql: ${sql}: ${r.stderr}`);
    return r.stdout.trim();
  };
  let n = 0;
  return {
    dir, port, url, psql,
    start() {
      ctl('-w', '-t', '60', '-o',
        `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off ` +
        '-c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB', 'start');
    },
    stop() { ctl('-w', '-m', 'fast', 'stop'); },
    // A server restart, as an operator's upgrade or a crash would do it: every session ends.
    restart() { ctl('-w', '-m', 'fast', 'restart'); },
    // A new, empty database; returns its URL.
    createDatabase(prefix = 'vans') {
      const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${n++}`;
      psql(`CREATE DATABASE ${name}`);
      return url(name);
    },
  };
}

// Makes and starts a new cluster; the caller stops it (and removes dir) with destroy().
export async function startCluster() {
  if (!havePostgres) throw new Error('PostgreSQL server binaries not found (apt-get install postgresql)');
  const dir = mkdtempSync(path.join(tmpdir(), 'vans-pg-'));
  chmodSync(dir, 0o755);
  if (process.getuid() === 0) {
    const { uid, gid } = postgresIds();
    chownSync(dir, uid, gid);
  }
  asOwner('initdb', ['-D', path.join(dir, 'data'), '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const c = cluster(dir, port);
  c.start();
  c.destroy = () => { try { c.stop(); } catch { /* already down */ } rmSync(dir, { recursive: true, force: true }); };
  return c;
}

function postgresIds() {
  const r = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error('there is no postgres user to run the server as');
  return { uid: Number(r.stdout), gid: Number(g.stdout) };
}

// The cluster tests/run-all started for this run, if any (VANS_TEST_PG_DIR + VANS_TEST_PG).
export function sharedCluster() {
  const dir = process.env.VANS_TEST_PG_DIR;
  const url = process.env.VANS_TEST_PG;
  if (!dir || !url) return null;
  return cluster(dir, Number(new URL(url).port));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [cmd, dir] = process.argv.slice(2);
  if (cmd === 'start') {
    const c = await startCluster();
    console.log(`DIR=${c.dir}`);
    console.log(`URL=${c.url()}`);
  } else if (cmd === 'stop' && dir) {
    try { asOwner('pg_ctl', ['-D', path.join(dir, 'data'), '-w', '-m', 'fast', 'stop']); } catch { /* down */ }
    rmSync(dir, { recursive: true, force: true });
  } else if (cmd === 'available') {
    process.exit(havePostgres ? 0 : 1);
  } else {
    console.error('usage: node tests/lib/pg.mjs start | stop DIR | available');
    process.exit(2);
  }
}
