import { FolderPlus, Search } from "lucide-react";
import { useSearchParams } from "react-router";
import { countOf } from "../../lib/plural.ts";
import { Button } from "../../ui/button.tsx";
import { EmptyState } from "../../ui/empty-state.tsx";
import { ErrorState } from "../../ui/error-state.tsx";
import { PageHeader } from "../../ui/page-header.tsx";
import { QueryLoading } from "../../ui/query-loading.tsx";
import { TextField } from "../../ui/text-field.tsx";
import { useMe } from "../auth/use-me.ts";
import { CreateProjectDialog } from "./create-project-dialog.tsx";
import { ProjectRow } from "./project-row.tsx";
import { useDebouncedValue } from "./use-debounced-value.ts";
import { useProjectList } from "./use-project-list.ts";

/** The tenant's projects: search (kept in the URL, `?q=`), a page at a time, and what the role allows. */
export function ProjectsPage() {
  const [params, setParams] = useSearchParams();
  const typed = params.get("q") ?? "";
  const search = useDebouncedValue(typed.trim());
  const list = useProjectList(search);
  const { can } = useMe();
  const canEdit = can("editor");

  const projects = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader
        title="Projects"
        description="Every project of this tenant. Open one to run its workflow and read its documents."
        actions={canEdit ? <CreateProjectDialog /> : null}
      />
      <search className="mb-4 max-w-md">
        <TextField
          label="Search projects"
          type="search"
          placeholder="Name or description"
          value={typed}
          onChange={(event) => {
            const next = new URLSearchParams(params);
            if (event.target.value) next.set("q", event.target.value);
            else next.delete("q");
            setParams(next, { replace: true });
          }}
        />
      </search>
      <div aria-live="polite" className="sr-only">
        {list.isFetching ? "Loading projects" : `${countOf(projects.length, "project")} shown`}
      </div>
      {list.status === "pending" ? (
        <QueryLoading label="Loading projects" />
      ) : !list.data ? (
        <ErrorState
          error={list.error}
          title="The projects could not be loaded"
          onRetry={() => void list.refetch()}
        />
      ) : projects.length === 0 ? (
        search ? (
          <EmptyState
            icon={Search}
            title={`No project matches “${search}”`}
            description="Try another word, or clear the search."
          />
        ) : (
          <EmptyState
            icon={FolderPlus}
            title="No projects yet"
            description={
              canEdit
                ? "Create the first one: it starts with a description of your idea."
                : "An editor can create one."
            }
            action={canEdit ? <CreateProjectDialog /> : undefined}
          />
        )
      ) : (
        <>
          <ul
            aria-label="Projects"
            className="divide-y divide-border rounded-lg border border-border bg-surface"
          >
            {projects.map((project) => (
              <ProjectRow key={project.id} project={project} canRename={canEdit} canDelete={can("admin")} />
            ))}
          </ul>
          {list.hasNextPage ? (
            <div className="mt-4 flex justify-center">
              <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                Load more
              </Button>
            </div>
          ) : null}
          {list.error ? (
            <div className="mt-4">
              <ErrorState error={list.error} title="The projects could not be refreshed" />
            </div>
          ) : null}
        </>
      )}
    </>
  );
}
