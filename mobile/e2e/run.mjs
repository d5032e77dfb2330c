#!/usr/bin/env node
// End-to-end test: the web export of the app, in Debian's Chromium at a phone viewport (390×844),
// against the real HTTP API, as a reader uses it: the feed (compact, the first post near the top,
// pull to refresh with a finger, paging to the end, a tag), a post (reading typography), sharing it
// (the copied link opens the post's public page, with its preview tags), signing in (a wrong token
// refused), liking it (and the like remembered by the server after a reload), the same post opened
// cold from its link in a second browser (a way back; the like shown once signed in), a missing
// post, the feed offline, saved posts, writing a post and being told in My posts when it is
// published, a rejected topic opened again to edit, and Settings.
//
// Every screen is photographed in the light and the dark theme and checked with axe-core in both
// (any critical or serious violation fails the run), for touch targets under 44 px and for
// controls without a name; any page error fails it too. The axe counts go to axe.json beside the
// screenshots.
//
//   AIBLOG_API_URL=http://localhost:3000 AIBLOG_DEV_TOKEN=... npm run e2e
//
// Without AIBLOG_API_URL it starts `../aiblog serve` itself (fresh data dir, its own token and
// port) and stops it at the end. Other knobs: CHROMIUM_PATH (default /usr/bin/chromium),
// E2E_PORT (where the web export is served; default 19006, 0 = any), E2E_SKIP_EXPORT=1 (reuse
// dist/), E2E_HEADED=1.
//
// The app learns the API URL, page size and poll interval at run time: the server that serves
// the export puts `window.__AIBLOG_CONFIG__` into index.html (see src/config/env.ts), so the
// export itself does not depend on the backend and Metro's cache stays valid between runs.
//
// Screenshots go to e2e/screenshots-tmp/ (ignored). With E2E_UPDATE_SCREENSHOTS=1 they replace e2e/screenshots/ only
// when every step passed, so the committed pictures always come from a green run.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { serveStatic } from './static-server.mjs';

export const mobile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repo = path.resolve(mobile, '..');
export const dist = path.join(mobile, 'dist');
const shotsDir = path.join(mobile, 'e2e', 'screenshots');
export const tmpShots = path.join(mobile, 'e2e', 'screenshots-tmp');

/** Small pages, so that a dozen posts already makes the feed scroll through several. */
export const PAGE_SIZE = 5;
const MIN_POSTS = 12;
/** Screenshots at 1×: 2 × 20-odd screens at 2× would weigh the repository down. */
const SCALE = 1;
export const POLL_MS = 250;
export const VIEWPORT = { width: 390, height: 844 };
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const started = Date.now();
export const log = (msg) =>
  console.log(`[e2e ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${msg}`);

export function assert(cond, message) {
  if (!cond) throw new Error(`assertion failed: ${message}`);
}

// ---------------------------------------------------------------------------------------------
// The backend: given by the environment, or `./aiblog serve` started here.

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForApi(url, timeoutMs, isAlive = () => true) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error('the API process exited while starting (see its output above)');
    try {
      const res = await fetch(`${url}/feed?limit=1`);
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e.message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`the API at ${url} did not answer GET /feed within ${timeoutMs / 1000}s (${last})`);
}

/**
 * `extraEnv` goes to `./aiblog serve` when it is started here (the review scenario's REVIEW_MODE and
 * AIBLOG_EDITORS); a server given by AIBLOG_API_URL must have been started with it.
 */
