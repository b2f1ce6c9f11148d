export function FactKindBadge({ kind }: { kind: string }): React.JSX.Element {
  return <span className={`bd-kind is-${kind}`}>{kind}</span>;
}
