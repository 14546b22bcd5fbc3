import { sql } from 'drizzle-orm';
import type { Conn } from '../client';

/** An open case due by the alert horizon, with who answers for it. */
export interface DueCase {
  id: number;
  radicado: string;
  subject: string;
  dueAt: number;
  dueKey: string;
  assigneeId: number | null;
  supervisorId: number | null;
}

/** Open cases (not paused, not answered) due at or before `limitMs`, soonest first. */
export async function casesDueBy(db: Conn, limitMs: number): Promise<DueCase[]> {
  return await db.all<DueCase>(
    sql`SELECT c.id, c.radicado, c.subject, c.due_at AS dueAt,
              c.due_date AS dueKey,
              c.assignee_id AS assigneeId, t.supervisor_id AS supervisorId
       FROM cases c LEFT JOIN teams t ON t.id = c.team_id
       WHERE c.state IN ('radicada', 'en_tramite', 'requiere_informacion')
         AND c.due_at IS NOT NULL AND c.due_at <= ${limitMs}
       ORDER BY c.due_at`,
  );
}
