import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, type Browser, type Page } from '@playwright/test';
import type * as HostModule from '../../src/main/testhost/server';
import type { TestHost } from '../../src/main/testhost/server';

/** The built test host (out/main): the same services and contract handlers the app uses. */
async function loadHost(): Promise<typeof HostModule> {
  const built = path.resolve('out/main/testhost.js');
  return (await import(built)) as typeof HostModule;
}

export const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

interface Fixtures {
  /** A fresh data folder and test host for each test. */
  host: TestHost & { dataDir: string };
  /** Opens the app in the page and waits for the first screen. */
  openApp: (page?: Page) => Promise<void>;
}

export const test = base.extend<Fixtures>({
  host: async ({}, use) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tandem-e2e-'));
    const { startTestHost } = await loadHost();
    const host = await startTestHost({ dataDir });
    await use(Object.assign(host, { dataDir }));
    await host.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  },
  openApp: async ({ page, host }, use) => {
    await use(async (p = page) => {
      await p.goto(host.url);
      await p.locator('.sidebar').waitFor();
    });
  },
});

export { expect } from '@playwright/test';

/** Writes a screenshot where CI and the README pick it up. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

/** The demo project with a five-segment run chosen (what the partner and plan pages score against); its id. */
export async function demoWithSegments(host: TestHost): Promise<number> {
  const jobs = host.services.jobs as unknown as { start(kind: string, p: object): { id: string }; wait(id: string): Promise<{ result?: unknown; state?: string }> };
  const demo = jobs.start('demo', {});
  const id = ((await jobs.wait(demo.id)).result as { projectId: number }).projectId;
  const seg = jobs.start('segment', { projectId: id, settings: { k: 5, seed: 1 } });
  const done = await jobs.wait(seg.id);
  if (done.state !== 'done') throw new Error(`segmentation ended ${done.state}`);
  return id;
}

/** A page of its own browser context in a language and colour scheme, opened at a route of the app. */
export async function openIn(browser: Browser, host: TestHost, lang: { locale: string; theme: 'light' | 'dark' }, hash: string): Promise<Page> {
  const context = await browser.newContext({ locale: lang.locale, colorScheme: lang.theme, viewport: { width: 1360, height: 860 } });
  const page = await context.newPage();
  await page.goto(host.url + hash);
  await page.locator('.sidebar').waitFor();
  return page;
}
