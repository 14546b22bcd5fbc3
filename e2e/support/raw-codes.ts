import type { Page } from '@playwright/test';
import { CASE_ACTIONS } from '@/lib/domain/case-machine';
import { CASE_STATES, CASE_TYPES, CHANNELS, DECISIONS } from '@/lib/domain/enums';

/**
 * The codes the database stores (state, type, channel, decision, action) that a person must never
 * read as such (issue 17 §2): each has its label.
 */
const CODES = new Set<string>([
  ...CASE_STATES,
  ...CASE_TYPES,
  ...CHANNELS,
  ...DECISIONS,
  ...CASE_ACTIONS,
]);
/** A code with an underscore is never a word of either language, wherever it stands. */
const SNAKE = [...CODES].filter((c) => c.includes('_'));
const SNAKE_CODE = new RegExp(`(?<![\\w/.-])(?:${SNAKE.join('|')})(?![\\w/.-])`);

/**
 * The raw codes a page shows: any snake_case code in its text, and any cell, definition, badge or
 * option whose whole text is a code ('R', 'web', 'radicada'; labels are capitalised or translated).
 */
export async function rawCodesOn(page: Page): Promise<string[]> {
  const text = await page.locator('main').innerText();
  const cells = await page
    .locator('main td, main dd, main .badge, main .state, main option, main th[scope="row"]')
    .allInnerTexts();
  const found = cells.map((c) => c.trim()).filter((c) => CODES.has(c));
  const snake = SNAKE_CODE.exec(text)?.[0];
  return snake ? [snake, ...found] : found;
}

/** The raw codes in a CSV's cells (a cell that is a code, or holds a snake_case one). */
export function rawCodesInCsv(csv: string): string[] {
  const cells = csv
    .replace('\uFEFF', '')
    .split(/\r?\n/)
    .flatMap((line) => line.split(','))
    .map((cell) => cell.replace(/^"|"$/g, '').trim());
  return cells.filter((cell) => CODES.has(cell) || SNAKE_CODE.test(cell));
}
