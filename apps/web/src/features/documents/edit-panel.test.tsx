import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { EditPanel } from "./edit-panel.tsx";
import { base, theirs } from "./test/edit-versions.ts";
import { conflictError } from "./test-support/trpc-double.tsx";
import { type EditPorts, useEditSession } from "./use-edit-session.ts";

// CodeMirror needs layout jsdom does not have; the panel's logic is what is under test here.
vi.mock("./markdown-editor.tsx", () => import("./test/markdown-editor-stand-in.tsx"));

function Harness({ ports }: { ports: EditPorts }) {
  const session = useEditSession(ports);
  return (
    <div>
      <p data-testid="status">{session.state.status}</p>
      {session.state.status === "closed" ? (
        <button type="button" onClick={() => session.start(base)}>
          Edit
        </button>
      ) : null}
      <EditPanel
        session={session}
        path="docs/about.md"
        describeTheirs={() => ({ who: "Bea", when: "10:00" })}
      />
    </div>
  );
}

async function editAndSave(ports: EditPorts) {
  const user = userEvent.setup();
  render(<Harness ports={ports} />);
  await user.click(screen.getByRole("button", { name: "Edit" }));
  const editor = screen.getByRole("textbox", { name: "Markdown of docs/about.md" });
  await user.clear(editor);
  await user.type(editor, "# About{enter}{enter}Dogs need walks twice a day.{enter}");
  await user.click(screen.getByRole("button", { name: "Save as a new version" }));
  return user;
}

describe("editing a document, and a conflict when someone saved first", () => {
  it("saves the draft on the version it started from", async () => {
    const save = vi.fn<EditPorts["save"]>().mockResolvedValue({ id: "v2", version: 2 });
    await editAndSave({ save, loadActive: vi.fn() });
    await waitFor(() => expect(screen.getByTestId("status").textContent).toBe("saved"));
    expect(save).toHaveBeenCalledWith({
      baseVersionId: "v1",
      content: "# About\n\nDogs need walks twice a day.\n",
    });
  });

  it("a CONFLICT shows their version and the diff against mine; keep mine saves on top of theirs", async () => {
    const save = vi
      .fn<EditPorts["save"]>()
      .mockRejectedValueOnce(conflictError())
      .mockResolvedValueOnce({ id: "v3", version: 3 });
    const loadActive = vi.fn<EditPorts["loadActive"]>().mockResolvedValue(theirs);
    const user = await editAndSave({ save, loadActive });

    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Someone saved first");
    expect(alert.textContent).toContain("Bea saved version 2");
    // Their line removed, mine added, each with its sign for screen readers.
    const table = screen.getByRole("table", { name: "Changes from version 2 to your edit" });
    const removed = table.querySelector('[data-kind="removed"]');
    const added = table.querySelector('[data-kind="added"]');
    expect(removed?.textContent).toContain("removed");
    expect(removed?.textContent).toContain("Dogs need long walks.");
    expect(added?.textContent).toContain("added");
    expect(added?.textContent).toContain("Dogs need walks twice a day.");

    await user.click(screen.getByRole("button", { name: "Keep mine as a new edit on top of version 2" }));
    await waitFor(() => expect(screen.getByTestId("status").textContent).toBe("saved"));
    expect(save).toHaveBeenLastCalledWith({
      baseVersionId: "v2",
      content: "# About\n\nDogs need walks twice a day.\n",
    });
  });

  it("take theirs drops my draft without saving it", async () => {
    const save = vi.fn<EditPorts["save"]>().mockRejectedValueOnce(conflictError());
    const user = await editAndSave({
      save,
      loadActive: vi.fn<EditPorts["loadActive"]>().mockResolvedValue(theirs),
    });
    await user.click(await screen.findByRole("button", { name: "Drop mine, keep version 2" }));
    expect(screen.getByTestId("status").textContent).toBe("closed");
    expect(save).toHaveBeenCalledTimes(1);
  });

  it("edit on top of theirs returns to the editor with my text, based on their version", async () => {
    const save = vi
      .fn<EditPorts["save"]>()
      .mockRejectedValueOnce(conflictError())
      .mockResolvedValueOnce({ id: "v3", version: 3 });
    const user = await editAndSave({
      save,
      loadActive: vi.fn<EditPorts["loadActive"]>().mockResolvedValue(theirs),
    });
    await user.click(await screen.findByRole("button", { name: "Edit mine on top of theirs first" }));
    const editor = screen.getByRole("textbox", { name: "Markdown of docs/about.md" }) as HTMLTextAreaElement;
    expect(editor.value).toBe("# About\n\nDogs need walks twice a day.\n");
    expect(screen.getByText(/Editing version 2/)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Save as a new version" }));
    await waitFor(() =>
      expect(save).toHaveBeenLastCalledWith(expect.objectContaining({ baseVersionId: "v2" })),
    );
  });

  it("any other error stays in the editor with the server's message and keeps the draft", async () => {
    const save = vi.fn<EditPorts["save"]>().mockRejectedValueOnce(new Error("content: too long"));
    await editAndSave({ save, loadActive: vi.fn() });
    expect((await screen.findByRole("alert")).textContent).toContain("content: too long");
    expect(screen.getByTestId("status").textContent).toBe("editing");
    const editor = screen.getByRole("textbox", { name: "Markdown of docs/about.md" }) as HTMLTextAreaElement;
    expect(editor.value).toContain("twice a day");
  });
});
