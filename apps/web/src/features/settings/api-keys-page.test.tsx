import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { createFakeTrpc } from "../workflow/test/fake-trpc.tsx";
import { databaseBusy } from "../workflow/test/server-error.ts";
import { ApiKeysPage } from "./api-keys-page.tsx";

const apiKey = {
  id: "0190aaaa-0000-7000-8000-0000000000a1",
  name: "CI pipeline",
  prefix: "abcd1234",
  role: "editor",
  createdAt: "2026-12-01T10:00:00.000Z",
  lastUsedAt: null,
};

describe("creating an API key", () => {
  it("retries a create refused with a 503 under the same key and shows the replayed answer without a secret", async () => {
    let creates = 0;
    const fake = createFakeTrpc((path) => {
      if (path === "auth.me") return { activeTenant: { role: "owner" } };
      if (path === "apiKeys.list") return { items: [], nextCursor: null };
      if (path !== "apiKeys.create") return null;
      creates += 1;
      if (creates === 1) throw databaseBusy("req-9");
      return {
        apiKey,
        secret: null,
        note: "this request was already answered; revoke the key if you lost it",
      };
    });
    render(
      <fake.Wrapper>
        <ApiKeysPage />
      </fake.Wrapper>,
    );
    await userEvent.type(await screen.findByLabelText("Name"), "CI pipeline");
    await userEvent.click(screen.getByRole("button", { name: "Create key" }));
    await screen.findByText(/the database is busy/);
    await userEvent.click(screen.getByRole("button", { name: "Create key" }));

    const status = await screen.findByRole("status");
    expect(status.textContent).toContain("its secret cannot be shown again");
    const inputs = fake.calls
      .filter((op) => op.path === "apiKeys.create")
      .map((op) => op.input as Record<string, unknown>);
    await waitFor(() => expect(inputs).toHaveLength(2));
    expect(inputs[0]).toMatchObject({ name: "CI pipeline", role: "editor" });
    expect(typeof inputs[0]?.idempotencyKey).toBe("string");
    expect(inputs[1]?.idempotencyKey).toBe(inputs[0]?.idempotencyKey);
  });
});
