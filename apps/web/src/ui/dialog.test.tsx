import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { expect, test, vi } from "vitest";
import { Button } from "./button.tsx";
import { Dialog } from "./dialog.tsx";
import { TextField } from "./text-field.tsx";

test("a dialog with a form opens with the first field focused, not the close button", () => {
  render(
    <Dialog open onOpenChange={() => {}} title="New project" footer={<Button>Cancel</Button>}>
      <TextField label="Name" />
    </Dialog>,
  );
  expect(document.activeElement).toBe(screen.getByLabelText("Name"));
});

test("Tab goes from the fields through the footer to the close button, and Escape closes", async () => {
  const onOpenChange = vi.fn();
  render(
    <Dialog open onOpenChange={onOpenChange} title="New project" footer={<Button>Cancel</Button>}>
      <TextField label="Name" />
    </Dialog>,
  );
  await userEvent.tab();
  expect(document.activeElement).toBe(screen.getByRole("button", { name: "Cancel" }));
  await userEvent.tab();
  expect(document.activeElement).toBe(screen.getByRole("button", { name: "Close" }));
  await userEvent.tab();
  expect(document.activeElement).toBe(screen.getByLabelText("Name"));
  await userEvent.keyboard("{Escape}");
  expect(onOpenChange).toHaveBeenCalledWith(false);
});

test("a dialog with nothing to fill in focuses its close button", () => {
  render(<Dialog open onOpenChange={() => {}} title="Architecture run" />);
  expect(document.activeElement).toBe(screen.getByRole("button", { name: "Close" }));
});

/** A page's wiring for a dialog with no trigger of its own: a button elsewhere opens it. */
function OpenedByAButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)}>Run</Button>
      {open ? (
        <Dialog
          open
          onOpenChange={setOpen}
          title="Run the Architecture step"
          footer={<Button>Cancel</Button>}
        >
          <TextField label="Feedback" />
        </Dialog>
      ) : null}
    </>
  );
}

test("a dialog opened by a button that is not its trigger gives focus back to that button on Escape", async () => {
  render(<OpenedByAButton />);
  const opener = screen.getByRole("button", { name: "Run" });
  opener.focus();
  await userEvent.keyboard("{Enter}");
  expect(document.activeElement).toBe(screen.getByLabelText("Feedback"));
  await userEvent.keyboard("{Escape}");
  expect(screen.queryByRole("dialog")).toBeNull();
  expect(document.activeElement).toBe(opener);
});
