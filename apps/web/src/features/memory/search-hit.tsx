import type { MemoryHit } from "@jeex/contracts/memory";
import { Link } from "react-router";
import { Badge } from "../../ui/badge.tsx";
import { Card } from "../../ui/card.tsx";

/** One passage: where it is (path, version, heading), how close it is, and its text. */
export function SearchHit({ projectId, hit }: { projectId: string; hit: MemoryHit }) {
  return (
    <Card className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <Link to={`/projects/${projectId}/documents/${hit.documentId}`} className="font-medium">
          {hit.path}
        </Link>
        <span className="text-xs text-fg-muted">v{hit.version}</span>
        <Badge className="ml-auto">
          <span className="sr-only">Similarity </span>
          {hit.score.toFixed(3)}
        </Badge>
      </div>
      {hit.heading ? <p className="text-xs text-fg-muted">{hit.heading}</p> : null}
      <p className="line-clamp-4 whitespace-pre-wrap break-words text-sm text-fg">{hit.text}</p>
    </Card>
  );
}
