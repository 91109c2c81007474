// Browser tests of the back office against a real `mutua serve` on a demo database.
//
//   cd tests/web && npm ci && MUTUA_BIN=../../build/bin/mutua node --test
//
// Environment:
//   MUTUA_BIN                  the mutua binary (default: build/bin/mutua of this repository)
//   CHROMIUM                   the browser (default: /usr/bin/chromium, Debian's package)
//   MUTUA_WEB_CLAIMS_CONTRACT  a demo contract with decided care lines (default: C00000001)
//   MUTUA_WEB_ATTESTATION_DAY  business date of the attestation scenario (default: the server's
//                              date; the demo member's contract is open that day)
//
// The demo database is expected to hold the users accueil (member_services), prestations
// (claims) and adherent (member of the contract `mutua demo` prints), passwords demo-<user>; the server prints
// « listening on http://127.0.0.1:PORT » when it is ready. Screenshots and the downloaded PDF
// go to tests/web/artifacts/.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';

import {
  REPO, artifact, freePort, launchChromium, pageReady, startProcess, stopProcess, watchErrors,
} from './support.mjs';

const MUTUA_BIN = process.env.MUTUA_BIN ?? join(REPO, 'build', 'bin', 'mutua');
const CLAIMS_CONTRACT = process.env.MUTUA_WEB_CLAIMS_CONTRACT ?? 'C00000001';
// Unset: the server's own date (the demo chooses the member's contract open on that day).
const ATTESTATION_DAY = process.env.MUTUA_WEB_ATTESTATION_DAY;
// The demo member's contract, read from the sign-ins `mutua demo` prints.
let MEMBER_CONTRACT = 'C00000001';

const USERS = {
  accueil: 'demo-accueil',
  prestations: 'demo-prestations',
  adherent: 'demo-adherent',
};

let workDir;
let server;
let baseUrl;
let browser;

before(async () => {
  accessSync(MUTUA_BIN, constants.X_OK);
  workDir = mkdtempSync(join(tmpdir(), 'mutua-web-'));
  const db = join(workDir, 'web.db');
  // The demo: catalogue, population, a year of care and (from the server's side) demo users.
  const demo = await promisify(execFile)(MUTUA_BIN, ['--db', db, 'demo'], { cwd: workDir, timeout: 300_000, maxBuffer: 16 << 20 });
  const member = /adherent\s+\S+\s+member of contract (\S+)/.exec(demo.stdout);
  assert.ok(member, 'the demo prints the member sign-in and its contract');
  MEMBER_CONTRACT = member[1];

  const port = await freePort();
  // --web: the pages of this checkout, whatever directory the binary was built from.
  server = startProcess(MUTUA_BIN, ['--db', db, 'serve', '--port', String(port), '--web', join(REPO, 'web')], {
    cwd: workDir,
    ready: /listening on (http:\/\/\S+)/,
  });
  const [, url] = await server.started;
  baseUrl = url.replace(/\/$/, '');

  ({ context: browser } = await launchChromium());
}, { timeout: 360_000 });

after(async () => {
  await browser?.close();
  await stopProcess(server?.child);
  // The server's output goes next to the screenshots: what one reads first when a run fails.
  if (server) {
    const { stdout, stderr } = server.output();
    writeFileSync(artifact('server.log'), `${stdout}\n--- stderr ---\n${stderr}`);
  }
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/**
 * A fresh page with no session: the persistent context shares cookies between pages, so each
 * scenario starts by dropping them (a scenario signs in as its own user).
 */
async function freshPage(viewport) {
  await browser.clearCookies();
  const page = await browser.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const errors = watchErrors(page);
  return { page, errors };
}

async function signIn(page, user, { today } = {}) {
  await page.goto(`${baseUrl}/index.html${today ? `?today=${today}` : ''}`);
  await pageReady(page);
  await page.getByTestId('login-username').fill(user);
  await page.getByTestId('login-password').fill(USERS[user]);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.endsWith('/index.html') && url.pathname !== '/'),
    page.getByTestId('login-submit').click(),
  ]);
  await pageReady(page);
}

