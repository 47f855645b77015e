import type { DocumentKind } from "@jeex/contracts/memory";
import { useQuery } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { type FormEvent, useState } from "react";
import { useParams, useSearchParams } from "react-router";
import { useTRPC } from "../../lib/trpc.ts";
import { Button } from "../../ui/button.tsx";
import { EmptyState } from "../../ui/empty-state.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { QueryBoundary } from "../../ui/query-boundary.tsx";
import { TextField } from "../../ui/text-field.tsx";
import { BackToWorkflowLink } from "../projects/back-to-workflow-link.tsx";
import { SearchHit } from "./search-hit.tsx";

/** The kinds a hit can come from (contracts' `documentKinds`, copied: no zod in the page). */
const kinds: { kind: DocumentKind; label: string }[] = [
  { kind: "about", label: "About" },
  { kind: "architecture", label: "Architecture" },
  { kind: "adr", label: "ADRs" },
  { kind: "plan-overview", label: "Plan overview" },
  { kind: "plan-epic", label: "Epics" },
  { kind: "specs", label: "Specs" },
];
const hitLimit = 20;

/**
 * Memory search over a project's active documents. The query and kinds live in the URL
 * (`?q=…&kind=adr`), so a search is a link a colleague can open.
 */
export function SearchPage() {
  const { projectId = "" } = useParams();
  const trpc = useTRPC();
  const [params, setParams] = useSearchParams();
  const query = params.get("q") ?? "";
  const selected = params.getAll("kind") as DocumentKind[];
  const [draft, setDraft] = useState(query);
  const [draftKinds, setDraftKinds] = useState<DocumentKind[]>(selected);

  const search = useQuery({
    ...trpc.memory.search.queryOptions({
      projectId,
      query,
      limit: hitLimit,
      ...(selected.length > 0 ? { types: selected } : {}),
    }),
    enabled: query.trim() !== "",
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    if (draft.trim()) next.set("q", draft.trim());
    for (const kind of draftKinds) next.append("kind", kind);
    setParams(next);
  };
  const toggle = (kind: DocumentKind) =>
    setDraftKinds((list) => (list.includes(kind) ? list.filter((k) => k !== kind) : [...list, kind]));

  return (
    <>
      <PageHeader
        title="Search"
        description="Finds passages in the project's active documents by meaning, not only by words."
      />
      <search className="mb-6 block">
        <form onSubmit={submit} className="flex flex-col gap-3">
          <div className="flex flex-wrap items-end gap-2">
            <div className="min-w-0 flex-1 basis-64">
              <TextField
                label="Search the project"
                type="search"
                name="q"
                value={draft}
                onChange={(e) => setDraft(e.target.value)}
                placeholder="e.g. how are payments handled?"
                maxLength={2_000}
              />
            </div>
            <Button type="submit" variant="primary" disabled={draft.trim() === ""}>
              <Search aria-hidden="true" className="size-3.5" />
              Search
            </Button>
          </div>
          <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
            <legend className="sr-only">Only these kinds of document</legend>
            <span aria-hidden="true" className="text-fg-muted">
              Only:
            </span>
            {kinds.map(({ kind, label }) => (
              <label key={kind} className="inline-flex items-center gap-1.5 text-fg">
                <input type="checkbox" checked={draftKinds.includes(kind)} onChange={() => toggle(kind)} />
                {label}
              </label>
            ))}
          </fieldset>
        </form>
      </search>
      {query.trim() === "" ? (
        <EmptyState
          icon={Search}
          title="Search this project's documents"
          description="Ask a question or name a topic; each hit links to the document version it came from."
        />
      ) : (
        <section aria-label="Search results">
          <QueryBoundary
            query={search}
            loadingLabel="Searching"
            errorTitle="The search failed"
            isEmpty={(result) => result.hits.length === 0}
            empty={
              <EmptyState
                title="No passages match"
                description="Try other words, or fewer kinds. Only active versions of documents are searched."
              />
            }
          >
            {(result) => (
              <>
                <p className="mb-2 text-xs text-fg-muted" aria-live="polite">
                  {result.hits.length} {result.hits.length === 1 ? "hit" : "hits"} for “{query}”
                </p>
                <ol className="flex flex-col gap-3">
                  {result.hits.map((hit, index) => (
                    <li key={`${hit.documentId}-${hit.version}-${index}`}>
                      <SearchHit projectId={projectId} hit={hit} />
                    </li>
                  ))}
                </ol>
              </>
            )}
          </QueryBoundary>
        </section>
      )}
      <BackToWorkflowLink projectId={projectId} />
    </>
  );
}
