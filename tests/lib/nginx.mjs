// nginx for tests and benchmarks, running the production site config deploy/nginx/vans.conf
// with only what must differ on a test machine changed: its listen addresses (loopback
// ports), the upstream instances' ports, a self-signed certificate and the log paths.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './pg.mjs';

const root = path.resolve(new URL('../..', import.meta.url).pathname);

export const haveNginx = spawnSync('nginx', ['-v']).error === undefined &&
  spawnSync('openssl', ['version']).error === undefined;

// The site config for the given upstream ports. liftLimits: no per-address request rate
// or connection limit, for load that all comes from 127.0.0.1 (the
// limits are tested as written elsewhere).
export function siteConfig({ upstreams, httpPort, httpsPort, dir, liftLimits = false }) {
  let site = readFileSync(path.join(root, 'deploy/nginx/vans.conf'), 'utf8');
  const ports = ['8081', '8082'];
  ports.forEach((p, i) => {
    const re = new RegExp(`server 127\\.0\\.0\\.1:${p} `);
    if (!re.test(site)) throw new Error(`deploy/nginx/vans.conf has no upstream server 127.0.0.1:${p}`);
    site = site.replace(re, `server 127.0.0.1:${upstreams[i] ?? upstreams[0]} `);
  });
  site = site
    .replace(/^\s*listen \[::\]:\d+.*$/gm, '')
    .replace(/listen 80;/, `listen 127.0.0.1:${httpPort};`)
    .replace(/listen 443 ssl http2;/, `listen 127.0.0.1:${httpsPort} ssl http2;`)
    .replaceAll('/etc/ssl/vans/', `${dir}/`)
    .replaceAll('/var/log/nginx/', `${dir}/`);
  // (a high rate is not enough: nginx counts in milliseconds, so more than 'burst'
  // requests within one millisecond are refused at any rate)
  if (liftLimits) site = site.replace(/^\s*limit_(req|conn) (zone=)?vans_\w+.*;$/gm, '');
  return site;
}

// Starts nginx in the foreground; resolves when it answers on its HTTPS port. The
// certificate is self-signed, so this process stops verifying certificates.
export async function startNginx({ upstreams, liftLimits = false }) {
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  const dir = mkdtempSync(path.join(tmpdir(), 'vans-nginx-'));
  chmodSync(dir, 0o755);
  const cert = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
    '-subj', '/CN=vans.example.gov.tw', '-keyout', `${dir}/privkey.pem`, '-out', `${dir}/fullchain.pem`]);
  if (cert.status !== 0) throw new Error(`openssl: ${cert.stderr}`);
  const httpPort = await freePort();
  const httpsPort = await freePort();
  writeFileSync(`${dir}/site.conf`, siteConfig({ upstreams, httpPort, httpsPort, dir, liftLimits }));
  writeFileSync(`${dir}/nginx.conf`, `worker_processes 2;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  include ${dir}/site.conf;
}
`);
  const proc = spawn('nginx', ['-c', `${dir}/nginx.conf`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  const https = `https://127.0.0.1:${httpsPort}`;
  for (let i = 0; ; i++) {
    try { await fetch(`${https}/healthz`); break; } catch (e) {
      if (proc.exitCode !== null || i > 100) {
        if (proc.exitCode === null) proc.kill('SIGTERM');
        await exited;
        rmSync(dir, { recursive: true, force: true });
        throw new Error(`nginx did not start: ${e.message}\n${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    dir, proc, https, http: `http://127.0.0.1:${httpPort}`, httpsPort,
    // the main error log and the site's (deploy/nginx/vans.conf names its own)
    errorLog() {
      return ['error.log', 'vans.error.log'].map((f) => {
        try { return readFileSync(`${dir}/${f}`, 'utf8'); } catch { return ''; }
      }).join('');
    },
    async stop() {
      if (proc.exitCode === null) proc.kill('SIGQUIT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
