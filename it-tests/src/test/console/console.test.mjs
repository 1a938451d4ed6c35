// End-to-end tests of the web console in a real browser: playwright-core driving Debian's Chromium
// against a running Colloquy server. ConsoleContract (it-tests) starts the server on each backend
// and runs this file with:
//   COLLOQUY_URL          the server's base URL, without a trailing slash
//   COLLOQUY_ADMIN_TOKEN  an admin token of that server
//   CONSOLE_SCREENSHOTS   the folder the screenshots go to
//   CONSOLE_SECRETS       a file this run writes the secrets it used into (the caller checks that
//                         none of them reached the server's log)
//   CHROMIUM              the browser (default /usr/bin/chromium)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const BASE = required('COLLOQUY_URL').replace(/\/$/, '');
const ADMIN = required('COLLOQUY_ADMIN_TOKEN');
const SHOTS = required('CONSOLE_SCREENSHOTS');
const SECRETS = required('CONSOLE_SECRETS');
const CONSOLE = BASE + '/console/';
const ZONE = 'Asia/Tokyo'; // +09:00 all year: the expected local times are exact
const XSS_TITLE = '<b>Bold</b> <img src=x onerror="window.__xss=1">';
const XSS_CONTENT = '<script>window.__xss=2</script><img src=x onerror="window.__xss=3"> & <a href="javascript:window.__xss=5">click</a>';
const LONG_TAIL = 'the very end of a long answer: pelican';

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`set ${name}`);
  }
  return value;
}