export async function startBackend(extraEnv = {}) {
  if (process.env.AIBLOG_API_URL) {
    const url = process.env.AIBLOG_API_URL.replace(/\/+$/, '');
    const token = process.env.AIBLOG_DEV_TOKEN;
    if (!token)
      throw new Error('AIBLOG_API_URL is set but AIBLOG_DEV_TOKEN is not (./aiblog serve prints it)');
    await waitForApi(url, 30_000);
    log(`using the API at ${url}`);
    return { url, token, stop: async () => {} };
  }
  const cli = path.join(repo, 'aiblog');
  if (!existsSync(cli)) {
    throw new Error('set AIBLOG_API_URL and AIBLOG_DEV_TOKEN, or run from the repository (../aiblog serve)');
  }
  const port = await freePort();
  const token = `e2e-${randomBytes(8).toString('hex')}`;
  const home = await mkdtemp(path.join(os.tmpdir(), 'aiblog-e2e-'));
  log(`starting ./aiblog serve --port ${port} (data in ${home})`);
  const child = spawn(cli, ['serve', '--port', String(port)], {
    cwd: repo,
    env: { ...process.env, ...extraEnv, AIBLOG_HOME: home, AIBLOG_DEV_TOKEN: token },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  let alive = true;
  child.on('exit', () => (alive = false));
  const url = `http://localhost:${port}`;
  const stop = async () => {
    if (alive) {
      process.kill(-child.pid, 'SIGTERM');
      await new Promise((r) => {
        const t = setTimeout(() => {
          if (alive) process.kill(-child.pid, 'SIGKILL');
          r();
        }, 10_000);
        child.once('exit', () => (clearTimeout(t), r()));
      });
    }
    await rm(home, { recursive: true, force: true });
  };
  try {
    await waitForApi(url, 300_000, () => alive); // the first run builds the Java runtime
  } catch (e) {
    await stop();
    throw e;
  }
  log(`./aiblog serve is up at ${url}`);
  return { url, token, stop };
}

const TOPICS = [
  'How tide pools survive the winter',
  'Why sourdough needs a starter',
  'The quiet history of the pencil',
  'How bees choose a new home',
  'What makes a good city park',
  'Why the sky is dark at night',
  'How glaciers carve valleys',
  'The physics of a perfect skipping stone',
  'How libraries decide what to keep',
  'Why cats knead blankets',
  'How rivers find the sea',
  'What owls hear at night',
];

/** Generates posts through the API (offline provider) until the feed has at least `count`. */
async function seed({ url, token }, count) {
  const feed = await (await fetch(`${url}/feed?limit=50`)).json();
  const missing = count - feed.items.length;
  if (missing <= 0) return log(`the feed already has ${feed.items.length} posts`);
  log(`generating ${missing} posts through POST /blogs`);
  const ids = [];
  for (let i = 0; i < missing; i++) {
    const res = await fetch(`${url}/blogs`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ topic: `${TOPICS[i % TOPICS.length]} (${i + 1})` }),
    });
    const body = await res.text();
    assert(res.status === 202, `POST /blogs answered ${res.status}: ${body}`);
    ids.push(JSON.parse(body).requestId);
  }
  const deadline = Date.now() + 120_000;
  for (const id of ids) {
    for (;;) {
      const req = await (
        await fetch(`${url}/requests/${id}`, { headers: { Authorization: `Bearer ${token}` } })
      ).json();
      if (req.status === 'PUBLISHED') break;
      assert(
        req.status !== 'REJECTED' && req.status !== 'FAILED',
        `seed request ${id} ended ${req.status}: ${req.reason}`,
      );
      assert(Date.now() < deadline, `seed request ${id} still ${req.status} after 120s`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  log(`seeded ${missing} posts`);
}

// ---------------------------------------------------------------------------------------------
// The web export.

export async function exportWeb() {
  if (process.env.E2E_SKIP_EXPORT === '1' && existsSync(path.join(dist, 'index.html'))) {
    return log('reusing dist/ (E2E_SKIP_EXPORT=1)');
  }
  log('exporting the web app (expo export --platform web)');
  // Build-time config would be baked in (and cached by Metro): leave it out, config comes at run time.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('EXPO_PUBLIC_')));
  await new Promise((resolve, reject) => {
    const child = spawn(
      path.join(mobile, 'node_modules', '.bin', 'expo'),
      ['export', '--platform', 'web', '--output-dir', 'dist'],
      {
        cwd: mobile,
        env: { ...env, CI: '1' },
        stdio: 'inherit',
      },
    );
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`expo export exited ${code}`))));
  });
}

export async function serveExport(apiUrl) {
  const config = { apiUrl, feedPageSize: PAGE_SIZE, requestPollMs: POLL_MS };
  const headHtml = `<script>window.__AIBLOG_CONFIG__=${JSON.stringify(config)}</script>`;
  const wanted = Number(process.env.E2E_PORT ?? 19006);
  try {
    return await serveStatic(dist, wanted, { headHtml });
  } catch (e) {
    if (e.code !== 'EADDRINUSE' || wanted === 0) throw e;
    log(`port ${wanted} is busy; serving on a free port`);
    return serveStatic(dist, 0, { headHtml });
  }
}

// ---------------------------------------------------------------------------------------------
// Screens: both themes, axe-core, touch targets.

const AXE_SOURCE = await readFile(path.join(mobile, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const FAILING_IMPACTS = new Set(['critical', 'serious']);

/** axe-core on the page as it is now: the violations, by rule. */
async function runAxe(page) {
  if (!(await page.evaluate(() => typeof window.axe === 'object')))
    await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, {
      resultTypes: ['violations'],
      runOnly: { type: 'tag', values: tags },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
      examples: v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').split('\n').slice(1, 2).join('')}`),
    }));
  }, AXE_TAGS);
}

/** Visible controls smaller than 44 × 44 (links inside running text are exempt, as in WCAG 2.5.8). */
async function smallTargets(page) {
  return page.evaluate(() => {
    const interactive =
      'button, a[href], input, textarea, select, [role=button], [role=link], [role=radio], [role=tab], [role=checkbox], [role=switch]';
    const out = [];
    for (const el of document.querySelectorAll(interactive)) {
      const r = el.getBoundingClientRect();
      if (
        r.width === 0 ||
        r.height === 0 ||
        r.bottom <= 0 ||
        r.top >= innerHeight ||
        r.right <= 0 ||
        r.left >= innerWidth
      )
        continue;
      if (el.closest('[aria-hidden=true]') || getComputedStyle(el).visibility === 'hidden') continue;
      if (el.closest('[data-testid="post-body"]')) continue;
      if (r.width < 43.5 || r.height < 43.5) {
        out.push(
          `${el.getAttribute('aria-label') || el.textContent.trim().slice(0, 40)} (${Math.round(r.width)}×${Math.round(r.height)})`,
        );
      }
    }
    return out;
  });
}

/** Every visible interactive element has an accessible name. */
async function unlabelled(page) {
  return page.evaluate(() => {
    const interactive =
      'button, a, input, textarea, select, [role=button], [role=link], [role=radio], [role=tab], [role=checkbox], [role=switch]';
    return [...document.querySelectorAll(interactive)]
      .filter((el) => el.getClientRects().length > 0 && el.closest('[aria-hidden=true]') === null)
      .filter(
        (el) =>
          !(
            el.getAttribute('aria-label')?.trim() ||
            el.getAttribute('aria-labelledby') ||
            el.textContent?.trim() ||
            el.getAttribute('title')
          ),
      )
      .map((el) => el.outerHTML.slice(0, 160));
  });
}

