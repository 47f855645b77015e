/** A polite live region: screen readers hear each step transition once. */
export function LiveAnnouncer({ message }: { message: string }) {
  return (
    <p aria-live="polite" aria-atomic="true" className="sr-only" data-testid="live-announcer">
      {message}
    </p>
  );
}
