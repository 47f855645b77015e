import { render, screen } from "@testing-library/react";
import { TRPCClientError } from "@trpc/client";
import { createMemoryRouter, RouterProvider } from "react-router";
import { expect, test } from "vitest";
import { DocumentPage } from "./document-page.tsx";
import { trpcDouble } from "./test-support/trpc-double.tsx";

const projectId = "0190a2b4-0000-7000-8000-00000000000a";
const documentId = "0190a2b4-0000-7000-8000-00000000000d";

/** A NOT_FOUND as the server sends it for a document id that is not (or no longer) there. */
const notFound = () =>
  new TRPCClientError("document not found", {
    result: {
      error: {
        code: -32004,
        message: "document not found",
        data: { code: "NOT_FOUND", httpStatus: 404, appCode: "NOT_FOUND", requestId: "r-1" },
      },
    },
  });

/** The server's answer to a version id that is not a version id at all (an edited link). */
const malformedVersion = () =>
  new TRPCClientError("invalid input", {
    result: {
      error: {
        code: -32600,
        message: "invalid input",
        data: {
          code: "BAD_REQUEST",
          httpStatus: 400,
          appCode: "VALIDATION_FAILED",
          issues: [{ path: "versionId", message: "Invalid UUID", code: "invalid_format" }],
        },
      },
    },
  });

test.each([
  ["does not exist", notFound],
  ["names a malformed version", malformedVersion],
])("a document link that %s says so plainly, with the way back and nothing to retry", async (_, answer) => {
  const { Wrapper } = trpcDouble({
    "documents.get": () => {
      throw answer();
    },
    "documents.list": { items: [], nextCursor: null },
  });
  const router = createMemoryRouter(
    [{ path: "/projects/:projectId/documents/:documentId", element: <DocumentPage /> }],
    { initialEntries: [`/projects/${projectId}/documents/${documentId}`] },
  );
  render(
    <Wrapper>
      <RouterProvider router={router} />
    </Wrapper>,
  );
  await screen.findByText("This document does not exist or was deleted");
  expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Document not found");
  expect(screen.getByRole("link", { name: "Back to the documents" }).getAttribute("href")).toBe(
    `/projects/${projectId}/documents`,
  );
  // Not an alarm with the server's lower-case message and a request id: nothing failed.
  expect(screen.queryByRole("alert")).toBeNull();
  expect(screen.queryByText(/document not found|Invalid UUID/)).toBeNull();
  expect(screen.queryByRole("button", { name: "Try again" })).toBeNull();
});
