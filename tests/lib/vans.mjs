// Test harness shared by the integration and browser suites: starts the real vans binary
// on a free loopback port with a temporary database, and stops it with SIGTERM. With
// VANS_TEST_DB_ENGINE=pg (tests/run-all's second run) that database is a new one on the
// run's PostgreSQL cluster.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sharedCluster } from './pg.mjs';

export const root = path.resolve(new URL('../..', import.meta.url).pathname);
export const bin = process.env.VANS_BIN
  ? path.resolve(process.env.VANS_BIN)
  : path.join(root, 'build/san/vans');
export const testdata = process.env.VANS_TESTDATA
  ? path.resolve(process.env.VANS_TESTDATA)
  : path.resolve(root, '../shared/data');

// Runs `vans ARGS...` to completion; returns { status, stdout, stderr }.
export function runVans(args, { env = {}, input, cwd = root } = {}) {
  const r = spawnSync(bin, args, {
    cwd, input, encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 << 20,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// The same without blocking the event loop: for tests that serve something vans calls.
export function runVansAsync(args, { env = {}, cwd = root } = {}) {
  return new Promise((resolve) => {
    const p = spawn(bin, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    p.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

export function tempDir(prefix = 'vans-test-') {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

// The engine this run tests: 'sqlite', or 'postgres' in the second run.
export const dbEngine = process.env.VANS_TEST_DB_ENGINE === 'pg' ? 'postgres' : 'sqlite';

// The run's PostgreSQL cluster (tests/lib/pg.mjs), or null outside tests/run-all.
export const pgCluster = sharedCluster();

// A new, empty database on the engine under test: a file in dir, or a database on the cluster.
export function freshDb(dir = tempDir()) {
  if (dbEngine === 'postgres') {
    if (!pgCluster) throw new Error('VANS_TEST_DB_ENGINE=pg needs the cluster of tests/run-all (VANS_TEST_PG)');
    return pgCluster.createDatabase();
  }
  return path.join(dir, 'vans.db');
}

// Starts `vans serve`; resolves once it prints the address it listens on.
export async function startVans({ args = [], env = {}, db } = {}) {
  const dir = tempDir();
  const dbPath = db ?? freshDb(dir);
  const proc = spawn(bin, ['--db', dbPath, 'serve', '--listen', '127.0.0.1:0', ...args], {
    cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`vans did not start:\n${stderr}`)), 30000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[^\s]+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    exited.then(({ code }) => { clearTimeout(timer); reject(new Error(`vans exited ${code}:\n${stderr}`)); });
  });
  return {
    url, dir, dbPath, proc, exited,
    get stderr() { return stderr; },
    // Access-log lines the server wrote so far, parsed.
    accessLog() {
      return stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    },
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const r = await exited;
      rmSync(dir, { recursive: true, force: true });
      return r;
    },
  };
}

// fetch without following redirects, with a cookie jar of plain name=value pairs.
export class Client {
  constructor(base, { lang } = {}) { this.base = base; this.cookies = new Map(); this.lang = lang; }
  cookieHeader() { return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '); }
  async request(method, p, { body, headers = {} } = {}) {
    const h = { ...headers };
    if (this.cookies.size) h.cookie = this.cookieHeader();
    if (this.lang) h['accept-language'] = this.lang;
    let payload = body;
    if (body && typeof body === 'object' && !(body instanceof Uint8Array)) {
      payload = new URLSearchParams(body).toString();
      h['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await fetch(this.base + p, { method, headers: h, body: payload, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  }
  get(p, opts) { return this.request('GET', p, opts); }
  post(p, body, opts = {}) { return this.request('POST', p, { ...opts, body }); }
  // The CSRF token of the first form on a page.
  static csrfFrom(html) {
    const m = html.match(/name="_csrf" value="([^"]+)"/);
    return m ? m[1] : null;
  }
}
