import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { describe, expect, it, vi } from "vitest";
import type { RouterOutputs } from "../../lib/trpc.ts";
import { DocumentView } from "./document-view.tsx";
import { type Answers, trpcDouble } from "./test-support/trpc-double.tsx";

// CodeMirror needs layout jsdom does not have; a text area stands in for it here.
vi.mock("./markdown-editor.tsx", () => import("./test/markdown-editor-stand-in.tsx"));

type Role = "viewer" | "editor" | "admin" | "owner";
const scores = { fleschReadingEase: 55, gradeLevel: 10.2, wordCount: 320 };
const projectId = "0190a2b4-0000-7000-8000-00000000000a";
const documentId = "0190a2b4-0000-7000-8000-00000000000d";

const version = (n: number, active: boolean) => ({
  id: `0190a2b4-0000-7000-8000-00000000010${n}`,
  documentId,
  version: n,
  title: "Specs",
  source: n === 1 ? ("agent" as const) : ("human" as const),
  executionId: null,
  baseVersionId: null,
  agentParentId: null,
  humanParentId: null,
  needsReview: false,
  scores,
  createdBy: null,
  createdAt: "2026-12-01T10:00:00.000Z",
  active,
});

const staleSpecs: RouterOutputs["documents"]["get"] = {
  document: {
    id: documentId,
    projectId,
    step: "specs",
    kind: "specs",
    path: "docs/specs.md",
    title: "Engineering standards",
    stale: true,
    updatedAt: "2026-12-01T10:00:00.000Z",
  },
  version: { ...version(2, true), content: "# Specs\n\nTests before merge.\n" },
};

function answers(role: Role, extra: Answers = {}): Answers {
  return {
    "auth.me": {
      user: { id: "u1", email: "ada@dev.jeex", displayName: "Ada" },
      credential: "session",
      memberships: [],
      activeTenant: { tenantId: "t1", role },
    },
    "tenants.members.list": { items: [], nextCursor: null },
    "documents.list": { items: [], nextCursor: null },
    "documents.versions": { items: [version(2, true), version(1, false)], nextCursor: null },
    ...extra,
  };
}

function renderDocument(
  role: Role,
  url = `/projects/${projectId}/documents/${documentId}`,
  extra: Answers = {},
  data: RouterOutputs["documents"]["get"] = staleSpecs,
) {
  const { Wrapper, calls, queryClient } = trpcDouble(answers(role, extra));
  const router = createMemoryRouter(
    [
      {
        path: "/projects/:projectId/documents/:documentId",
        element: <DocumentView projectId={projectId} data={data} />,
      },
      { path: "/projects/:projectId/documents", element: <h1>The pack</h1> },
    ],
    { initialEntries: [url] },
  );
  render(
    <Wrapper>
      <RouterProvider router={router} />
    </Wrapper>,
  );
  // The role is known once auth.me has answered: only then is a missing control meaningful.
  const roleKnown = () =>
    waitFor(() =>
      expect(
        queryClient
          .getQueryCache()
          .getAll()
          .some(
            (query) => JSON.stringify(query.queryKey).includes('"me"') && query.state.status === "success",
          ),
      ).toBe(true),
    );
  return { calls, roleKnown };
}

