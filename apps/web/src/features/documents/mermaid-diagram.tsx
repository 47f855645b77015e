import { useEffect, useState } from "react";
import { Spinner } from "../../ui/spinner.tsx";
import { loadMermaid, nextDiagramId } from "./load-mermaid.ts";

type DiagramState =
  | { status: "rendering" }
  | { status: "done"; svg: string }
  | { status: "failed"; message: string };

/** A Mermaid code block drawn as SVG; a diagram that does not parse shows its source and why. */
export function MermaidDiagram({ source }: { source: string }) {
  const [state, setState] = useState<DiagramState>({ status: "rendering" });

  useEffect(() => {
    let current = true;
    setState({ status: "rendering" });
    loadMermaid()
      .then((mermaid) => mermaid.render(nextDiagramId(), source))
      .then(
        ({ svg }) => current && setState({ status: "done", svg }),
        (error: unknown) =>
          current &&
          setState({ status: "failed", message: error instanceof Error ? error.message : String(error) }),
      );
    return () => {
      current = false;
    };
  }, [source]);

  return (
    <figure className="my-4 flex flex-col gap-2 rounded-lg border border-border bg-surface p-3">
      {state.status === "rendering" ? (
        <div className="flex items-center gap-2 text-sm text-fg-muted">
          <Spinner label="Drawing the diagram" />
          <span aria-hidden="true">Drawing the diagram…</span>
        </div>
      ) : null}
      {state.status === "done" ? (
        // Mermaid's own output in strict mode: labels are escaped text, DOMPurify-sanitised.
        <div
          className="mermaid-diagram overflow-x-auto [&_svg]:mx-auto [&_svg]:h-auto [&_svg]:max-w-full"
          data-testid="mermaid-diagram"
          dangerouslySetInnerHTML={{ __html: state.svg }}
        />
      ) : null}
      {state.status === "failed" ? (
        <p role="alert" className="text-sm text-danger">
          This diagram could not be drawn: {state.message}
        </p>
      ) : null}
      <details className="text-xs text-fg-muted">
        <summary className="cursor-pointer">Diagram source</summary>
        <pre className="mt-2 overflow-x-auto rounded-md bg-surface-muted p-2 font-mono text-xs text-fg">
          {source}
        </pre>
      </details>
    </figure>
  );
}