async function call(method, path, token, body) {
  const response = await fetch(BASE + path, {
    method,
    headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json', Accept: 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

async function ok(method, path, token, body) {
  const answer = await call(method, path, token, body);
  assert.ok(answer.status >= 200 && answer.status < 300, `${method} ${path}: ${answer.status} ${JSON.stringify(answer.json)}`);
  return answer.json;
}

let browser;
let context;
let page;
let projectToken;
const data = {};
const foreignRequests = [];
const tokenInUrls = [];
const secrets = [];

function watch(ctx) {
  // Everything the console loads must come from its own server: the page works offline.
  ctx.route('**/*', (route) => {
    const url = route.request().url();
    if (!url.startsWith(BASE + '/') && !url.startsWith('data:')) {
      foreignRequests.push(url);
      return route.abort();
    }
    return route.continue();
  });
  ctx.on('request', (request) => {
    for (const secret of secrets) {
      if (request.url().includes(secret)) {
        tokenInUrls.push(request.url());
      }
    }
  });
}

async function newContext(options) {
  const ctx = await browser.newContext({ timezoneId: ZONE, locale: 'en-GB', viewport: { width: 1280, height: 900 }, ...options });
  await watch(ctx);
  return ctx;
}

async function shot(p, name) {
  await p.screenshot({ path: join(SHOTS, name + '.png'), fullPage: false });
}

async function signIn(p, secret) {
  await p.goto(CONSOLE);
  await p.getByLabel('Token').fill(secret);
  await p.getByRole('button', { name: 'Sign in' }).click();
  await p.getByRole('heading', { level: 1, name: 'Conversations' }).waitFor();
}

/** The local time text the console shows for an instant, in ZONE. */
function tokyo(iso) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  secrets.push(ADMIN);
  const project = await ok('POST', '/v1/projects', ADMIN, { name: 'console-' + Date.now() });
  data.project = project;
  projectToken = (await ok('POST', `/v1/projects/${project.id}/tokens`, ADMIN, { name: 'console' })).secret;
  secrets.push(projectToken);

  for (let i = 1; i <= 24; i++) {
    const c = await ok('POST', '/v1/conversations', projectToken, { title: `Filler ${i}`, tags: ['filler'] });
    await ok('POST', `/v1/conversations/${c.id}/messages`, projectToken, { messages: [{ role: 'user', content: `filler message ${i}` }] });
  }

  const long = Array.from({ length: 80 }, (_, i) => `Line ${i + 1} of a long answer about the itinerary.`).join('\n') + '\n' + LONG_TAIL;
  data.trip = await ok('POST', '/v1/conversations', projectToken, {
    key: 'trip-lisbon',
    title: 'Trip to Lisbon',
    tags: ['travel', 'plans'],
    metadata: { customer: 'acme', tier: 2 },
  });
  data.tripMessages = (
    await ok('POST', `/v1/conversations/${data.trip.id}/messages`, projectToken, {
      messages: [
        { role: 'system', content: 'You are a travel assistant.' },
        { role: 'user', content: 'What will the weather be in Lisbon on Friday?' },
        { role: 'assistant', content: null, toolCalls: [{ id: 'call_1', name: 'get_weather', arguments: '{"city":"Lisbon","day":"friday"}' }] },
        { role: 'tool', content: null, toolResults: [{ toolCallId: 'call_1', toolName: 'get_weather', content: 'sunny, 24 °C' }] },
        { role: 'assistant', content: long, metadata: { model: 'test-model' } },
      ],
    })
  ).items;

  // A conversation long enough that the hit is outside the last page of its history.
  data.birds = await ok('POST', '/v1/conversations', projectToken, { title: 'Bird watching', tags: ['nature'] });
  const birds = [];
  for (let i = 1; i <= 80; i++) {
    birds.push({ role: i % 2 ? 'user' : 'assistant', content: i === 5 ? 'We saw a pink flamingo near the estuary.' : `Bird note ${i}.` });
  }
  await ok('POST', `/v1/conversations/${data.birds.id}/messages`, projectToken, { messages: birds });

  data.xss = await ok('POST', '/v1/conversations', projectToken, { title: XSS_TITLE });
  await ok('POST', `/v1/conversations/${data.xss.id}/messages`, projectToken, {
    messages: [
      { role: 'user', content: XSS_CONTENT, parts: [{ type: 'image', url: 'javascript:window.__xss=4' }] },
      { role: 'assistant', content: 'An answer with a link part.', parts: [{ type: 'image', url: 'https://example.org/cat.png', mimeType: 'image/png' }] },
    ],
  });
  data.edit = await ok('POST', '/v1/conversations', projectToken, { title: 'Edit me', tags: ['draft'] });
  data.remove = await ok('POST', '/v1/conversations', projectToken, { title: 'Delete me' });

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  context = await newContext();
  page = await context.newPage();
});

after(async () => {
  writeFileSync(SECRETS, secrets.join('\n') + '\n');
  if (browser) {
    await browser.close();
  }
});

test('the console is served with a strict Content-Security-Policy and no inline script', async () => {
  const response = await page.goto(BASE + '/');
  assert.equal(new URL(page.url()).pathname, '/console/', 'the root leads to the console');
  const csp = response.headers()['content-security-policy'];
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(response.headers()['x-content-type-options'], 'nosniff');
  assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline script');
  assert.equal(await page.locator('[onclick],[onload],[onerror]').count(), 0, 'no inline handler');
  assert.equal(response.headers()['access-control-allow-origin'], undefined, 'CORS stays closed');
  const api = await page.request.get(BASE + '/v1/tags', { headers: { Authorization: 'Bearer ' + projectToken, Origin: 'https://elsewhere.example' } });
  assert.equal(api.headers()['access-control-allow-origin'], undefined, "the API's CORS stays closed");
});

test('signing in keeps the token in the browser tab only, never in a URL', async () => {
  await page.goto(CONSOLE);
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await shot(page, 'sign-in');
  await page.getByLabel('Token').fill('cq_not-a-token-at-all-0000000000000000');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').filter({ hasText: 'not accepted' }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'a refused token is not kept');

  // Keyboard only: the token field has the focus, Enter signs in.
  await page.getByLabel('Token').fill('');
  await page.getByLabel('Token').focus();
  await page.keyboard.type(projectToken);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Conversations' }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.getItem('colloquy.token')), projectToken);
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing in local storage');
  assert.equal(await page.evaluate(() => document.cookie), '', 'no cookie');
  assert.ok(!page.url().includes(projectToken));
  assert.equal(await page.getByRole('link', { name: 'Projects' }).isVisible(), false, 'a project token sees no projects');

  // A new tab of the same browser starts signed out: session storage is per tab.
  const other = await context.newPage();
  await other.goto(CONSOLE);
  await other.getByRole('heading', { name: 'Sign in' }).waitFor();
  await other.close();
});

test('conversations are listed with their tags, metadata and counts, filtered and paged', async () => {
  await page.goto(CONSOLE + '#/conversations');
  const cards = page.locator('.card');
  await cards.first().waitFor();
  assert.equal(await cards.count(), 20, 'a page has 20 conversations');
  const trip = cards.filter({ hasText: 'Trip to Lisbon' });
  assert.equal(await trip.count(), 1, 'the newest conversations come first');
  assert.deepEqual(await trip.locator('.tag').allTextContents(), ['plans', 'travel']);
  assert.match(await trip.textContent(), /"customer":"acme"/);
  assert.match(await trip.textContent(), /5 messages/);
  assert.match(await trip.textContent(), /trip-lisbon/);
  await shot(page, 'conversations');

  await page.getByRole('link', { name: 'Next page' }).click();
  await page.getByRole('link', { name: 'First page' }).waitFor();
  const total = 24 + 5;
  assert.equal(await page.locator('.card').count(), total - 20, 'the second page has the rest');
  assert.equal(await page.getByRole('link', { name: 'Next page' }).count(), 0);

  await page.getByRole('link', { name: 'First page' }).click();
  await page.getByLabel('Tag', { exact: true }).selectOption('travel');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.card').length === 1);
  assert.equal(await page.locator('.card h2').textContent(), 'Trip to Lisbon');
  assert.ok(page.url().includes('tag=travel'));

  await page.goto(CONSOLE + '#/conversations');
  await page.getByLabel('Metadata').fill('customer=acme');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.card').length === 1);
  assert.equal(await page.locator('.card h2').textContent(), 'Trip to Lisbon');

  await page.goto(CONSOLE + '#/conversations');
  await page.getByLabel('Updated since').fill('2999-01-01T00:00');
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByText('No conversation matches.').waitFor();
  assert.ok(decodeURIComponent(page.url()).includes('updatedSince=2998-12-31T15:00:00.000Z'), 'the local time is sent as an instant');
});

test('a conversation reads as a transcript: roles, tool calls and results distinct, long text folded, local times', async () => {
  await page.goto(CONSOLE + '#/conversations');
  await page.getByRole('link', { name: 'Trip to Lisbon' }).click();
  await page.getByRole('heading', { level: 1, name: 'Trip to Lisbon' }).waitFor();
  const messages = page.locator('.transcript > li');
  assert.equal(await messages.count(), 5);
  assert.deepEqual(await messages.evaluateAll((nodes) => nodes.map((n) => n.dataset.role)), ['system', 'user', 'assistant', 'tool', 'assistant']);
  assert.equal(await page.locator('.message.role-user').count(), 1);

  const call = page.locator('.message[data-seq="3"] .tool-call');
  assert.match(await call.textContent(), /get_weather/);
  assert.match(await call.locator('pre').textContent(), /"city": "Lisbon"/, 'arguments pretty-printed');
  const result = page.locator('.message[data-seq="4"] .tool-result');
  assert.match(await result.textContent(), /Tool result/);
  assert.match(await result.textContent(), /sunny, 24 °C/);

  const long = page.locator('.message[data-seq="5"]');
  assert.ok(!(await long.textContent()).includes(LONG_TAIL), 'a long message is folded');
  const unfold = long.getByRole('button', { name: /Show all/ });
  assert.equal(await unfold.getAttribute('aria-expanded'), 'false');
  await unfold.click();
  assert.ok((await long.textContent()).includes(LONG_TAIL), 'and unfolds');
  assert.equal(await long.getByRole('button', { name: 'Show less' }).getAttribute('aria-expanded'), 'true');
  assert.match(await long.locator('details.meta').textContent(), /test-model/);

  const stored = data.tripMessages[1].createdAt;
  const time = page.locator('.message[data-seq="2"] time');
  assert.equal(await time.getAttribute('datetime'), stored);
  assert.equal(await time.textContent(), tokyo(stored), "shown in the viewer's zone");
  await long.getByRole('button', { name: 'Show less' }).click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'transcript');
});

