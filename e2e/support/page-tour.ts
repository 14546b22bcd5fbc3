import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, showIn, snapBoth } from './fixtures';
import { rawCodesOn } from './raw-codes';

/** A raw key reads as `<namespace>.<key>`, its namespace one of the catalogue's. */
const MESSAGES = path.join(process.cwd(), 'lib', 'i18n', 'messages');
const NAMESPACES = fs
  .readdirSync(MESSAGES)
  .filter((file) => file.endsWith('.es.json') || file === 'es.json')
  .flatMap((file) => Object.keys(JSON.parse(fs.readFileSync(path.join(MESSAGES, file), 'utf8'))));
const RAW_KEY = new RegExp(`\\b(?:${NAMESPACES.join('|')})\\.[a-zA-Z]`);

/** One page of the tour: where it is, the name of its pictures, and its status (200 unless said). */
export interface Stop {
  url: string;
  name: string;
  status?: number;
}

/**
 * Walks every page in Spanish and English (issue 17): each answers with its status, shows a
 * heading, its texts (never a raw key nor a stored code), passes axe, and is photographed at
 * 1366 and 360 px (test-results/screens/tour/<area>-<name>-<locale>-<width>.png; on CI the
 * widths are checked, the pictures not saved) without scrolling sideways on the phone. The browser must log no missing message.
 */
export async function tour(page: Page, area: string, stops: Stop[]): Promise<void> {
  const missing: string[] = [];
  page.on('console', (message) => {
    if (/MISSING_MESSAGE/.test(message.text())) missing.push(message.text());
  });
  await page.setViewportSize({ width: 1366, height: 900 });
  for (const locale of ['es', 'en'] as const) {
    await showIn(page, locale);
    for (const { url, name, status = 200 } of stops) {
      const response = await page.goto(url);
      expect([url, response?.status()]).toEqual([url, status]);
      await expect(page.locator('main h1').first()).toBeVisible();
      const text = await page.locator('body').innerText();
      expect([url, text.match(RAW_KEY)?.[0] ?? null]).toEqual([url, null]);
      expect([url, await rawCodesOn(page)]).toEqual([url, []]);
      await expectAccessible(page);
      await snapBoth(page, `tour/${area}-${name}-${locale}`, { pictures: !process.env.CI });
    }
  }
  expect(missing).toEqual([]);
}
