/**
 * Wraps an async task so that calls made while it runs fold into one more run
 * after it: a burst of events costs at most two requests, and the last run
 * always starts after the last call, so it sees the newest state. Every
 * caller's promise settles when the runs it asked for are done.
 */
export function coalesce(task: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await task();
        } while (again);
      } finally {
        running = null;
      }
    })();
    return running;
  };
}
