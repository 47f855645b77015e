import { useMutation } from "@tanstack/react-query";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { createFakeTrpc } from "../features/workflow/test/fake-trpc.tsx";
import { databaseBusy } from "../features/workflow/test/server-error.ts";
import { useTRPC } from "./trpc.ts";
import { useSubmissionKey } from "./use-submission-key.ts";

/** A create form as the pages build one: the hook's key on every submit, accepted on success. */
function CreateProjectForm() {
  const trpc = useTRPC();
  const [name, setName] = useState("Atlas");
  const { withKey, accepted } = useSubmissionKey();
  const create = useMutation(
    trpc.projects.create.mutationOptions({
      onSuccess: (_project, variables) => accepted(variables.idempotencyKey),
    }),
  );
  return (
    <>
      <input aria-label="Name" value={name} onChange={(event) => setName(event.target.value)} />
      <button type="button" onClick={() => create.mutate(withKey({ name, language: "en" }))}>
        Create
      </button>
      {create.error ? <p role="alert">{create.error.message}</p> : null}
      {create.isSuccess ? <p role="status">created</p> : null}
    </>
  );
}

function renderForm(answers: Array<"503" | "ok">) {
  const fake = createFakeTrpc(() => {
    if (answers.shift() === "503") throw databaseBusy("req-7");
    return { id: "0190aaaa-0000-7000-8000-000000000002", name: "Atlas" };
  });
  render(
    <fake.Wrapper>
      <CreateProjectForm />
    </fake.Wrapper>,
  );
  const keys = () =>
    fake.calls
      .filter((op) => op.path === "projects.create")
      .map((op) => (op.input as { idempotencyKey?: unknown }).idempotencyKey);
  return { keys };
}

const create = () => userEvent.click(screen.getByRole("button", { name: "Create" }));

describe("useSubmissionKey", () => {
  it("retries a submission refused with a 503 under the same key; after success the next one gets a new key", async () => {
    const { keys } = renderForm(["503", "ok", "ok"]);
    await create();
    await screen.findByRole("alert");
    await create();
    await screen.findByRole("status");
    const [first, retry] = keys();
    expect(typeof first).toBe("string");
    expect(retry).toBe(first);

    await create();
    await waitFor(() => expect(keys()).toHaveLength(3));
    expect(keys()[2]).not.toBe(first);
  });

  it("gives a changed input a new key, since the server refuses one key for two inputs", async () => {
    const { keys } = renderForm(["503", "ok"]);
    await create();
    await screen.findByRole("alert");
    await userEvent.type(screen.getByLabelText("Name"), " 2");
    await create();
    await waitFor(() => expect(keys()).toHaveLength(2));
    expect(keys()[1]).not.toBe(keys()[0]);
  });
});
