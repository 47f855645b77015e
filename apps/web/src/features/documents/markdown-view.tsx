import { useMemo } from "react";
import Markdown, { type Components, type ExtraProps } from "react-markdown";
import { Link } from "react-router";
import remarkGfm from "remark-gfm";
import { textContent, withoutRepeatedTitle } from "./leading-title.ts";
import { MermaidDiagram } from "./mermaid-diagram.tsx";

type Element = NonNullable<ExtraProps["node"]>;

function mermaidSource(pre: Element | undefined): string | undefined {
  const code = pre?.children[0];
  if (code?.type !== "element" || code.tagName !== "code") return undefined;
  const classes = code.properties.className;
  return Array.isArray(classes) && classes.includes("language-mermaid") ? textContent(code) : undefined;
}

/**
 * Documents use headings from `#`; the page's title is its one h1, so every level moves down one.
 * Styles are Tailwind classes per element (no typography plugin, no runtime CSS).
 */
const baseComponents: Components = {
  h1: ({ node: _node, ...props }) => <h2 className="mt-6 mb-3 text-xl font-semibold text-fg" {...props} />,
  h2: ({ node: _node, ...props }) => (
    <h3 className="mt-6 mb-2 border-b border-border pb-1 text-lg font-semibold text-fg" {...props} />
  ),
  h3: ({ node: _node, ...props }) => <h4 className="mt-5 mb-2 text-base font-semibold text-fg" {...props} />,
  h4: ({ node: _node, ...props }) => <h5 className="mt-4 mb-2 text-sm font-semibold text-fg" {...props} />,
  h5: ({ node: _node, ...props }) => <h6 className="mt-4 mb-2 text-sm font-semibold text-fg" {...props} />,
  h6: ({ node: _node, ...props }) => (
    <h6 className="mt-4 mb-2 text-sm font-medium text-fg-muted" {...props} />
  ),
  p: ({ node: _node, ...props }) => <p className="my-3 leading-relaxed" {...props} />,
  ul: ({ node: _node, ...props }) => <ul className="my-3 list-disc space-y-1 pl-6" {...props} />,
  // GFM task items ("- [ ] open question") render a read-only checkbox; its name says its state.
  input: ({ node: _node, ...props }) =>
    props.type === "checkbox" ? (
      <input {...props} aria-label={props.checked ? "Done" : "Not done yet"} />
    ) : (
      <input {...props} />
    ),
  ol: ({ node: _node, ...props }) => <ol className="my-3 list-decimal space-y-1 pl-6" {...props} />,
  blockquote: ({ node: _node, ...props }) => (
    <blockquote className="my-3 border-l-4 border-border pl-3 text-fg-muted" {...props} />
  ),
  hr: () => <hr className="my-6 border-border" />,
  table: ({ node: _node, ...props }) => (
    <div className="scroll-edges-x my-4">
      <table className="w-full border-collapse text-sm" {...props} />
    </div>
  ),
  th: ({ node: _node, ...props }) => (
    <th className="border border-border bg-surface-muted px-2 py-1 text-left font-semibold" {...props} />
  ),
  // A minimum width keeps prose cells readable on a phone: the table scrolls instead.
  td: ({ node: _node, ...props }) => (
    <td className="min-w-32 border border-border px-2 py-1 align-top" {...props} />
  ),
  code: ({ node: _node, className, ...props }) => (
    <code
      className={className ?? "rounded bg-surface-muted px-1 py-0.5 font-mono text-[0.85em]"}
      {...props}
    />
  ),
  pre: ({ node, ...props }) => {
    const source = mermaidSource(node);
    if (source !== undefined) return <MermaidDiagram source={source} />;
    return (
      <pre
        className="my-3 overflow-x-auto rounded-md border border-border bg-surface-muted p-3 font-mono text-xs"
        {...props}
      />
    );
  },
};

export interface MarkdownViewProps {
  content: string;
  /** Maps a link inside the pack (`adr/ADR-001-….md`) to the app's page for it, if there is one. */
  resolveLink?: ((href: string) => string | undefined) | undefined;
  /** The title the page shows as its h1: a leading `# Title` saying the same is not repeated. */
  pageTitle?: string | undefined;
}

/** A document as GitHub would show it (GFM tables, task lists); raw HTML is not rendered. */
export function MarkdownView({ content, resolveLink, pageTitle }: MarkdownViewProps) {
  const components = useMemo<Components>(
    () => ({
      ...baseComponents,
      a: ({ node: _node, href, ...props }) => {
        const internal = href && resolveLink ? resolveLink(href) : undefined;
        if (internal) return <Link to={internal} className="underline" {...props} />;
        return <a className="underline" rel="noreferrer" href={href} {...props} />;
      },
    }),
    [resolveLink],
  );
  const allowElement = useMemo(
    () => (pageTitle === undefined ? undefined : withoutRepeatedTitle(pageTitle)),
    [pageTitle],
  );
  return (
    <div className="min-w-0 text-base text-fg">
      <Markdown remarkPlugins={[remarkGfm]} components={components} allowElement={allowElement} skipHtml>
        {content}
      </Markdown>
    </div>
  );
}
