import './kpis.css';

export interface Kpi {
  label: string;
  value: string;
  note?: string;
  isFlagged?: boolean;
}

/** A row of key figures; each tile reads as "label: value (note)". */
export function Kpis({ items, label }: { items: readonly Kpi[]; label: string }) {
  return (
    <ul className="kpis" aria-label={label}>
      {items.map((k) => (
        <li key={k.label} className="kpi">
          <span className="kpi-label">{k.label}</span>
          <span className={k.isFlagged ? 'kpi-value flag' : 'kpi-value'}>{k.value}</span>
          {k.note ? <span className="kpi-note">{k.note}</span> : null}
        </li>
      ))}
    </ul>
  );
}
