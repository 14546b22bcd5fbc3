/** "How is it calculated": the family's definitions, folded away under its key figures. */
export function FamilyHelp({
  summary,
  items,
}: {
  summary: string;
  items: readonly { term: string; definition: string }[];
}) {
  return (
    <details className="family-help">
      <summary>{summary}</summary>
      <dl>
        {items.map((i) => (
          <div key={i.term}>
            <dt>{i.term}</dt>
            <dd>{i.definition}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
