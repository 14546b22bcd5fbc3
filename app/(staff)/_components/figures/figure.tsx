import type { ReactNode } from 'react';
import './figures.css';

export interface Column {
  key: string;
  label: string;
  /** Numbers are right-aligned. */
  numeric?: boolean;
}

export type Cell = ReactNode;

/**
 * A figure of a supervisor view: its title, the chart and the same numbers as an accessible table
 * (caption, column headers, the first cell of each row as its header).
 */
export function Figure({
  id,
  title,
  description,
  chart,
  columns,
  rows,
  empty,
  actions,
}: {
  id?: string;
  title: string;
  description?: ReactNode;
  chart?: ReactNode;
  columns: readonly Column[];
  rows: readonly (readonly Cell[])[];
  /** Shown instead of chart and table when there are no rows. */
  empty: string;
  actions?: ReactNode;
}) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <figure className="figure card" id={id} aria-labelledby={headingId}>
      <div className="figure-head">
        <h2 id={headingId} className="figure-title">
          {title}
        </h2>
        {actions ? <div className="figure-actions">{actions}</div> : null}
      </div>
      {description ? <div className="figure-description">{description}</div> : null}
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <>
          {chart}
          <DataTable caption={title} columns={columns} rows={rows} />
        </>
      )}
    </figure>
  );
}

export function DataTable({
  caption,
  columns,
  rows,
  captionHidden = true,
}: {
  caption: string;
  columns: readonly Column[];
  rows: readonly (readonly Cell[])[];
  captionHidden?: boolean;
}) {
  return (
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="data-table">
        <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.numeric ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={i} className={columns[i]?.numeric ? 'num' : undefined}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
