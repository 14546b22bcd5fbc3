import type { ProblemStatus } from '@/lib/domain/enums';

/** A problem's status: its word on a tinted, bordered badge (never colour alone). */
export function StatusBadge({ status, label }: { status: ProblemStatus; label: string }) {
  return (
    <span className={`badge problem-status problem-status-${status}`} data-testid="problem-status">
      {label}
    </span>
  );
}
