#!/usr/bin/env node
// End-to-end test of the editor's review (issue 13), in Debian's Chromium at a phone viewport, against
// `./aiblog serve` started with REVIEW_MODE=REQUIRED and AIBLOG_EDITORS=alice (its own instance, its own
// data, so the reader's run in e2e/run.mjs is untouched by it):
//
//   1. bob asks for a post (POST /blogs with bob's dev token); it waits in AWAITING_REVIEW and is not in the feed;
//   2. bob, signed in to the app, has no Review tab, and My posts says "Awaiting review";
//   3. alice, an editor, signs in: the Review tab shows, with the draft in the queue; she opens it, reads the
//      body in preview, opens and cancels the rejection dialog, edits the title, is asked before Back
//      throws the edit away (and keeps editing), and approves;
//   4. back in the queue with a confirmation; the post appears in the feed with the new title, and says who
//      reviewed it.
//
// Dev tokens per user: the local API reads `<token>:<user>` as that user (LocalHttpApi).
// Every screen in both themes through axe-core, the 44 px targets and the names of controls, as in run.mjs.
//
//   npm run e2e:review                                   # starts ../aiblog serve itself, with the review env
//   AIBLOG_API_URL=http://localhost:3000 AIBLOG_DEV_TOKEN=<token> npm run e2e:review
//       # or uses one started with REVIEW_MODE=REQUIRED AIBLOG_EDITORS=alice
//
// E2E_SKIP_EXPORT=1 reuses dist/; E2E_UPDATE_SCREENSHOTS=1 keeps the pictures in e2e/screenshots-review/.
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

import { chromium } from 'playwright-core';

import {
  assert,
  CHROMIUM_FLAGS,
  exportWeb,
  fmt,
  heroLoaded,
  log,
  mobile,
  newPhone,
  screens,
  serveExport,
  startBackend,
  touchDrag,
  visible,
} from './run.mjs';

const EDITOR = 'alice';
const REQUESTER = 'bob';
const REVIEW_ENV = { REVIEW_MODE: 'REQUIRED', AIBLOG_EDITORS: EDITOR };
const shotsDir = path.join(mobile, 'e2e', 'screenshots-review');
const tmpShots = path.join(mobile, 'e2e', 'screenshots-review-tmp');
const SCREENS = [
  'my-posts-awaiting-review',
  'review-queue',
  'review-draft',
  'review-draft-preview',
  'review-reject-dialog',
  'review-draft-edited',
  'review-leave-dialog',
  'review-approved',
  'review-published',
];

const asUser = (token, user) => `${token}:${user}`;
const auth = (token) => ({ Authorization: `Bearer ${token}` });

/** bob asks for a post; it is written and waits for an editor. */
async function requestDraft(api, topic) {
  const token = asUser(api.token, REQUESTER);
  const res = await fetch(`${api.url}/blogs`, {
    method: 'POST',
    headers: { ...auth(token), 'Content-Type': 'application/json' },
    body: JSON.stringify({ topic }),
  });
  const body = await res.text();
  assert(res.status === 202, `POST /blogs answered ${res.status}: ${body}`);
  const { requestId } = JSON.parse(body);
  const deadline = Date.now() + 120_000;
  for (;;) {
    const req = await (await fetch(`${api.url}/requests/${requestId}`, { headers: auth(token) })).json();
    if (req.status === 'AWAITING_REVIEW') break;
    assert(
      !['PUBLISHED', 'REJECTED', 'FAILED'].includes(req.status),
      `request ${requestId} ended ${req.status} (${req.reason}) instead of waiting for review: is serve running with REVIEW_MODE=REQUIRED?`,
    );
    assert(Date.now() < deadline, `request ${requestId} still ${req.status} after 120s`);
    await new Promise((r) => setTimeout(r, 300));
  }
  const feed = await (await fetch(`${api.url}/feed?limit=50`)).json();
  assert(!feed.items.some((p) => p.title.includes(topic)), 'a draft awaiting review is not in the feed');
  const asBob = await fetch(`${api.url}/reviews`, { headers: auth(token) });
  assert(asBob.status === 403, `GET /reviews as ${REQUESTER} answered ${asBob.status} (want 403)`);
  log(
    `${REQUESTER}'s request ${requestId} waits in AWAITING_REVIEW, not in the feed; ${REQUESTER} gets 403 on /reviews`,
  );
  return requestId;
}