test('text from the API is shown as text, never run as markup', async () => {
  await page.evaluate(() => {
    window.__xss = undefined;
  });
  await page.goto(CONSOLE + '#/c/' + data.xss.id);
  await page.locator('.transcript').waitFor();
  assert.equal(await page.locator('h1').textContent(), XSS_TITLE);
  assert.equal(await page.locator('.message[data-seq="1"] .text').first().textContent(), XSS_CONTENT);
  assert.equal(await page.locator('main img, main script, main b').count(), 0, 'no element made from the text');
  assert.equal(await page.locator('a[href^="javascript:"]').count(), 0, 'a javascript: URL is never a link');
  assert.match(await page.locator('.message[data-seq="1"] .media').textContent(), /javascript:window.__xss=4/);
  const link = page.locator('.message[data-seq="2"] .media a');
  assert.equal(await link.getAttribute('href'), 'https://example.org/cat.png');
  assert.match(await link.getAttribute('rel'), /noreferrer/);
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'no script ran');

  await page.goto(CONSOLE + '#/conversations');
  const card = page.locator('.card').filter({ hasText: '<b>Bold</b>' });
  assert.equal(await card.locator('h2').textContent(), XSS_TITLE);
  await page.goto(CONSOLE + '#/search?q=' + encodeURIComponent('script xss'));
  await page.locator('.hits').waitFor();
  assert.equal(await page.locator('main img, main script').count(), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'no script ran');
});