/**
 * Takes a screen in the light and the dark theme (the app follows the system's, which the
 * browser emulates), and checks each with axe-core, for touch targets and for unnamed controls.
 */
/** The screens, in the order the run visits them: their numbers stay put when one is skipped. */
const SCREENS = [
  'feed',
  'feed-pull-to-refresh',
  'feed-end',
  'feed-tag',
  'post',
  'post-end',
  'share-copied',
  'shared-page',
  'sign-in-refused',
  'post-liked',
  'post-from-link',
  'post-not-found',
  'feed-offline',
  'saved',
  'create',
  'request-progress',
  'my-posts',
  'my-posts-published',
  'request-rejected',
  'settings',
];

export function screens({ names = SCREENS, dir = tmpShots } = {}) {
  const report = [];
  return {
    report,
    async screen(page, name, { settleMs = 350, targets = true } = {}) {
      const n = names.indexOf(name) + 1;
      assert(n > 0, `screen ${name} is not in the list of screens`);
      const prefix = `${String(n).padStart(2, '0')}-${name}`;
      const entry = { screen: prefix, url: new URL(page.url()).pathname + new URL(page.url()).search };
      for (const theme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: theme });
        await page.waitForTimeout(settleMs);
        await page.screenshot({ path: path.join(dir, `${prefix}-${theme}.png`) });
        const violations = await runAxe(page);
        entry[theme] = Object.fromEntries(
          ['critical', 'serious', 'moderate', 'minor'].map((i) => [
            i,
            violations.filter((v) => v.impact === i).reduce((s, v) => s + v.nodes, 0),
          ]),
        );
        entry[`${theme}Rules`] = violations.map((v) => `${v.impact} ${v.id} ×${v.nodes}`);
        entry[`${theme}Where`] = violations.flatMap((v) => v.examples.map((e) => `${v.id}: ${e}`));
        const failing = violations.filter((v) => FAILING_IMPACTS.has(v.impact));
        assert(
          failing.length === 0,
          `${prefix} (${theme}): axe-core found ${failing.map((v) => `${v.impact} ${v.id} ×${v.nodes} (${v.help})\n      ${v.examples.join('\n      ')}`).join('\n    ')}`,
        );
      }
      await page.emulateMedia({ colorScheme: 'light' });
      if (targets) {
        const small = await smallTargets(page);
        assert(small.length === 0, `${prefix}: touch targets under 44 px: ${small.join(', ')}`);
      }
      const unnamed = await unlabelled(page);
      assert(
        unnamed.length === 0,
        `${prefix}: interactive elements without a label:\n  ${unnamed.join('\n  ')}`,
      );
      report.push(entry);
      log(`screen ${prefix}: axe light ${fmt(entry.light)}, dark ${fmt(entry.dark)}`);
    },
  };
}

export const fmt = (c) => `${c.critical}/${c.serious}/${c.moderate}/${c.minor}`;

// ---------------------------------------------------------------------------------------------
// Driving the app.

/** The post's hero image (when it has one) has loaded and faded in. */
export async function heroLoaded(page) {
  await page.waitForFunction(
    () => {
      const hero = [...document.querySelectorAll('[data-testid="post-hero"]')].find(
        (el) => el.getClientRects().length > 0,
      );
      return !hero || [...hero.querySelectorAll('img')].some((img) => img.complete && img.naturalWidth > 0);
    },
    null,
    { timeout: 15_000 },
  );
  await page.waitForTimeout(300);
}

// Screens lower in the stack stay in the DOM (hidden), so only count what is on screen.
const visibleCardIds = (page) =>
  page.$$eval('[data-testid^="post-card-"]', (els) =>
    els
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => el.getAttribute('data-testid'))
      .filter((id) => /^post-card-(?!skeleton|likes-|image-)/.test(id))
      .map((id) => id.slice('post-card-'.length)),
  );

export const visible = (page, selector) => page.locator(selector).locator('visible=true');

/** A touch drag (Chrome DevTools Protocol), held at the end until `release` is called. */
export async function touchDrag(page, { x = 195, from, to }) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: from }] });
  for (let y = from; y <= to; y += 15) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
    await page.waitForTimeout(16);
  }
  return async () => {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await cdp.detach();
  };
}

export async function newPhone(browser, options = {}) {
  const context = await browser.newContext({
    viewport: VIEWPORT,
    deviceScaleFactor: SCALE,
    isMobile: true,
    hasTouch: true,
    colorScheme: 'light',
    ...options,
  });
  const page = await context.newPage();
  const problems = [];
  const state = { offline: false };
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // While the API is cut off on purpose, the browser logs each failed request; a missing post is a 404.
    if (m.type() !== 'error') return;
    if (state.offline && /ERR_INTERNET_DISCONNECTED/.test(m.text())) return;
    if (state.expect404 && /404/.test(m.text())) return;
    if (state.expect401 && /401/.test(m.text())) return;
    problems.push(`console error: ${m.text()}`);
  });
  return { context, page, problems, state };
}

