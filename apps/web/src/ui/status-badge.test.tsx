import { render, screen } from "@testing-library/react";
import { expect, test } from "vitest";
import { type Status, StatusBadge } from "./status-badge.tsx";

const statuses: Status[] = ["not_started", "queued", "running", "succeeded", "failed", "cancelled", "stale"];

test.each(statuses)("the %s status is said in words, not by colour alone", (status) => {
  const { container } = render(<StatusBadge status={status} />);
  const word = container.textContent ?? "";
  expect(word.trim().length).toBeGreaterThan(0);
  // The icon is decoration for sighted readers; the word is what a screen reader announces.
  expect(container.querySelector("svg")?.getAttribute("aria-hidden")).toBe("true");
});

test("a custom label replaces the default word", () => {
  render(<StatusBadge status="running" label="Running · 40%" />);
  expect(screen.getByText("Running · 40%")).toBeTruthy();
  expect(screen.queryByText("Running")).toBeNull();
});