/** Runs a scenario on a fresh page; leaves a screenshot of where it ended, pass or fail. */
async function scenario(name, body, viewport) {
  const { page, errors } = await freshPage(viewport);
  try {
    await body(page);
    assert.deepEqual(errors, [], 'the page threw');
  } finally {
    await page.screenshot({ path: artifact(`${name}.png`), fullPage: true }).catch(() => {});
    await page.close();
  }
}

test('a wrong password is refused in French', { timeout: 60_000 }, () => scenario('connexion-refusee', async (page) => {
  await page.goto(`${baseUrl}/index.html`);
  await pageReady(page);
  // An unknown user: a failure must not count against the users the next scenarios sign in as.
  await page.getByTestId('login-username').fill('inconnu');
  await page.getByTestId('login-password').fill('pas-le-bon');
  await page.getByTestId('login-submit').click();
  await page.getByText('Identifiant ou mot de passe incorrect').waitFor();
  assert.match(page.url(), /index\.html/);
}));

test('member services: search C00000001, open the contract, see its beneficiaries', { timeout: 60_000 }, () => scenario('accueil-contrat', async (page) => {
  await signIn(page, 'accueil');
  assert.match(page.url(), /recherche\.html/);
  assert.match(await page.getByTestId('user-role').textContent(), /adhérents/i, 'role shown in French');

  await page.getByTestId('search-input').fill('C00000001');
  await page.getByTestId('search-submit').click();
  const result = page.getByTestId('search-result').filter({ hasText: 'C00000001' }).first();
  await result.waitFor();
  await Promise.all([page.waitForURL(/contrat\.html\?id=C00000001/), result.click()]);
  await pageReady(page);

  const beneficiaries = page.getByTestId('contract-beneficiaries');
  assert.ok(await beneficiaries.isVisible(), 'beneficiaries shown');
  assert.ok(await page.getByTestId('beneficiary-row').count() >= 1, 'at least one person');
  assert.match(await beneficiaries.textContent(), /C00000001-01/);
  assert.ok(await page.getByTestId('contract-rights').isVisible(), 'rights shown');
  // Care lines are for the claims roles only (GDPR-02): the section is gone, not empty.
  assert.equal(await page.getByTestId('contract-claims').count(), 0);
}));

test('claims: open a contract with care lines and the explanation of one line', { timeout: 60_000 }, () => scenario('prestations-explication', async (page) => {
  await signIn(page, 'prestations');
  await page.goto(`${baseUrl}/contrat.html?id=${CLAIMS_CONTRACT}`);
  await pageReady(page);

  assert.ok(await page.getByTestId('claim-line').count() >= 1, `${CLAIMS_CONTRACT} has care lines`);
  await page.getByTestId('claim-detail-link').first().click();
  const explanation = page.getByTestId('claim-explanation');
  await explanation.waitFor();
  assert.ok(await page.getByTestId('claim-step').count() >= 1, 'the steps of the computation');
  assert.match(await explanation.textContent(), /BEN-\d+/, 'each step names its rule');
}));

test('member: download the attestation de tiers payant (a PDF)', { timeout: 60_000 }, () => scenario('adherent-attestation', async (page) => {
  await signIn(page, 'adherent', { today: ATTESTATION_DAY });
  assert.match(page.url(), /espace-adherent\.html/);
  assert.match(await page.getByTestId('member-cover').textContent(), new RegExp(MEMBER_CONTRACT));

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('attestation-button').click(),
  ]);
  const file = artifact('attestation.pdf');
  await download.saveAs(file);
  const bytes = readFileSync(file);
  assert.equal(bytes.subarray(0, 4).toString('latin1'), '%PDF', 'the file is a PDF');
}));

test('the contract page on a phone (390 × 844)', { timeout: 60_000 }, () => scenario('contrat-telephone', async (page) => {
  await signIn(page, 'accueil');
  await page.goto(`${baseUrl}/contrat.html?id=${MEMBER_CONTRACT}`);
  await pageReady(page);
  assert.ok(await page.getByTestId('contract-beneficiaries').isVisible());
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, 'no sideways scrolling of the page');
  await page.screenshot({ path: artifact('contrat-390x844.png'), fullPage: true });
}, { width: 390, height: 844 }));
