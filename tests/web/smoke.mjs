// Smoke test of the pages without the mutua server: `python3 -m http.server` serves web/ as
// static files, chromium opens every page. No API answers (404), so this checks what can be
// checked without one: every page's modules load and run to the end (main[data-state=ready])
// without an uncaught error, the sign-in form has its labelled fields, and the sign-in page
// renders on a phone. Run by hand: `cd tests/web && npm run smoke`.

import assert from 'node:assert/strict';
import { join } from 'node:path';

import {
  REPO, artifact, freePort, launchChromium, pageReady, startProcess, stopProcess, watchErrors,
} from './support.mjs';

const PAGES = [
  'index.html', 'recherche.html', 'contrat.html?id=C00000001', 'prestation.html?claim=D1&line=1',
  'liste-travail.html', 'relances.html', 'partenaires.html', 'espace-adherent.html', 'journal.html',
];

const port = await freePort();
// -u: unbuffered, so « Serving HTTP on ... » reaches us as soon as it listens.
const server = startProcess('python3', ['-u', '-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', join(REPO, 'web')], {
  ready: /Serving HTTP on/,
});
const base = `http://127.0.0.1:${port}`;
let context;
try {
  await server.started;
  ({ context } = await launchChromium({ viewport: { width: 390, height: 844 } }));
  const page = await context.newPage();
  const errors = watchErrors(page);

  for (const path of PAGES) {
    await page.goto(`${base}/${path}`);
    await pageReady(page);
    assert.deepEqual(errors, [], `${path}: uncaught error`);
    console.log(`ok  ${path}`);
  }

  await page.goto(`${base}/index.html`);
  await pageReady(page);
  assert.equal(await page.getByLabel('Identifiant').getAttribute('data-testid'), 'login-username');
  assert.equal(await page.getByLabel('Mot de passe').getAttribute('data-testid'), 'login-password');
  assert.equal(await page.getByRole('button', { name: 'Se connecter' }).getAttribute('data-testid'), 'login-submit');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Connexion');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, 'no sideways scrolling at 390 px');

  const shot = artifact('smoke-connexion-390x844.png');
  await page.screenshot({ path: shot, fullPage: true });
  console.log(`ok  sign-in page on a phone: ${shot}`);
} finally {
  await context?.close();
  await stopProcess(server.child);
}
