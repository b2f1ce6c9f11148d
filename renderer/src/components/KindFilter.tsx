interface KindFilterProps<K extends string> {
  kinds: readonly K[];
  value: K | '';
  onChange: (kind: K | '') => void;
}

/** "All kinds" or one fact kind. */
export function KindFilter<K extends string>({ kinds, value, onChange }: KindFilterProps<K>): React.JSX.Element {
  return (
    <select aria-label="Filter by kind" value={value} onChange={(e) => onChange(e.target.value as K | '')}>
      <option value="">All kinds</option>
      {kinds.map((k) => (
        <option key={k} value={k}>
          {k}
        </option>
      ))}
    </select>
  );
}
