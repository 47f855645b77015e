import { focusManager } from "@tanstack/react-query";
import { act, render, screen, waitFor } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { describe, expect, it } from "vitest";
import { createFakeTrpc } from "../workflow/test/fake-trpc.tsx";
import { UserMenu } from "./user-menu.tsx";

const ada = {
  user: { id: "u1", email: "ada@dev.jeex", displayName: "Ada Lovelace" },
  credential: "session",
  memberships: [{ tenantId: "t1", name: "Ada", personal: true, role: "owner" }],
  activeTenant: { tenantId: "t1", role: "owner" },
};

/** auth.me answers at once the first time; later answers wait until the test releases them. */
function slowRefetches() {
  let meCalls = 0;
  const waiting: (() => void)[] = [];
  const fake = createFakeTrpc((path) => {
    if (path === "tenants.invitations.mine") return [];
    if (path !== "auth.me") return null;
    meCalls += 1;
    if (meCalls === 1) return ada;
    return new Promise((resolve) => waiting.push(() => resolve(ada)));
  });
  render(
    <fake.Wrapper>
      <MemoryRouter>
        <UserMenu />
      </MemoryRouter>
    </fake.Wrapper>,
  );
  const release = () => {
    for (const answer of waiting.splice(0)) answer();
  };
  return { fake, meCalls: () => meCalls, release };
}

describe("the account menu while auth.me is asked again", () => {
  it("shows a spinner only on the first load", async () => {
    slowRefetches();
    expect(screen.getByText("Loading your account")).toBeTruthy();
    expect(await screen.findByText("Ada Lovelace")).toBeTruthy();
  });

  it("keeps showing the known person while the window-focus refetch is under way", async () => {
    const { fake, meCalls, release } = slowRefetches();
    await screen.findByText("Ada Lovelace");
    act(() => {
      void fake.queryClient.invalidateQueries();
      focusManager.setFocused(true);
    });
    await waitFor(() => expect(meCalls()).toBe(2));
    expect(screen.queryByText("Loading your account")).toBeNull();
    expect(screen.getByText("Ada Lovelace")).toBeTruthy();
    act(release);
  });

  it("keeps showing the known person while a tenant switch asks again from scratch", async () => {
    const { fake, meCalls, release } = slowRefetches();
    await screen.findByText("Ada Lovelace");
    act(() => void fake.queryClient.resetQueries());
    await waitFor(() => expect(meCalls()).toBe(2));
    expect(screen.queryByText("Loading your account")).toBeNull();
    expect(screen.getByText("Ada Lovelace")).toBeTruthy();
    act(release);
  });
});