async function drive(browser, base, api) {
  const shots = screens();
  const phone = await newPhone(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  try {
    await reader(phone, shots, browser, base, api);
  } catch (e) {
    await phone.page.screenshot({ path: path.join(tmpShots, 'FAILED.png') }).catch(() => {});
    throw new Error(`${e.message}\n  at ${phone.page.url()}`, { cause: e });
  }
  assert(phone.problems.length === 0, `the page reported errors:\n  ${phone.problems.join('\n  ')}`);
  await phone.context.close();
  return shots.report;
}

async function reader({ page, state }, { screen }, browser, base, api) {
  const apiPath = (u, p) => u.startsWith(api.url) && new URL(u).pathname.startsWith(p);
  const feedRequests = [];
  page.on('request', (r) => apiPath(r.url(), '/feed') && feedRequests.push(new URL(r.url())));

  // 1. The feed, signed out: compact, the first post near the top, tags in one row.
  await page.goto(`${base}/`);
  await visible(page, '[data-testid^="open-post-"]').first().waitFor();
  await heroLikeThumbs(page);
  const firstPage = await visibleCardIds(page);
  assert(firstPage.length > 0, 'the feed shows posts');
  assert(feedRequests[0]?.searchParams.get('limit') === String(PAGE_SIZE), 'the feed asks for the page size');
  const firstCard = await page.getByTestId(`post-card-${firstPage[0]}`).boundingBox();
  assert(firstCard.y < 140, `the first post starts ${Math.round(firstCard.y)} px down (want < 140)`);
  const fullyVisible = [];
  for (const id of firstPage) {
    const box = await page.getByTestId(`post-card-${id}`).boundingBox();
    if (box.y + box.height <= VIEWPORT.height - 60) fullyVisible.push(id);
  }
  assert(fullyVisible.length >= 4, `${fullyVisible.length} whole posts fit on the first screen (want ≥ 4)`);
  const strip = await page.getByTestId('tag-strip').boundingBox();
  assert(strip.height <= 60, `the tag row is ${strip.height} px high`);
  assert(
    (await page.locator('[data-testid^="post-card-"] [aria-label^="Show posts tagged"]').count()) === 0,
    'cards carry no tag chips',
  );
  assert(
    (await visible(page, '[data-testid="feed-refresh"]').count()) === 0,
    'a touch screen has no refresh button',
  );
  await page.getByTestId('offline-badge').first().waitFor();
  await screen(page, 'feed');
  log(
    `feed: ${fullyVisible.length} whole posts on the first screen, the first at y=${Math.round(firstCard.y)}`,
  );

  // 2. Pull to refresh with a finger: the first page is asked for again.
  const before = feedRequests.length;
  const release = await touchDrag(page, { from: 260, to: 560 });
  await page.getByTestId('feed-pull-indicator').waitFor();
  await screen(page, 'feed-pull-to-refresh', { settleMs: 100 });
  const refreshed = page.waitForRequest(
    (r) => apiPath(r.url(), '/feed') && !new URL(r.url()).searchParams.get('cursor'),
  );
  await release();
  await refreshed;
  assert(feedRequests.length > before, 'pulling down refreshed the feed');
  log('feed: pull to refresh asked for the first page again');

  // 3. Scroll: the list asks for the next pages with the cursor, until the end.
  const seen = new Set(firstPage);
  const box = await page.locator('[data-testid^="open-post-"]').first().boundingBox();
  for (let i = 0; i < 40 && !(await page.getByTestId('feed-end').isVisible()); i++) {
    await page.mouse.move(box.x + box.width / 2, 400);
    await page.mouse.wheel(0, 700);
    await page.waitForTimeout(250);
    for (const id of await visibleCardIds(page)) seen.add(id);
  }
  const cursors = feedRequests.map((u) => u.searchParams.get('cursor')).filter(Boolean);
  assert(cursors.length >= 2, `scrolling fetched ${cursors.length} more pages (want ≥ 2)`);
  assert(seen.size >= MIN_POSTS, `saw ${seen.size} posts while scrolling (want ≥ ${MIN_POSTS})`);
  await page.getByTestId('feed-end').waitFor();
  await screen(page, 'feed-end');
  log(`feed: scrolled through ${seen.size} posts in ${cursors.length + 1} pages`);

  // 4. Filter by a tag from the strip.
  await page.mouse.wheel(0, -100_000);
  // Every offline post carries #offline: a topic tag shows filtering better.
  const tagChip = visible(
    page,
    '[data-testid^="feed-tag-"]:not([data-testid="feed-tag-all"]):not([data-testid="feed-tag-offline"])',
  ).first();
  const tag = (await tagChip.getAttribute('data-testid')).slice('feed-tag-'.length);
  await tagChip.click();
  await page.waitForURL((u) => u.searchParams.get('tag') === tag);
  await visible(page, '[data-testid="feed-clear-filter"]').waitFor();
  await page.waitForFunction(() => !document.querySelector('[data-testid="post-card-skeleton"]'));
  await page.waitForTimeout(300);
  const tagged = await visibleCardIds(page);
  const expected = (
    await (await fetch(`${api.url}/feed?tag=${encodeURIComponent(tag)}&limit=${PAGE_SIZE}`)).json()
  ).items.map((p) => p.id);
  assert(
    tagged.length > 0 && tagged.slice(0, expected.length).join() === expected.join(),
    `#${tag} shows ${tagged.join()} (the API: ${expected.join()})`,
  );
  await screen(page, 'feed-tag');
  await visible(page, '[data-testid="feed-clear-filter"]').click();
  await page.waitForURL((u) => !u.searchParams.get('tag'));
  log(`feed: filtered by #${tag} (${tagged.length} posts)`);

  // 5. Save a post for later from its card.
  const savedId = (await visibleCardIds(page))[1];
  await page.getByTestId(`save-post-${savedId}`).click();
  await page.locator(`[data-testid="save-post-${savedId}"][aria-pressed="true"]`).waitFor();

  // 6. Open a post: reading typography.
  const opener = page.locator('[data-testid^="open-post-"]').first();
  const postId = (await opener.getAttribute('data-testid')).slice('open-post-'.length);
  await opener.click();
  await page.waitForURL(`**/post/${postId}`);
  const post = visible(page, '[data-testid="post-screen"]').first();
  await post.getByTestId('post-title').waitFor();
  await post.getByTestId('post-body').waitFor();
  await post.getByTestId('offline-badge').first().waitFor();
  const bodyText = await post.getByTestId('post-body').innerText();
  assert(bodyText.trim().length > 50, 'the post body is rendered');
  assert(!/(^|\n)#{1,6} /.test(bodyText), 'markdown headings are rendered, not shown as "#"');
  const type = await page.evaluate(() => {
    const screenEl = [...document.querySelectorAll('[data-testid="post-screen"]')].find(
      (el) => el.getClientRects().length > 0,
    );
    const size = (el) => parseFloat(getComputedStyle(el).fontSize);
    const title = screenEl.querySelector('[data-testid="post-title"]');
    const body = screenEl.querySelector('[data-testid="post-body"]');
    const headings = [...body.querySelectorAll('[role=heading], h1, h2, h3, h4, h5, h6')];
    const code = [...body.querySelectorAll('*')].find(
      (el) => el.children.length === 0 && /OPENAI_API_KEY/.test(el.textContent),
    );
    const codeStyle = code && getComputedStyle(code);
    return {
      title: size(title),
      headings: headings.map(size),
      codeFont: codeStyle?.fontFamily,
      codeItalic: codeStyle?.fontStyle,
      overflow: [...body.querySelectorAll('*')].filter(
        (el) =>
          el.getBoundingClientRect().right > innerWidth + 1 &&
          !el.closest('[data-testid="md-code"], [data-testid="md-table"]'),
      ).length,
    };
  });
  assert(
    type.headings.length > 0 && type.headings.every((h) => h < type.title),
    `subheadings (${type.headings}) are smaller than the title (${type.title})`,
  );
  assert(
    /mono/i.test(type.codeFont ?? '') && type.codeItalic === 'normal',
    `inline code is ${type.codeFont} ${type.codeItalic}`,
  );
  assert(type.overflow === 0, `${type.overflow} elements of the body stick out of the screen`);
  await heroLoaded(page);
  await screen(page, 'post');
  await post.getByTestId('read-next').scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  await screen(page, 'post-end');
  await post.getByTestId('post-title').scrollIntoViewIfNeeded();
  log(
    `post: opened ${postId}; title ${type.title}px, subheadings ${[...new Set(type.headings)].join('/')}px, code in ${type.codeFont.split(',')[0]}`,
  );

  // 7. Share: no share sheet in this browser, so the link is copied; it opens the public page.
  const apiPost = await (await fetch(`${api.url}/blogs/${postId}`)).json();
  await post.getByRole('button', { name: 'Share this post' }).click();
  await page.getByTestId('notice-banner').getByText('Link copied').waitFor();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert(
    link === apiPost.shareUrl && link === `${api.url}/p/${postId}`,
    `the shared link is ${link} (the API says ${apiPost.shareUrl})`,
  );
  await screen(page, 'share-copied', { settleMs: 150 });
  await page.getByTestId('notice-dismiss').click();
  await sharedPage(browser, link, apiPost, screen);
  log(`share: copied ${link}; it opens the post's page with Open Graph tags`);

  // 8. Liking needs an account: a wrong token is refused at sign-in; the right one signs in.
  await post.getByTestId('like-button').click();
  await page.waitForURL('**/sign-in**');
  await page.getByText('Sign in to like posts.').waitFor();
  await page.getByLabel('Dev token', { exact: true }).fill('not-the-token');
  state.expect401 = true;
  await page.getByRole('button', { name: 'Use dev token' }).click();
  await page.getByText(/The server didn’t accept that token/).waitFor();
  state.expect401 = false;
  await screen(page, 'sign-in-refused');
  await page.getByLabel('Dev token', { exact: true }).fill(api.token);
  await page.getByRole('button', { name: 'Use dev token' }).click();
  await page.waitForURL(`**/post/${postId}`);
  log('sign-in: a wrong dev token is refused there; the right one signs in');

  // 9. Like: the count moves at once, the server's answer sticks, and after a reload the server says so.
  if ((await post.getByTestId('like-button').getAttribute('aria-pressed')) === 'true') {
    // Liked on an earlier run against the same API: take it back first.
    await Promise.all([
      page.waitForResponse(
        (r) => apiPath(r.url(), `/blogs/${postId}/likes`) && r.request().method() === 'DELETE',
      ),
      post.getByTestId('like-button').click(),
    ]);
  }
  const before9 = Number(await post.getByTestId('like-count').innerText());
  const [likeResponse] = await Promise.all([
    page.waitForResponse(
      (r) => apiPath(r.url(), `/blogs/${postId}/likes`) && r.request().method() === 'POST',
    ),
    post.getByTestId('like-button').click(),
  ]);
  assert(likeResponse.ok(), `POST /blogs/${postId}/likes answered ${likeResponse.status()}`);
  const liked = await likeResponse.json();
  assert(
    liked.liked === true && liked.likes >= before9,
    `the server says liked, ${before9} → ${liked.likes}`,
  );
  await post
    .getByRole('button', { name: `Unlike, ${liked.likes === 1 ? '1 like' : `${liked.likes} likes`}` })
    .waitFor();
  await screen(page, 'post-liked');
  await page.waitForTimeout(1500); // the persister writes the cache at most once a second
  await page.reload();
  await post.getByRole('button', { name: /^Unlike, / }).waitFor();
  const asReader = await (
    await fetch(`${api.url}/blogs/${postId}`, { headers: { Authorization: `Bearer ${api.token}` } })
  ).json();
  assert(asReader.likedByMe === true, 'the API says the reader likes the post');
  log(`liked ${postId}: ${before9} → ${liked.likes}; still liked after a reload, and the API says likedByMe`);

  // 10. Another browser: the post opened cold from its link, a way back, and the like the server remembers.
  await secondBrowser(browser, base, api, postId, screen);

  // 11. Offline: with the API unreachable, the last feed is read from the persisted cache.
  state.offline = true;
  await page.route(`${api.url}/**`, (route) => route.abort('internetdisconnected'));
  await page.goto(`${base}/`);
  await visible(page, '[data-testid^="open-post-"]').first().waitFor();
  await page.waitForTimeout(500);
  await (
    await touchDrag(page, { from: 260, to: 560 })
  )(); // pull to refresh: it fails
  await page.getByTestId('feed-offline-banner').waitFor({ timeout: 15_000 });
  assert((await visibleCardIds(page)).length > 0, 'cached posts are shown offline');
  await screen(page, 'feed-offline');
  await page.unroute(`${api.url}/**`);
  state.offline = false;
  log('offline: the cached feed is shown with a banner');

  // 12. Saved posts.
  await visible(page, '[data-testid="tab-saved"]').click();
  await page.waitForURL('**/saved');
  await page.getByTestId('saved-screen').getByTestId(`post-card-${savedId}`).waitFor();
  await screen(page, 'saved');
  log(`saved: ${savedId} is in Saved`);

  // 13. Write a post, leave its progress screen for My posts, and be told when it is published.
  await createAndFollow(page, state, api, screen, apiPath);

  // 14. A rejected topic: the reason, and the form again with the topic to edit.
  await rejectedAndEdit(page, screen);

  // 15. Settings: what readers use first, developer settings last.
  await visible(page, '[data-testid="tab-settings"]').click();
  await page.waitForURL('**/settings');
  const sections = await page.$$eval('[data-testid="settings-screen"] [role=heading]', (els) =>
    els.filter((e) => e.getClientRects().length).map((e) => e.textContent),
  );
  assert(
    sections.join('|') === 'Reading|Account|For developers',
    `settings sections: ${sections.join(', ')}`,
  );
  await page.getByText('Signed in to this computer’s AI Blog server.').waitFor();
  await screen(page, 'settings');
  const apiField = page.getByLabel('API server', { exact: true });
  assert((await apiField.inputValue()) === api.url, `Settings shows ${await apiField.inputValue()}`);
  log('settings: reading, account, then the API server for developers');
}

/** The thumbnails of the first cards have loaded. */
async function heroLikeThumbs(page) {
  await page
    .waitForFunction(
      () =>
        [...document.querySelectorAll('[data-testid^="post-card-image-"] img')]
          .slice(0, 3)
          .every((img) => img.complete && img.naturalWidth > 0),
      null,
      { timeout: 15_000 },
    )
    .catch(() => {});
  await page.waitForTimeout(300);
}

/** The shared link in a browser without the app: the post's page, its preview tags, a link into the app. */
async function sharedPage(browser, link, apiPost, screen) {
  // axe-core is injected as a script, which the page's Content-Security-Policy (rightly) refuses.
  const { context, page, problems } = await newPhone(browser, { bypassCSP: true });
  const response = await page.goto(link);
  assert(response.status() === 200, `${link} answered ${response.status()}`);
  const headers = response.headers();
  assert(headers['content-type'] === 'text/html; charset=utf-8', `the page is ${headers['content-type']}`);
  assert(/default-src 'none'/.test(headers['content-security-policy'] ?? ''), 'the page allows no script');
  const meta = (key) => page.locator(`meta[property="${key}"], meta[name="${key}"]`).getAttribute('content');
  assert((await meta('og:title')) === apiPost.title, `og:title is ${await meta('og:title')}`);
  assert((await meta('og:url')) === link, `og:url is ${await meta('og:url')}`);
  assert((await meta('og:description')) === apiPost.summary, 'og:description is the summary');
  assert((await meta('og:image'))?.startsWith('http'), 'og:image is the illustration');
  assert((await meta('twitter:card')) === 'summary_large_image', 'a large Twitter card');
  assert((await page.locator('h1').innerText()) === apiPost.title, 'the page shows the title');
  assert(
    (await page.locator(`a[href="aiblog://post/${apiPost.id}"]`).count()) === 1,
    'a link opens the post in the app',
  );
  await page.waitForFunction(() => [...document.images].every((img) => img.complete));
  await screen(page, 'shared-page');
  const missing = await page.goto(link.replace(/\/p\/.*/, '/p/no-such-post'));
  assert(
    missing.status() === 404 && /This post doesn’t exist/.test(await page.content()),
    'a missing post is an HTML 404',
  );
  assert(
    problems.filter((p) => !/404/.test(p)).length === 0,
    `the shared page reported errors:\n  ${problems.join('\n  ')}`,
  );
  await context.close();
}

/** A second browser opens the post from its link, signs in, sees the like the server remembers, and goes back. */
async function secondBrowser(browser, base, api, postId, screen) {
  const phone = await newPhone(browser);
  try {
    await secondReader(phone, base, api, postId, screen);
  } catch (e) {
    await phone.page.screenshot({ path: path.join(tmpShots, 'FAILED-second-browser.png') }).catch(() => {});
    throw new Error(`second browser: ${e.message}\n  at ${phone.page.url()}`, { cause: e });
  }
  assert(
    phone.problems.length === 0,
    `the second browser reported errors:\n  ${phone.problems.join('\n  ')}`,
  );
  await phone.context.close();
}

async function secondReader({ page, state }, base, api, postId, screen) {
  await page.goto(`${base}/post/${postId}`);
  const post = visible(page, '[data-testid="post-screen"]').first();
  await post.getByTestId('post-title').waitFor();
  await heroLoaded(page);
  await post.getByRole('button', { name: /^Like, / }).waitFor(); // signed out here: the app cannot know
  const back = page
    .getByRole('button', { name: /back/i })
    .or(page.getByRole('link', { name: /back/i }))
    .locator('visible=true')
    .first();
  await back.waitFor();
  await screen(page, 'post-from-link');

  await post.getByTestId('like-button').click();
  await page.waitForURL('**/sign-in**');
  await page.getByLabel('Dev token', { exact: true }).fill(api.token);
  const reread = page.waitForResponse(
    (r) =>
      r.url().startsWith(`${api.url}/blogs/${postId}`) &&
      r.request().method() === 'GET' &&
      !!r.request().headers().authorization,
  );
  await page.getByRole('button', { name: 'Use dev token' }).click();
  await page.waitForURL(`**/post/${postId}`);
  assert(
    (await (await reread).json()).likedByMe === true,
    'after signing in, the API says this reader likes the post',
  );
  await post.getByRole('button', { name: /^Unlike, / }).waitFor();
  log('second browser: opened the post cold; after signing in it shows the like the server remembers');

  await back.click();
  await page.waitForURL((u) => u.pathname === '/');
  await visible(page, '[data-testid^="open-post-"]').first().waitFor();
  log('second browser: Back leads from the post to the feed');

  state.expect404 = true;
  await page.goto(`${base}/post/no-such-post`);
  await page.getByText('This post doesn’t exist').waitFor();
  await screen(page, 'post-not-found');
  await page.getByRole('button', { name: 'Go to the home feed' }).click();
  await page.waitForURL((u) => u.pathname === '/');
  await visible(page, '[data-testid^="open-post-"]').first().waitFor();
  state.expect404 = false;
}

async function createAndFollow(page, state, api, screen, apiPath) {
  await visible(page, '[data-testid="tab-create"]').click();
  await page.waitForURL('**/create');
  const topic = `How lighthouses were kept lit (e2e ${new Date().toISOString().slice(11, 19)})`;
  await page.getByLabel('Topic', { exact: true }).fill(topic);
  await page.getByRole('radio', { name: 'Tone: Playful' }).click();
  await page.getByRole('radio', { name: 'Length: Short' }).click();
  assert(
    (await page.getByRole('radio', { name: 'Tone: Playful' }).getAttribute('aria-checked')) === 'true',
    'the chosen tone says so',
  );
  await screen(page, 'create');

  // The progress screen's own polls are held back, so the reader is on My posts when it ends.
  let release;
  const hold = new Promise((r) => (release = r));
  const single = (u) =>
    apiPath(u.toString(), '/requests/') && /^\/requests\/[^/]+$/.test(new URL(u.toString()).pathname);
  await page.route(single, async (route) => {
    await hold;
    await route.continue().catch(() => {});
  });
  // And the news of its publication is held back until My posts has been photographed with the
  // post in progress (a slow network, nothing changed).
  let mine = null;
  let openGate;
  const gate = new Promise((r) => (openGate = r));
  const list = (u) => apiPath(u.toString(), '/requests') && new URL(u.toString()).pathname === '/requests';
  await page.route(list, async (route) => {
    const response = await route.fetch().catch(() => null);
    if (!response) return route.abort().catch(() => {});
    const body = await response.text();
    if (process.env.E2E_DEBUG) log(`list ${response.status()} ${body.slice(0, 200)}`);
    if (mine && JSON.parse(body).items?.some((i) => i.requestId === mine && i.status === 'PUBLISHED'))
      await gate;
    await route.fulfill({ response, body }).catch(() => {});
  });
  const listed = [];
  page.on('response', async (r) => {
    if (!apiPath(r.url(), '/requests') || new URL(r.url()).pathname !== '/requests' || !r.ok()) return;
    const mine = (await r.json().catch(() => ({ items: [] }))).items.find((i) => i.topic === topic);
    if (mine && listed.at(-1) !== mine.status) listed.push(mine.status);
  });
  const [created] = await Promise.all([
    page.waitForResponse((r) => apiPath(r.url(), '/blogs') && r.request().method() === 'POST'),
    page.getByRole('button', { name: 'Write my post' }).click(),
  ]);
  assert(created.status() === 202, `POST /blogs answered ${created.status()}`);
  const { requestId } = await created.json();
  mine = requestId;
  assert(created.request().headers()['idempotency-key'], 'the create request carries an Idempotency-Key');
  await page.waitForURL(`**/request/${requestId}`);
  await page.getByTestId('request-headline').locator('visible=true').waitFor();
  await screen(page, 'request-progress', { settleMs: 100 });

  // Leave the progress screen the way a reader would: it links to My posts.
  await visible(page, '[data-testid="request-my-posts"]').click();
  await page.waitForURL('**/mine');
  // (If the pipeline was quicker than the first poll, there is no progress to show: the list waits for the gate.)
  const row = visible(page, `[data-testid="my-request-${requestId}"]`);
  if (
    await row.waitFor({ timeout: 5000 }).then(
      () => true,
      () => false,
    )
  ) {
    const shown = await visible(page, `[data-testid="my-request-status-${requestId}"]`).innerText();
    assert(shown !== 'Published', `My posts shows "${shown}" while the news is held back`);
    await screen(page, 'my-posts', { settleMs: 100 });
  } else {
    log('warning: the post was published before My posts first listed it; no in-progress screenshot');
  }
  openGate();
  await row.waitFor();
  const notice = page.getByTestId('notice-banner');
  await notice.getByText('Your post is published').waitFor({ timeout: 120_000 });
  await visible(page, `[data-testid="my-request-status-${requestId}"]`).getByText('Published').waitFor();
  await screen(page, 'my-posts-published', { settleMs: 150 });
  const order = ['QUEUED', 'RUNNING', 'PUBLISHED'];
  assert(
    listed.at(-1) === 'PUBLISHED' &&
      listed.every((s, i) => i === 0 || order.indexOf(s) > order.indexOf(listed[i - 1])),
    `My posts showed ${listed.join(' → ')}`,
  );
  await notice.getByRole('button', { name: 'Read it' }).click();
  await page.waitForURL('**/post/**');
  const title = await visible(page, '[data-testid="post-screen"]')
    .first()
    .getByTestId('post-title')
    .innerText();
  assert(title.startsWith('How lighthouses were kept lit'), `the notice opened "${title}"`);
  release();
  await page.unroute(single);
  await page.unroute(list);
  log(
    `create: ${requestId} listed as ${listed.join(' → ')} in My posts, with a notice when published; opened from the notice`,
  );
}

async function rejectedAndEdit(page, screen) {
  await visible(page, '[data-testid="header-back"]').click();
  await page.waitForURL('**/mine');
  await visible(page, '[data-testid="tab-create"]').click();
  await page.waitForURL('**/create');
  const topic = 'How counterfeit money is spotted';
  await page.getByLabel('Topic', { exact: true }).fill(topic);
  await page.getByRole('button', { name: 'Write my post' }).click();
  await page.waitForURL('**/request/**');
  await visible(page, '[data-testid="request-headline"]')
    .getByText('Your post wasn’t published')
    .waitFor({ timeout: 60_000 });
  await screen(page, 'request-rejected');
  await visible(page, '[data-testid="request-try-again"]').click();
  await page.waitForURL((u) => u.pathname === '/create');
  const field = page.getByLabel('Topic', { exact: true });
  await page.waitForFunction(
    (t) => [...document.querySelectorAll('textarea')].some((el) => el.value === t),
    topic,
  );
  assert((await field.inputValue()) === topic, `the form opened with "${await field.inputValue()}"`);
  log('rejected: the reason shows, and "Edit the topic" opens the form with the topic');
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const backend = await startBackend();
  let server;
  let browser;
  try {
    await seed(backend, MIN_POSTS);
    await exportWeb();
    const served = await serveExport(backend.url);
    server = served.server;
    const base = `http://localhost:${served.port}`;
    log(`serving dist/ at ${base}`);
    await rm(tmpShots, { recursive: true, force: true });
    await mkdir(tmpShots, { recursive: true });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: process.env.E2E_HEADED !== '1',
      args:
        process.env.E2E_HEADED === '1' ? CHROMIUM_FLAGS.filter((f) => f !== '--headless') : CHROMIUM_FLAGS,
    });
    const report = await drive(browser, base, backend);
    await writeFile(path.join(tmpShots, 'axe.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log('\n[e2e] axe-core violations per screen (nodes; critical/serious/moderate/minor):');
    for (const r of report) {
      const rules = [...new Set([...r.lightRules, ...r.darkRules])];
      console.log(`  ${r.screen.padEnd(26)} light ${fmt(r.light)}  dark ${fmt(r.dark)}  ${rules.join(', ')}`);
    }
    if (process.env.E2E_UPDATE_SCREENSHOTS === '1') {
      // Green, and asked for: the screenshots of this run become the committed ones.
      await rm(shotsDir, { recursive: true, force: true });
      await rename(tmpShots, shotsDir);
      log(`passed; ${(await readdir(shotsDir)).length} screenshots in e2e/screenshots/`);
    } else {
      // A test run leaves the committed pictures alone (E2E_UPDATE_SCREENSHOTS=1 replaces them).
      log(`passed; ${(await readdir(tmpShots)).length} screenshots in e2e/screenshots-tmp/`);
    }
  } finally {
    await browser?.close();
    server?.close();
    await backend.stop();
  }
}

// The reader's scenario when run (`npm run e2e`); e2e/review.mjs imports the harness above.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`[e2e] FAILED: ${e.stack ?? e}`);
    console.error('[e2e] screenshots so far are in e2e/screenshots-tmp/');
    process.exit(1);
  });
}
