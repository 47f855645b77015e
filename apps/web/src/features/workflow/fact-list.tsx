import { classNames } from "../../ui/class-names.ts";

/** Term–value pairs in two aligned columns (a run's facts, an estimate). */
export function FactList({ facts, truncate = false }: { facts: [string, string][]; truncate?: boolean }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-xs">
      {facts.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-fg-muted">{term}</dt>
          <dd className={classNames("min-w-0 text-fg", truncate && "truncate")}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
