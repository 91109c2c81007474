// Shared by the browser tests: Debian's chromium driven by playwright-core (no browser
// download), free ports, and waiting for a child process to say it is ready.

import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const REPO = join(HERE, '..', '..');
export const ARTIFACTS = join(HERE, 'artifacts');

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** A headless chromium with a fresh profile; `options` go to launchPersistentContext. */
export async function launchChromium(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'mutua-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    acceptDownloads: true,
    viewport: { width: 1280, height: 800 },
    ...options,
  });
  return { context, profile };
}

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a long-running process and resolves with the first match of `ready` in its stdout.
 * Rejects if the process exits first or nothing matches within `timeoutMs`; the error carries
 * what the process wrote, which is what one needs to see when a server fails to start.
 */
export function startProcess(command, args, { ready, timeoutMs = 30_000, cwd } = {}) {
  const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const started = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${command} not ready after ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = ready.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${command} exited (${signal ?? code}) before being ready\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    });
  });
  return { child, started, output: () => ({ stdout, stderr }) };
}

/** Stops a child process: SIGTERM, then SIGKILL if it lingers. */
export async function stopProcess(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Where a screenshot or a downloaded file goes (tests/web/artifacts/, not committed). */
export function artifact(name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

/** Collects the page's uncaught errors: a page that throws has failed, whatever it shows. */
export function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

/** Waits until the page says it has drawn everything (app.js sets main[data-state=ready]). */
export function pageReady(page, timeout = 15_000) {
  return page.waitForSelector('main[data-state="ready"]', { timeout });
}
