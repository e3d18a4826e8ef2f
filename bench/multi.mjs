// `make bench` part: the production shape on one machine. A throw-away PostgreSQL cluster,
// two `vans serve` instances (build/vans) on one database, nginx in front with the real
// site config over TLS (per-address limits lifted: all load comes from one address). wrk runs the mix
// of bench/mixed.lua — reads, and one request in ten a write by a signed-in operator — through
// nginx, and as the baseline the same mix against one instance directly. Prints requests/s,
// p99 and errors (which must be 0) for each, then checks that every write wrk saw
// acknowledged is in the database and that the audit chain the writes extended is whole.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startCluster } from '../tests/lib/pg.mjs';
import { startNginx } from '../tests/lib/nginx.mjs';
import { startSmtp, identityEnv, setUp, signIn } from '../tests/lib/identity.mjs';
import { Client } from '../tests/lib/vans.mjs';

const root = path.resolve(new URL('..', import.meta.url).pathname);
const bin = path.join(root, 'build/vans');
const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const conns = Number(process.env.BENCH_CONNECTIONS ?? 200);

function startVans(db, env) {
  return new Promise((resolve, reject) => {
    const proc = spawn(bin, ['--db', db, '--log-level', 'warn', 'serve', '--listen', '127.0.0.1:0'],
      { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) resolve({ proc, url: m[1] });
    });
    proc.on('exit', (code) => reject(new Error(`vans exited ${code}`)));
  });
}

// wrk → { rps, p99ms, requests, errors, acked, detail }
function wrk(url, env) {
  const r = spawnSync('wrk', ['-t2', `-c${conns}`, `-d${seconds}s`, '--latency', '-s', 'bench/mixed.lua', url],
    { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  const out = r.stdout;
  const num = (re) => { const m = out.match(re); return m ? Number(m[1]) : 0; };
  const p99 = out.match(/^\s*99%\s+([\d.]+)(us|ms|s)\s*$/m);
  const p99ms = p99 ? Number(p99[1]) * { us: 0.001, ms: 1, s: 1000 }[p99[2]] : NaN;
  const socket = out.match(/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/);
  const socketErrors = socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  const non2xx = num(/Non-2xx or 3xx responses: (\d+)/);
  return {
    rps: num(/Requests\/sec:\s+([\d.]+)/), p99ms, requests: num(/(\d+) requests in/),
    errors: socketErrors + non2xx, detail: socket ? socket[0] : '', non2xx, raw: out,
    acked: num(/^acked writes: (\d+)$/m),
  };
}

const cluster = await startCluster();
const smtp = await startSmtp();
const instances = [];
let nginx;
try {
  const db = cluster.createDatabase('vans_bench');
  const dbname = new URL(db).pathname.slice(1);
  const env = identityEnv(smtp.url, `${smtp.dir}/sms`);
  const cli = (...args) => {
    const r = spawnSync(bin, ['--db', db, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
    if (r.status !== 0) throw new Error(`vans ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  };
  cli('db', 'migrate');
  const link = cli('user', 'add', '--role', 'operator', '--username', 'bench01', '--email', 'bench@vans.test', '--name', 'Bench');
  instances.push(await startVans(db, env), await startVans(db, env));
  const port = (u) => Number(new URL(u).port);
  nginx = await startNginx({ upstreams: instances.map((i) => port(i.url)), liftLimits: true });

  // the operator whose session the writes use: set-up link, password, e-mail code
  const p = { vans: instances[0], smtp, setupPath: () => new URL(link.match(/http\S+\/setup\/\S+/)[0]).pathname };
  await setUp(p, 'bench01');
  const op = await signIn(p, 'bench01', undefined, { email: 'bench@vans.test' });
  const session = { BENCH_COOKIE: op.cookieHeader(), BENCH_CSRF: Client.csrfFrom(await (await op.get('/admin/orgs')).text()) };

  const stored = (tag) => Number(cluster.psql(`SELECT COUNT(*) FROM organisations WHERE identifier LIKE '2.16.886.90${tag}.%'`, dbname));
  const direct = wrk(instances[0].url, { ...session, BENCH_TAG: '1' });
  direct.stored = stored(1);
  const behind = wrk(nginx.https, { ...session, BENCH_TAG: '2' });
  behind.stored = stored(2);
  const rows = [
    ['one instance, direct HTTP (baseline)', direct],
    ['two instances behind nginx, TLS', behind],
  ];
  console.log(`PostgreSQL ${cluster.psql('SHOW server_version')}, wrk -t2 -c${conns} -d${seconds}s, mix of bench/mixed.lua`);
  console.log(`${'target'.padEnd(40)} ${'requests/s'.padStart(11)} ${'p99 ms'.padStart(9)} ${'requests'.padStart(10)} ${'errors'.padStart(7)} ${'vs baseline'.padStart(12)}`);
  for (const [label, r] of rows) {
    console.log(`${label.padEnd(40)} ${r.rps.toFixed(0).padStart(11)} ${r.p99ms.toFixed(2).padStart(9)} ` +
      `${String(r.requests).padStart(10)} ${String(r.errors).padStart(7)} ${(r.rps / direct.rps).toFixed(2).padStart(11)}×`);
  }
  console.log(`${'writes'.padEnd(40)} ${'acknowledged'.padStart(12)} ${'in database'.padStart(12)}`);
  for (const [label, r] of rows) {
    console.log(`${label.padEnd(40)} ${String(r.acked).padStart(12)} ${String(r.stored).padStart(12)}`);
    // a write the client saw fail may still have committed; an acknowledged one must be there
    if (!r.acked || r.stored < r.acked) {
      console.error(`"${label}": ${r.acked} writes acknowledged, ${r.stored} in the database`);
      process.exitCode = 1;
    }
  }
  const verify = spawnSync(bin, ['--db', db, 'audit', 'verify'], { encoding: 'utf8' });
  console.log(`audit chain after the writes: ${(verify.stdout + verify.stderr).trim()}`);
  if (verify.status !== 0) process.exitCode = 1;
  for (const [label, r] of rows) {
    if (r.errors) {
      console.error(`errors in "${label}": ${r.detail} non-2xx ${r.non2xx}`);
      process.exitCode = 1;
    }
  }
  if (behind.errors) {
    // what nginx answered, and why
    const statuses = {};
    for (const line of readFileSync(`${nginx.dir}/vans.access.log`, 'utf8').split('\n')) {
      const m = line.match(/" (\d{3}) /);
      if (m) statuses[m[1]] = (statuses[m[1]] ?? 0) + 1;
    }
    console.error('nginx statuses:', JSON.stringify(statuses));
    const reasons = {};
    for (const line of nginx.errorLog().split('\n')) {
      const m = line.match(/\[(?:error|warn|crit)\] \d+#\d+: \*\d+ ([^,]+)/);
      if (m) reasons[m[1]] = (reasons[m[1]] ?? 0) + 1;
    }
    console.error('nginx errors:', JSON.stringify(reasons, null, 1));
  }
} finally {
  await nginx?.stop();
  for (const i of instances) i.proc.kill('SIGTERM');
  await smtp.stop();
  cluster.destroy();
}
