// A first visit as a person makes it: the home page in Traditional Chinese, a switch to
// English with the language button, the choice remembered, keyboard navigation, the
// phone layout and the 404 page. Screenshots go to build/screenshots/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { startVans } from '../lib/vans.mjs';
import { launch, shot } from './browser.mjs';

const haveChromium = existsSync(process.env.CHROMIUM ?? '/usr/bin/chromium');
let vans, browser;

before(async () => {
  if (!haveChromium) return;
  vans = await startVans();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await vans?.stop();
});

test('the home page greets a Taiwanese visitor in Traditional Chinese', { skip: !haveChromium && 'no chromium' }, async () => {
  const ctx = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  await page.goto(vans.url + '/');
  assert.equal(await page.getAttribute('html', 'lang'), 'zh-TW');
  assert.equal(await page.locator('h1').innerText(), '掌握資訊資產弱點，即時通報與應變');
  assert.match(await page.title(), /首頁 · vans 資通安全弱點通報平台/);
  assert.equal(await page.locator('.card').count(), 6);
  assert.ok(await page.locator('.card h3', { hasText: '資通安全弱點通報（VANS）' }).isVisible());
  assert.equal(await page.locator('.lang-current').innerText(), '中文');
  await shot(page, 'home-zh-TW');
  await ctx.close();
});

test('the visitor switches to English and the choice is remembered', { skip: !haveChromium && 'no chromium' }, async () => {
  const ctx = await browser.newContext({ locale: 'zh-TW', viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  await page.goto(vans.url + '/');
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForURL(vans.url + '/');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.locator('h1').innerText(), "Know your assets' vulnerabilities, report and respond in time");
  await shot(page, 'home-en');
  await page.goto(vans.url + '/');
  assert.equal(await page.getAttribute('html', 'lang'), 'en', 'the choice survives a new visit');
  await ctx.close();
});

test('the page can be used with the keyboard alone, with a visible focus', { skip: !haveChromium && 'no chromium' }, async () => {
  const ctx = await browser.newContext({ locale: 'zh-TW' });
  const page = await ctx.newPage();
  await page.goto(vans.url + '/');
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => document.activeElement.textContent.trim());
  assert.equal(first, '跳至主要內容', 'the first Tab reaches the skip link');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'the focused element shows an outline');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  await ctx.close();
});

test('every form field and button has an accessible name', { skip: !haveChromium && 'no chromium' }, async () => {
  const ctx = await browser.newContext({ locale: 'en' });
  const page = await ctx.newPage();
  await page.goto(vans.url + '/');
  const unnamed = await page.evaluate(() => [...document.querySelectorAll('button, input:not([type=hidden]), select, textarea')]
    .filter((el) => !(el.labels?.length || el.getAttribute('aria-label') || el.textContent.trim()))
    .map((el) => el.outerHTML));
  assert.deepEqual(unnamed, []);
  await ctx.close();
});

test('on a phone the page fits the screen without sideways scrolling', { skip: !haveChromium && 'no chromium' }, async () => {
  const ctx = await browser.newContext({ locale: 'zh-TW', viewport: { width: 375, height: 740 }, isMobile: true });
  const page = await ctx.newPage();
  await page.goto(vans.url + '/');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await shot(page, 'home-phone-zh-TW');
  await ctx.close();
});

test('a mistyped address shows the 404 page in both languages', { skip: !haveChromium && 'no chromium' }, async () => {
  for (const [locale, heading] of [['zh-TW', '找不到頁面'], ['en', 'Page not found']]) {
    const ctx = await browser.newContext({ locale });
    const page = await ctx.newPage();
    const res = await page.goto(vans.url + '/no-such-page');
    assert.equal(res.status(), 404);
    assert.equal(await page.locator('h1').innerText(), heading);
    await shot(page, `error-404-${locale}`);
    await ctx.close();
  }
});