test('search shows highlighted snippets that lead into the transcript at the hit', async () => {
  await page.goto(CONSOLE + '#/search');
  await page.getByLabel('Query').fill('flamingo');
  await page.getByRole('button', { name: 'Search' }).click();
  const hit = page.locator('.hits > li').first();
  await hit.waitFor();
  assert.equal(await page.locator('.hits > li').count(), 1);
  assert.equal(await hit.locator('mark').textContent(), 'flamingo');
  assert.match(await hit.textContent(), /user message #5/);
  assert.match(await hit.textContent(), /score \d+\.\d{3}/);
  await shot(page, 'search');

  await hit.getByRole('link', { name: 'Bird watching' }).click();
  const target = page.locator('#m-5');
  await target.waitFor();
  assert.ok(page.url().includes('seq=5'));
  assert.equal(await target.getAttribute('class'), 'message role-user hit');
  assert.equal(await page.evaluate(() => document.activeElement && document.activeElement.id), 'm-5', 'the hit has the focus');
  assert.ok(await target.isVisible());
  const box = await target.boundingBox();
  const viewport = page.viewportSize();
  assert.ok(box.y >= 0 && box.y + box.height <= viewport.height, 'the hit is scrolled into view');
  assert.equal(await target.locator('mark').textContent(), 'flamingo');
  // The window around the hit pages both ways.
  assert.equal(await page.locator('.transcript > li').first().getAttribute('data-seq'), '1');
  await page.getByRole('button', { name: 'Load later messages' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.transcript > li').length === 80);
  assert.equal(await page.getByRole('button', { name: 'Load later messages' }).isVisible(), false);

  // The full syntax and the filters reach the API.
  await page.goto(CONSOLE + '#/search?q=' + encodeURIComponent('"bird note" -flamingo') + '&role=assistant&limit=5');
  await page.locator('.hits').waitFor();
  assert.equal(await page.locator('.hits > li').count(), 5);
  for (const text of await page.locator('.hits > li').allTextContents()) {
    assert.match(text, /assistant message/);
  }
  assert.equal(await page.getByLabel('Role').inputValue(), 'assistant');
  assert.deepEqual(await page.locator('.hits > li').first().locator('mark').allTextContents(), ['Bird', 'note']);

  // A refused search shows the server's problem.
  await page.goto(CONSOLE + '#/search?q=bird&conversationId=not-an-id');
  await page.getByRole('alert').waitFor();
  assert.match(await page.getByRole('alert').textContent(), /conversationId/);
});

test('title and tags are edited in place', async () => {
  await page.goto(CONSOLE + '#/c/' + data.edit.id);
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Title').fill('Edited title');
  await page.getByRole('textbox', { name: 'Tags' }).fill('alpha, beta');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('heading', { level: 1, name: 'Edited title' }).waitFor();
  assert.deepEqual(await page.locator('.conversation .tag').allTextContents(), ['alpha', 'beta']);
  const stored = await ok('GET', `/v1/conversations/${data.edit.id}`, projectToken);
  assert.equal(stored.title, 'Edited title');
  assert.deepEqual(stored.tags, ['alpha', 'beta']);

  // A refused edit shows the problem and changes nothing.
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByRole('textbox', { name: 'Tags' }).fill('x'.repeat(300));
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByRole('alert').waitFor();
  assert.deepEqual((await ok('GET', `/v1/conversations/${data.edit.id}`, projectToken)).tags, ['alpha', 'beta']);
});

test('deleting asks first, and cancelling keeps the conversation', async () => {
  await page.goto(CONSOLE + '#/c/' + data.remove.id);
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /Delete me/);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.equal((await call('GET', `/v1/conversations/${data.remove.id}`, projectToken)).status, 200);

  await page.getByRole('button', { name: 'Delete' }).click();
  await page.keyboard.press('Escape');
  assert.equal((await call('GET', `/v1/conversations/${data.remove.id}`, projectToken)).status, 200, 'Escape cancels');

  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete conversation' }).click();
  await page.getByRole('heading', { level: 1, name: 'Conversations' }).waitFor();
  assert.equal((await call('GET', `/v1/conversations/${data.remove.id}`, projectToken)).status, 404);
});

test('the page is usable from the keyboard, with labelled fields and readable contrast', async () => {
  await page.goto(CONSOLE + '#/conversations');
  await page.locator('.card').first().waitFor();
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll('main input, main select, main textarea')].filter((c) => c.labels.length === 0).map((c) => c.name),
  );
  assert.deepEqual(unlabelled, []);

  await page.locator('body').focus();
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => document.activeElement && document.activeElement.textContent === 'Trip to Lisbon');
  }
  assert.ok(reached, 'Tab reaches the conversations');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Trip to Lisbon' }).waitFor();

  for (const where of ['#/conversations', '#/c/' + data.trip.id, '#/search?q=flamingo']) {
    await page.goto(CONSOLE + where);
    await page.locator('main h1').waitFor();
    await page.waitForFunction(() => !document.querySelector('main [role="status"].muted'));
    const low = await page.evaluate(lowContrast);
    assert.deepEqual(low, [], `contrast on ${where}`);
  }
});

