/**
 * Counts turns of the event loop (one `setImmediate` a turn) until stopped: a test reads `now()`
 * at each write to see whether work was spread over several turns or done in one.
 */
export function countEventLoopTurns() {
  let turn = 0;
  let counting = true;
  const tick = () => {
    turn += 1;
    if (counting) setImmediate(tick);
  };
  setImmediate(tick);
  return {
    now: () => turn,
    stop: () => {
      counting = false;
    },
  };
}
