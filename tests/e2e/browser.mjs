// Launches Debian's Chromium through playwright-core with the flags this machine needs,
// and saves screenshots under build/screenshots/ for a person to look at.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { root } from '../lib/vans.mjs';

export const shotDir = path.join(root, 'build/screenshots');

export async function launch() {
  mkdirSync(shotDir, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-quic',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function shot(page, name) {
  await page.screenshot({ path: path.join(shotDir, `${name}.png`), fullPage: true });
}