test('a phone-sized screen needs no sideways scrolling', async () => {
  const phone = await newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  const small = await phone.newPage();
  await signIn(small, projectToken);
  await small.locator('.card').first().waitFor();
  assert.ok(await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the list fits');
  await small.goto(CONSOLE + '#/c/' + data.trip.id);
  await small.locator('.transcript').waitFor();
  assert.ok(await small.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the transcript fits');
  await shot(small, 'phone-transcript');
  await phone.close();
});

test('an admin token manages projects and tokens; a new secret is shown once and works', async () => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'signing out forgets the token');
  await signIn(page, ADMIN);
  await page.getByRole('link', { name: 'Projects' }).click();
  await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();
  assert.ok((await page.locator('table').textContent()).includes(data.project.name));

  await page.getByLabel('New project name').fill('Made in the console');
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('heading', { level: 1, name: 'Made in the console' }).waitFor();
  await page.getByLabel('New token name').fill('ci-bot');
  await page.getByRole('button', { name: 'Create token' }).click();
  const secret = (await page.locator('#new-secret').textContent()).trim();
  secrets.push(secret);
  assert.match(secret, /^cq_/);
  assert.equal((await call('GET', '/v1/tags', secret)).status, 200, 'the new secret works');
  assert.ok(!page.url().includes(secret));
  await shot(page, 'project-tokens');

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Made in the console' }).waitFor();
  await page.locator('tr', { hasText: 'ci-bot' }).waitFor();
  assert.ok(!(await page.content()).includes(secret), 'the secret is shown only once');

  await page.locator('tr', { hasText: 'ci-bot' }).getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
  await page.locator('tr', { hasText: 'ci-bot' }).getByText('revoked').waitFor();
  assert.equal((await call('GET', '/v1/tags', secret)).status, 401, 'a revoked token stops working');

  await page.getByRole('button', { name: 'Delete project' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete project' }).click();
  await page.getByRole('heading', { level: 1, name: 'Projects' }).waitFor();
  assert.ok(!(await page.locator('table').textContent()).includes('Made in the console'));
});

test('a token revoked while signed in signs the console out', async () => {
  const made = await ok('POST', `/v1/projects/${data.project.id}/tokens`, ADMIN, { name: 'short-lived' });
  secrets.push(made.secret);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, made.secret);
  await ok('DELETE', `/v1/tokens/${made.id}`, ADMIN);
  await page.goto(CONSOLE + '#/search?q=flamingo');
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  assert.match(await page.getByRole('alert').textContent(), /Signed out/);
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);
});

test('nothing was fetched from anywhere but the server, and no token was put in a URL', () => {
  assert.deepEqual(foreignRequests, []);
  assert.deepEqual(tokenInUrls, []);
});

/** Text whose colour is below WCAG AA contrast on the background it is drawn on (runs in the page). */
function lowContrast() {
  const parse = (text) => {
    const m = text.match(/rgba?\(([^)]+)\)/);
    if (!m) {
      return null;
    }
    const [r, g, b, a] = m[1].split(/[ ,/]+/).filter((x) => x).map(Number);
    return { r, g, b, a: a === undefined ? 1 : a };
  };
  const luminance = ({ r, g, b }) => {
    const channel = (c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  };
  const background = (node) => {
    for (let n = node; n; n = n.parentElement) {
      const color = parse(getComputedStyle(n).backgroundColor);
      if (color && color.a > 0) {
        return color;
      }
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const low = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const node = text.parentElement;
    if (!text.textContent.trim() || !node || !node.checkVisibility()) {
      continue;
    }
    const style = getComputedStyle(node);
    const fg = parse(style.color);
    const bg = background(node);
    const [light, dark] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    const ratio = (light + 0.05) / (dark + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) {
      low.push(`${node.tagName}.${node.className} "${text.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}`);
    }
  }
  return low;
}
