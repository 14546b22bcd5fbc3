import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { mintSessionToken, SESSION_COOKIE } from '@/lib/server/auth/minted-session';
import { E2E_ENV, E2E_VERB_PORT } from './env';

/**
 * Asks the verb server (verbs.ts) for a verb, from a short-lived Node process so specs can call it
 * synchronously; prints the JSON answer, or the verb's stack and fails.
 */
const VERB_CLIENT = `
const { verb, body, port } = JSON.parse(process.argv[1]);
fetch('http://127.0.0.1:' + port + '/' + verb, { method: 'POST', body })
  .then(async (r) => {
    const text = await r.text();
    if (r.ok) process.stdout.write(text);
    else { process.stderr.write(verb + ': ' + (JSON.parse(text).error ?? text)); process.exitCode = 1; }
  });
`;

/** Runs a server verb (see verbs.ts) against the e2e database and returns its JSON result. */
export function runVerb<T = unknown>(verb: string, args: unknown = {}): T {
  const request = JSON.stringify({ verb, body: JSON.stringify(args), port: E2E_VERB_PORT });
  const out = execFileSync(process.execPath, ['-e', VERB_CLIENT, request], { encoding: 'utf8' });
  return JSON.parse(out) as T;
}

/**
 * The text of a case's queued mail of a kind, as sent (a constancia is queued as its parameters
 * and composed when it leaves: its stored body_text is empty until then).
 */
export const mailText = (caseId: number, kind: string): string =>
  runVerb<{ text: string }>('mail-text', { caseId, kind }).text;

export interface StaffFixture {
  id: number;
  email: string;
  name: string;
  role: 'agent' | 'supervisor' | 'admin';
  teamId: number | null;
  password: string;
}

let counter = 0;
/** A fresh staff user with a unique email, created through the real verb. */
export function createStaff(
  overrides: Partial<Omit<StaffFixture, 'id'>> & { teamName?: string } = {},
): StaffFixture {
  counter += 1;
  const unique = `${Date.now().toString(36)}${counter}`;
  let teamId = overrides.teamId ?? null;
  if (overrides.teamName) {
    teamId = runVerb<{ id: number }>('create-team', {
      input: { name: `${overrides.teamName} ${unique}` },
    }).id;
  }
  const input = {
    email: overrides.email ?? `e2e-${unique}@ventanilla.test`,
    name: overrides.name ?? 'Laura Gómez',
    role: overrides.role ?? 'agent',
    password: overrides.password ?? 'Contrasena-segura-1',
    ...(teamId ? { teamId } : {}),
  };
  const { id } = runVerb<{ id: number }>('create-staff', { input });
  return { id, teamId, ...input };
}

/** Signs in without the form (STYLE.md rule 9): a session cookie minted with the server's secret. */
export async function signInAs(page: Page, user: StaffFixture): Promise<void> {
  const token = await mintSessionToken(user, E2E_ENV.NEXTAUTH_SECRET);
  await page.context().addCookies([
    {
      name: SESSION_COOKIE,
      value: token,
      url: E2E_ENV.NEXTAUTH_URL,
      httpOnly: true,
      sameSite: 'Lax',
    },
  ]);
}

/** Fails on serious or critical accessibility violations (WCAG 2.1 AA rules). */
export async function expectAccessible(
  page: Page,
  options: { exclude?: string[] } = {},
): Promise<void> {
  // Next streams a dynamic page's metadata after its content: wait for the <title> to arrive.
  await page.waitForFunction(() => document.title.trim().length > 0);
  // Plus "label in name" (WCAG 2.5.3), which axe ships disabled as experimental.
  let builder = new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } });
  // A sandboxed frame (a mail's HTML, shown inert) runs no script: axe would wait 30 s for it.
  for (const selector of ['iframe[sandbox=""]', ...(options.exclude ?? [])]) {
    builder = builder.exclude(selector);
  }
  const results = await builder.analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}

/** Saves a full-page screenshot for people to look at (test-results/screens). */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({
    path: path.join('test-results', 'screens', `${name}.png`),
    fullPage: true,
  });
}

/** The language a page is shown in (the locale cookie), for the next navigation. */
export async function showIn(page: Page, locale: 'es' | 'en') {
  await page
    .context()
    .addCookies([{ name: 'NEXT_LOCALE', value: locale, url: E2E_ENV.NEXTAUTH_URL }]);
}

/**
 * Full-page screenshots at desktop and phone width; the phone one must not scroll sideways.
 * `pictures: false` checks the widths without saving pictures (the page tour on CI, where nobody
 * opens them: a few hundred full-page pictures cost minutes).
 */
export async function snapBoth(page: Page, name: string, { pictures = true } = {}) {
  for (const width of [1366, 360]) {
    await page.setViewportSize({ width, height: 900 });
    if (pictures) await snap(page, `${name}-${width}`);
    if (width === 360) {
      // Charts follow a resize a frame or two later (ResizeObserver): wait for them to settle.
      await expect
        .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), {
          message: name,
        })
        .toBeLessThanOrEqual(0);
    }
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

/** Our alert boxes (Next's route announcer also has role=alert, and announces page titles). */
/** Opens one action of the staff case page and returns its form. */
export async function openAction(page: Page, name: string) {
  await page.getByText(name, { exact: true }).first().click();
  return page
    .locator('details[open]')
    .filter({ has: page.getByText(name, { exact: true }) })
    .last();
}

export const formAlert = (page: Page) => page.getByRole('alert').and(page.locator('.alert'));

export const test = base;
export { expect };
