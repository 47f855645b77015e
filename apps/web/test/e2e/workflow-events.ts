import type { Page } from "playwright-core";

export interface ReceivedSseMessage {
  id: string;
  type: string;
}

/**
 * Every `workflow.events` message the browser received on any connection of this page, in
 * arrival order, read from the DevTools protocol: what came over the wire, before the app's
 * own de-duplication, so a repeated or missing event shows here.
 */
export async function recordEventStream(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  const received: ReceivedSseMessage[] = [];
  cdp.on("Network.eventSourceMessageReceived", (message) => {
    if (message.eventName !== "message" || !message.eventId) return;
    const data = JSON.parse(message.data) as { type?: string };
    received.push({ id: message.eventId, type: data.type ?? "?" });
  });
  return { received, stop: () => cdp.detach() };
}

/** Texts the app's aria-live announcer said, collected in the page as they change. */
export async function recordAnnouncements(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const said: string[] = [];
    (window as unknown as { __announced: string[] }).__announced = said;
    const watch = () => {
      const region = document.querySelector('[data-testid="live-announcer"]');
      if (!region) return false;
      new MutationObserver((mutations) => {
        for (const mutation of mutations) {
          for (const node of mutation.addedNodes) said.push(node.textContent ?? "");
        }
      }).observe(region, { childList: true });
      return true;
    };
    if (!watch()) {
      const wait = new MutationObserver(() => {
        if (watch()) wait.disconnect();
      });
      wait.observe(document.body, { childList: true, subtree: true });
    }
  });
  return () => page.evaluate(() => [...(window as unknown as { __announced: string[] }).__announced]);
}

/**
 * The project's whole retained event log, replayed by a fresh EventSource from the first id
 * (`lastEventId` 0-0) in the given page; collected until the stream is quiet.
 */
export async function replayEventLog(page: Page, projectId: string, tenantId: string): Promise<string[]> {
  return page.evaluate(
    ({ projectId, tenantId }) =>
      new Promise<string[]>((resolve) => {
        const url = new URL("/trpc/workflow.events", window.location.origin);
        url.searchParams.set("input", JSON.stringify({ projectId, lastEventId: "0-0" }));
        url.searchParams.set("connectionParams", JSON.stringify({ tenantId }));
        const ids: string[] = [];
        const source = new EventSource(url);
        let quiet = setTimeout(done, 2_000);
        function done() {
          source.close();
          resolve(ids);
        }
        source.addEventListener("message", (event) => {
          ids.push(event.lastEventId);
          clearTimeout(quiet);
          quiet = setTimeout(done, 1_000);
        });
      }),
    { projectId, tenantId },
  );
}

/** Redis stream ids `<ms>-<seq>`, compared as numbers. */
export function compareEventIds(a: string, b: string): number {
  const [am = 0n, as = 0n] = a.split("-").map(BigInt);
  const [bm = 0n, bs = 0n] = b.split("-").map(BigInt);
  return am === bm ? Number(as - bs) : am < bm ? -1 : 1;
}
