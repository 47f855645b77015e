export interface Announcement {
  key: number;
  text: string;
}

/**
 * A polite log region: each step transition is appended, so a screen reader hears every one,
 * even when several arrive within one render (a fast run queues, starts and ends at once).
 */
export function LiveAnnouncer({ messages }: { messages: readonly Announcement[] }) {
  return (
    <div
      role="log"
      aria-live="polite"
      aria-relevant="additions"
      className="sr-only"
      data-testid="live-announcer"
    >
      {messages.map((message) => (
        <p key={message.key}>{message.text}</p>
      ))}
    </div>
  );
}