describe("the document page offers only what the role may do", () => {
  it("a viewer reads a stale document and its history, with no edit, confirm or make-active controls", async () => {
    const { roleKnown } = renderDocument(
      "viewer",
      `/projects/${projectId}/documents/${documentId}?tab=history`,
    );
    await screen.findByText("Version 1");
    await roleKnown();
    // The tab is named after the document, as its h1 is.
    expect(document.title).toBe("Engineering standards · JEEX Plan");
    expect(screen.getByText(/a document this one builds on changed/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Edit" })).toBeNull();
    expect(screen.queryByRole("button", { name: /Confirm still right/ })).toBeNull();
    expect(screen.queryByRole("button", { name: /Make active/ })).toBeNull();
    expect(screen.getAllByRole("link", { name: /View/ }).length).toBe(2);
  });

  it("an editor gets edit, confirm and re-run on a stale document, and make-active on an older version", async () => {
    renderDocument("editor", `/projects/${projectId}/documents/${documentId}?tab=history`);
    expect(await screen.findByRole("button", { name: "Edit" })).toBeTruthy();
    expect(screen.getByRole("button", { name: /Confirm still right/ })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Re-run step" }).getAttribute("href")).toBe(
      `/projects/${projectId}`,
    );
    await screen.findByText("Version 1");
    expect(screen.getAllByRole("button", { name: /Make active/ })).toHaveLength(1);
  });

  it("until the role is known nothing editable is shown", () => {
    renderDocument("owner");
    expect(screen.queryByRole("button", { name: "Edit" })).toBeNull();
  });
});

describe("the document's title", () => {
  it("is shown once, as the page's one h1, when the Markdown opens with the same heading", async () => {
    const titled: RouterOutputs["documents"]["get"] = {
      document: staleSpecs.document,
      version: {
        ...staleSpecs.version,
        content: "# Engineering standards\n\n## Testing\n\nTests before merge.\n",
      },
    };
    renderDocument("viewer", undefined, {}, titled);
    await screen.findByRole("heading", { name: "Testing" });
    expect(screen.getAllByRole("heading", { level: 1 }).map((heading) => heading.textContent)).toEqual([
      "Engineering standards",
    ]);
    expect(screen.getAllByText("Engineering standards")).toHaveLength(1);
  });
});

describe("a re-run merged with a person's edit", () => {
  const conflicted: RouterOutputs["documents"]["get"] = {
    document: { ...staleSpecs.document, stale: false },
    version: {
      ...version(4, true),
      source: "merged",
      needsReview: true,
      agentParentId: version(3, false).id,
      humanParentId: version(2, false).id,
      content: [
        "# Specs",
        "",
        "<<<<<<< your edit (version 2)",
        "Tests before merge.",
        "=======",
        "Tests after merge.",
        ">>>>>>> agent (version 3, run r1)",
      ].join("\n"),
    },
  };
  const url = `/projects/${projectId}/documents/${documentId}`;
  /** An editor on the conflicted version; documents.resolveMerge answers with version 5 from `source`. */
  const renderResolvable = (source: "agent" | "human") =>
    renderDocument("editor", url, { "documents.resolveMerge": { ...version(5, true), source } }, conflicted);
  const resolveMergeInputs = (calls: { path: string; input: unknown }[]) =>
    calls.filter((call) => call.path === "documents.resolveMerge").map((call) => call.input);

  it("shows the conflict with both sides, and a viewer gets no way to settle it", async () => {
    const { roleKnown } = renderDocument("viewer", url, {}, conflicted);
    const conflict = await screen.findByRole("region", { name: "Conflict" });
    await roleKnown();
    expect(conflict.textContent).toContain("Your edit — your edit (version 2)Tests before merge.");
    expect(conflict.textContent).toContain("Agent's output — agent (version 3, run r1)Tests after merge.");
    expect(screen.getAllByText("Needs review").length).toBeGreaterThan(0);
    expect(
      screen.queryByRole("button", { name: /Resolve in the editor|Take the agent|Keep my edit/ }),
    ).toBeNull();
  });

  it("an editor takes the agent's output: documents.resolveMerge names the merge and the choice", async () => {
    const user = userEvent.setup();
    const { calls } = renderResolvable("agent");
    expect(await screen.findByRole("button", { name: /Resolve in the editor/ })).toBeTruthy();
    expect(screen.getByRole("button", { name: /Keep my edit/ })).toBeTruthy();
    await user.click(screen.getByRole("button", { name: /Take the agent's output/ }));

    expect(await screen.findByText(/The agent's output is active. Saved as version 5./)).toBeTruthy();
    expect(resolveMergeInputs(calls)).toEqual([
      { documentId, versionId: conflicted.version.id, resolution: "agent" },
    ]);
  });
  it("an editor resolves the conflict in the editor: saving accepts the merge with the person's text", async () => {
    const user = userEvent.setup();
    const { calls } = renderResolvable("human");
    await user.click(await screen.findByRole("button", { name: /Resolve in the editor/ }));
    const editor = screen.getByRole("textbox", { name: /docs\/specs.md/ });
    await user.clear(editor);
    await user.type(editor, "# Specs{enter}{enter}Tests before and after merge.");
    await user.click(screen.getByRole("button", { name: /Save as a new version/ }));

    expect(await screen.findByText(/Merge resolved with your text. Saved as version 5./)).toBeTruthy();
    expect(resolveMergeInputs(calls)).toEqual([
      {
        documentId,
        versionId: conflicted.version.id,
        resolution: "accept",
        content: "# Specs\n\nTests before and after merge.",
      },
    ]);
    expect(calls.some((call) => call.path === "documents.saveEdit")).toBe(false);
  });
});

describe("confirming a stale document", () => {
  it("confirm still right calls documents.confirm for this document and says it is no longer stale", async () => {
    const user = userEvent.setup();
    const { calls } = renderDocument("editor", undefined, {
      "documents.confirm": { documentId, versionId: version(2, true).id, stale: false, wasStale: true },
    });
    await user.click(await screen.findByRole("button", { name: /Confirm still right/ }));
    expect(await screen.findByText(/Confirmed as still right/)).toBeTruthy();
    expect(calls.filter((call) => call.path === "documents.confirm").map((call) => call.input)).toEqual([
      { documentId },
    ]);
  });
});

describe("comparing two versions", () => {
  const compareUrl = `/projects/${projectId}/documents/${documentId}?tab=compare`;

  it("shows the server's diff with signs and counts, active against its predecessor by default", async () => {
    const { calls } = renderDocument("viewer", compareUrl, {
      "documents.diff": {
        fromVersion: 1,
        toVersion: 2,
        tooLarge: false,
        unified:
          "===================================================================\n--- docs/specs.md@v1\n+++ docs/specs.md@v2\n@@ -1,3 +1,3 @@\n # Specs\n \n-Tests after merge.\n+Tests before merge.\n",
        stats: { additions: 1, deletions: 1, hunks: 1 },
      },
    });
    const table = await screen.findByRole("table", { name: "Changes from version 1 to version 2" });
    expect(table.querySelector('[data-kind="removed"]')?.textContent).toContain("−removedTests after merge.");
    expect(table.querySelector('[data-kind="added"]')?.textContent).toContain("+addedTests before merge.");
    expect(screen.getByText("+1 added")).toBeTruthy();
    expect(calls.find((call) => call.path === "documents.diff")?.input).toEqual({
      documentId,
      fromVersionId: version(1, false).id,
      toVersionId: version(2, true).id,
    });
  });

  it("says plainly when two versions are too different to diff", async () => {
    renderDocument("viewer", compareUrl, {
      "documents.diff": {
        fromVersion: 1,
        toVersion: 2,
        tooLarge: true,
        reason: "too-many-changes",
        message: "These versions differ in more than 2,000 lines.",
      },
    });
    expect(await screen.findByText("Too different to show as a diff")).toBeTruthy();
    expect(screen.getByText(/differ in more than 2,000 lines/)).toBeTruthy();
    expect(screen.queryByRole("table")).toBeNull();
  });
});

describe("unsaved changes", () => {
  it("leaving with an unsaved edit asks first; staying keeps the draft, leaving goes", async () => {
    const user = userEvent.setup();
    renderDocument("editor");
    await user.click(await screen.findByRole("button", { name: "Edit" }));
    await user.type(screen.getByRole("textbox", { name: "Markdown of docs/specs.md" }), "More tests.");
    await user.click(screen.getByRole("link", { name: "Documents" }));

    const dialog = await screen.findByRole("alertdialog", { name: "Leave without saving?" });
    await user.click(screen.getByRole("button", { name: "Stay and keep editing" }));
    await waitFor(() => expect(dialog.isConnected).toBe(false));
    const editor = screen.getByRole("textbox", { name: "Markdown of docs/specs.md" }) as HTMLTextAreaElement;
    expect(editor.value).toContain("More tests.");

    await user.click(screen.getByRole("link", { name: "Documents" }));
    await user.click(await screen.findByRole("button", { name: "Leave and lose the edit" }));
    expect(await screen.findByRole("heading", { name: "The pack" })).toBeTruthy();
  });

  it("without changes, leaving does not ask", async () => {
    const user = userEvent.setup();
    renderDocument("editor");
    await user.click(await screen.findByRole("button", { name: "Edit" }));
    await user.click(screen.getByRole("link", { name: "Documents" }));
    expect(await screen.findByRole("heading", { name: "The pack" })).toBeTruthy();
    expect(screen.queryByRole("alertdialog")).toBeNull();
  });
});