async function signIn(page, base, token) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Dev token', { exact: true }).fill(token);
  const me = page.waitForResponse((r) => new URL(r.url()).pathname === '/me' && r.ok(), { timeout: 30_000 });
  await page.getByRole('button', { name: 'Use dev token' }).click();
  await page.waitForURL((u) => u.pathname === '/');
  return (await me).json();
}

/** bob: no Review tab; My posts says the post awaits review. */
async function requester(browser, base, api, requestId, { screen }) {
  const { context, page, problems } = await newPhone(browser);
  try {
    const me = await signIn(page, base, asUser(api.token, REQUESTER));
    assert(me.editor === false, `${REQUESTER} is not an editor (GET /me: ${JSON.stringify(me)})`);
    await visible(page, '[data-testid="tab-mine"]').waitFor();
    await page.waitForTimeout(300);
    assert(
      (await visible(page, '[data-testid="tab-review"]').count()) === 0,
      `${REQUESTER} has no Review tab`,
    );
    await visible(page, '[data-testid="tab-mine"]').click();
    await page.waitForURL('**/mine');
    const status = visible(page, `[data-testid="my-request-status-${requestId}"]`);
    await status.waitFor();
    assert((await status.innerText()) === 'Awaiting review', `My posts says "${await status.innerText()}"`);
    await screen(page, 'my-posts-awaiting-review');
    log(`${REQUESTER}: no Review tab; My posts says "Awaiting review"`);
  } catch (e) {
    await page.screenshot({ path: path.join(tmpShots, 'FAILED-requester.png') }).catch(() => {});
    throw new Error(`${REQUESTER}: ${e.message}\n  at ${page.url()}`, { cause: e });
  }
  assert(problems.length === 0, `${REQUESTER}'s page reported errors:\n  ${problems.join('\n  ')}`);
  await context.close();
}

