/** How a stream's `on…` methods add a listener to `set`: the call returns how to remove it again. */
export const listenOn =
  <L>(set: Set<L>) =>
  (listener: L) => {
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  };
