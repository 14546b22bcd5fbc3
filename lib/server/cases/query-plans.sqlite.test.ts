/**
 * Hot look-ups answer from an index, never a scan of `cases` (issue 15): the predicates below are
 * those of the case page's story, the petitioner's record, the repeat-contact offer and the case
 * link. A dropped or unusable index turns a plan into "SCAN cases" and fails here.
 */
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { DATED_COUNT_PARTS } from '@/db/sql/queue-counts';
import { createTestDb } from '../testing/test-db';

let db: Db;
let cleanup: () => void;
beforeEach(() => {
  ({ db, cleanup } = createTestDb());
  db.run(
    sql`CREATE VIRTUAL TABLE temp.case_search_words USING fts5vocab(main, case_search_terms, row)`,
  );
});
afterEach(() => cleanup());

const plan = (query: string) =>
  db
    .all<{ detail: string }>(sql.raw(`EXPLAIN QUERY PLAN ${query}`))
    .map((r) => r.detail)
    .join(' | ');

const OPEN = "state in ('radicada', 'en_tramite', 'requiere_informacion')";
const AGENT_SCOPE = '(assignee_id = 6 OR team_id = 2 OR (team_id IS NULL AND assignee_id IS NULL))';
const QUEUE_ORDER = 'ORDER BY priority desc, due_at is null, due_at, id LIMIT 25';

describe('query plans', () => {
  it.each([
    [
      'cases merged into a case (its story)',
      'SELECT id FROM cases WHERE merged_into_id = 7',
      'cases_merged_into_idx',
    ],
    ['a case by radicado', "SELECT id FROM cases WHERE radicado = 'PQRS-2026-000001'", 'radicado'],
    ['a petitioner’s cases', 'SELECT id FROM cases WHERE customer_id = 3', 'cases_customer_idx'],
    [
      'open cases answering to an address',
      "SELECT id FROM cases WHERE lower(response_address) = 'ana@example.co'",
      'cases_response_address_idx',
    ],
    [
      'petitioners by e-mail',
      "SELECT id FROM customers WHERE lower(email) = 'ana@example.co'",
      'customers_email_idx',
    ],
    [
      'an agent’s own open cases in queue order',
      `SELECT id FROM cases WHERE assignee_id = 6 AND ${OPEN} AND ${AGENT_SCOPE} ${QUEUE_ORDER}`,
      'cases_assignee_queue_idx',
    ],
    [
      'the team’s open cases in queue order',
      `SELECT id FROM cases WHERE team_id = 2 AND ${OPEN} AND ${AGENT_SCOPE} ${QUEUE_ORDER}`,
      'cases_team_queue_idx',
    ],
    [
      // db/sql/search.ts newestMatches: FTS5 walks newest first and stops; the scope is a probe.
      'an agent’s newest search matches',
      `SELECT case_search.rowid FROM case_search CROSS JOIN cases ON cases.id = case_search.rowid
       WHERE case_search MATCH '"factura" OR "facturas"' AND ${AGENT_SCOPE}
       ORDER BY case_search.rowid DESC LIMIT 501`,
      'SEARCH cases USING INTEGER PRIMARY KEY',
    ],
    [
      'the words a search prefix starts (its vocabulary)',
      `SELECT term FROM temp.case_search_words WHERE term >= 'factura' AND term < 'facturb' LIMIT 33`,
      // Both bounds reach fts5vocab (0x200 | 0x400): it seeks to the prefix and stops after it.
      'VIRTUAL TABLE INDEX 1537:',
    ],
  ])('%s uses its index', (_name, query, index) => {
    const detail = plan(query);
    expect(detail).toContain(index);
    expect(detail).not.toMatch(/SCAN (cases|customers)\b(?! USING)/);
    expect(detail).not.toContain('TEMP B-TREE');
  });

  // The staff and petitioner case pages run these on every request, as prepared statements
  // (core/prepared.ts): each reads one case's rows through an index (a few rows may be sorted).
  it.each([
    [
      'a case’s timeline',
      'SELECT e.id FROM case_events e LEFT JOIN staff_users s ON s.id = e.actor_id WHERE e.case_id = 7 ORDER BY e.id',
      'case_events_case_idx',
    ],
    [
      'a case’s first answer',
      "SELECT id FROM case_events WHERE case_id = 7 AND action = 'answer' ORDER BY id LIMIT 1",
      'case_events_case_idx',
    ],
    [
      'a case’s promises',
      'SELECT id FROM promises WHERE case_id = 7 ORDER BY due_at',
      'promises_case_idx',
    ],
    ['a case’s messages', 'SELECT id FROM outbox WHERE case_id = 7 ORDER BY id', 'outbox_case_idx'],
    ['a message by its id', "SELECT status FROM outbox WHERE message_id = 'm-1'", 'message_id'],
    [
      'a case’s files',
      'SELECT id FROM attachments WHERE case_id = 7 ORDER BY id',
      'attachments_case_idx',
    ],
    [
      'a case’s links, either way',
      'SELECT kind FROM case_links WHERE case_id = 7 OR related_case_id = 7',
      'case_links_related_idx',
    ],
    [
      'a case’s open pause',
      'SELECT paused_at FROM case_pauses WHERE case_id = 7 AND resumed_at IS NULL',
      'case_pauses_case_idx',
    ],
    [
      'a case’s rating',
      'SELECT id FROM result_ratings WHERE case_id = 7',
      'result_ratings_case_uq',
    ],
    [
      'a petitioner’s other cases, newest first',
      'SELECT id FROM cases WHERE customer_id = 3 AND id <> 7 ORDER BY received_at DESC LIMIT 10',
      'cases_customer_idx',
    ],
  ])('%s uses its index', (_name, query, index) => {
    const detail = plan(query);
    expect(detail).toContain(index);
    expect(detail).not.toMatch(
      /SCAN (cases|customers|case_events|promises|outbox|attachments|case_links|case_pauses|result_ratings)\b(?! USING)/,
    );
  });

  // The dated tabs of every queue request (db/sql/queue-counts.ts): each part of the scope is a
  // range of an index; the common parts are counted from the index alone.
  it.each([
    ['everyone', 'COVERING INDEX cases_state_due_idx'],
    ['team', 'COVERING INDEX cases_team_state_due_idx'],
    ['own', 'COVERING INDEX cases_assignee_state_due_idx'],
    ['noTeam', 'COVERING INDEX cases_team_state_due_idx'],
    ['ownOutsideTeam', 'cases_assignee_state_due_idx'],
    ['pool', 'cases_team_state_due_idx'],
  ] as const)('the dated count of the part "%s" reads %s', (part, index) => {
    const detail = plan(DATED_COUNT_PARTS[part].replace(/@\w+/g, '5'));
    expect(detail).toContain(index);
    expect(detail).not.toMatch(/SCAN cases\b(?! USING)/);
  });
});