/** alice: the queue, the draft, an edited title, approve; then the post in the feed. */
async function editor(browser, base, api, requestId, newTitle, { screen }) {
  const { context, page, problems } = await newPhone(browser);
  try {
    const me = await signIn(page, base, asUser(api.token, EDITOR));
    assert(me.editor === true, `${EDITOR} is an editor (GET /me: ${JSON.stringify(me)})`);
    await visible(page, '[data-testid="tab-review"]').click();
    await page.waitForURL('**/review');
    const card = visible(page, `[data-testid="open-review-${requestId}"]`);
    await card.waitFor();
    await page
      .waitForFunction(
        (id) =>
          [...document.querySelectorAll(`[data-testid="review-card-image-${id}"] img`)].every(
            (img) => img.complete && img.naturalWidth > 0,
          ),
        requestId,
        { timeout: 15_000 },
      )
      .catch(() => {});
    await screen(page, 'review-queue');

    await card.click();
    await page.waitForURL(`**/review/${requestId}`);
    const title = page.getByLabel('Title', { exact: true });
    await title.waitFor();
    const before = await title.inputValue();
    await heroLoaded(page);
    await screen(page, 'review-draft');

    await page.getByRole('radio', { name: 'Preview' }).click();
    const body = visible(page, '[data-testid="draft-preview"] [data-testid="post-body"]');
    await body.waitFor();
    assert(!/(^|\n)#{1,6} /.test(await body.innerText()), 'the preview renders the markdown');
    await screen(page, 'review-draft-preview');

    await page.getByRole('button', { name: 'Reject this draft' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Reject draft' }).click();
    await page.getByTestId('reject-reason-error').waitFor();
    await screen(page, 'review-reject-dialog', { settleMs: 200 });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });

    await title.fill(newTitle);
    await page.getByTestId('draft-title-label-edited').waitFor();
    await screen(page, 'review-draft-edited');
    // Back with edits asks first; the editor keeps editing.
    await visible(page, '[data-testid="header-back"]').click();
    const leave = page.getByRole('dialog');
    await leave.getByText('Leave without your edits?').waitFor();
    await screen(page, 'review-leave-dialog', { settleMs: 200 });
    await leave.getByRole('button', { name: 'Keep editing' }).click();
    await leave.waitFor({ state: 'detached' });
    assert(new URL(page.url()).pathname === `/review/${requestId}`, 'the editor is still on the draft');
    assert((await title.inputValue()) === newTitle, 'the edit is still there');
    const [decided] = await Promise.all([
      page.waitForResponse(
        (r) => new URL(r.url()).pathname === `/reviews/${requestId}` && r.request().method() === 'POST',
      ),
      page.getByRole('button', { name: 'Approve with edits' }).click(),
    ]);
    assert(decided.status() === 202, `POST /reviews/${requestId} answered ${decided.status()}`);
    const sent = decided.request().postDataJSON();
    assert(
      sent.decision === 'approve' && sent.title === newTitle && sent.body === undefined,
      `the approval sent ${JSON.stringify(sent)}`,
    );
    await page.waitForURL((u) => u.pathname === '/review');
    await page.getByTestId('notice-banner').getByText('Approved').waitFor();
    await visible(page, `[data-testid="open-review-${requestId}"]`)
      .waitFor({ state: 'detached' })
      .catch(() => {});
    assert(
      (await visible(page, `[data-testid="open-review-${requestId}"]`).count()) === 0,
      'the approved draft left the queue',
    );
    await screen(page, 'review-approved', { settleMs: 150 });
    log(`${EDITOR}: edited "${before}" to "${newTitle}" and approved it`);

    // The feed: publishing follows the decision within moments; pull to refresh until it is there.
    await page
      .getByTestId('notice-dismiss')
      .click()
      .catch(() => {});
    await visible(page, '[data-testid="tab-feed"]').click();
    await page.waitForURL((u) => u.pathname === '/');
    const published = visible(page, '[data-testid^="open-post-"]').filter({ hasText: newTitle });
    const deadline = Date.now() + 90_000;
    while (!(await published.count())) {
      assert(Date.now() < deadline, `"${newTitle}" is not in the feed 90s after the approval`);
      await page.mouse.wheel(0, -100_000);
      const release = await touchDrag(page, { from: 260, to: 560 });
      await release();
      await page.waitForTimeout(1000);
    }
    await published.first().click();
    await page.waitForURL('**/post/**');
    const post = visible(page, '[data-testid="post-screen"]').first();
    assert((await post.getByTestId('post-title').innerText()) === newTitle, 'the post has the new title');
    const reviewedBy = await post.getByTestId('post-reviewed-by').innerText();
    assert(reviewedBy === `Reviewed by ${EDITOR}`, `the post says "${reviewedBy}"`);
    await heroLoaded(page);
    await screen(page, 'review-published');
    log(`feed: "${newTitle}" is published, reviewed by ${EDITOR}`);
  } catch (e) {
    await page.screenshot({ path: path.join(tmpShots, 'FAILED-editor.png') }).catch(() => {});
    throw new Error(`${EDITOR}: ${e.message}\n  at ${page.url()}`, { cause: e });
  }
  assert(problems.length === 0, `${EDITOR}'s page reported errors:\n  ${problems.join('\n  ')}`);
  await context.close();
}

async function main() {
  const backend = await startBackend(REVIEW_ENV);
  let server;
  let browser;
  try {
    const topic = `How lighthouses were kept lit (review e2e ${new Date().toISOString().slice(11, 19)})`;
    const requestId = await requestDraft(backend, topic);
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
    const shots = screens({ names: SCREENS, dir: tmpShots });
    await requester(browser, base, backend, requestId, shots);
    await editor(
      browser,
      base,
      backend,
      requestId,
      `Keeping the lights on (${new Date().toISOString().slice(11, 19)})`,
      shots,
    );

    await writeFile(path.join(tmpShots, 'axe.json'), `${JSON.stringify(shots.report, null, 2)}\n`);
    console.log('\n[e2e:review] axe-core violations per screen (nodes; critical/serious/moderate/minor):');
    for (const r of shots.report) {
      const rules = [...new Set([...r.lightRules, ...r.darkRules])];
      console.log(`  ${r.screen.padEnd(30)} light ${fmt(r.light)}  dark ${fmt(r.dark)}  ${rules.join(', ')}`);
    }
    if (process.env.E2E_UPDATE_SCREENSHOTS === '1') {
      await rm(shotsDir, { recursive: true, force: true });
      await rename(tmpShots, shotsDir);
      log(`passed; ${(await readdir(shotsDir)).length} screenshots in e2e/screenshots-review/`);
    } else {
      log(`passed; ${(await readdir(tmpShots)).length} screenshots in e2e/screenshots-review-tmp/`);
    }
  } finally {
    await browser?.close();
    server?.close();
    await backend.stop();
  }
}

main().catch((e) => {
  console.error(`[e2e:review] FAILED: ${e.stack ?? e}`);
  console.error('[e2e:review] screenshots so far are in e2e/screenshots-review-tmp/');
  process.exit(1);
});
