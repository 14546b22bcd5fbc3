import type { StaffRole } from '@/lib/domain/enums';

/**
 * Who may open the supervisor views (/tablero, /calidad, /causas, /informes, /correo) and their
 * APIs. Apart from access.ts so that code without a request (scripts, the benchmark) can use it.
 */
export const SUPERVISION_ROLES: readonly StaffRole[] = ['supervisor', 'admin'];

export function canSupervise(role: string): boolean {
  return (SUPERVISION_ROLES as readonly string[]).includes(role);
}
