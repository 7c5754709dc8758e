/**
 * What Lambda reports when a function runs past its timeout (`errorType` `Sandbox.Timedout`).
 * Lambda stops the function there; locally the handler's promise cannot be stopped and runs on,
 * but its outcome no longer counts: the invocation has failed and is retried like any failure.
 */
export class LambdaTimeoutError extends Error {
  override readonly name = 'Sandbox.Timedout';
  constructor(timeoutMs: number) {
    super(`Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`);
  }
}

/** Settles as `invoke` does, or fails with `timedOut()` (by default `LambdaTimeoutError`) once `timeoutMs` have passed first. */
export async function withinTimeout<T>(invoke: () => Promise<T>, timeoutMs: number, timedOut: () => Error = () => new LambdaTimeoutError(timeoutMs)): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut()), timeoutMs);
  });
  try {
    return await Promise.race([invoke(), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A job's time limit for a local run: its Lambda timeout times `scale` (default 1, as in AWS).
 * A test or the bench lowers it to show a job over a few thousand applications handing over to
 * continuations as it would over a city's hundreds of thousands under the real limit.
 */
export function scaledTimeoutMs(timeoutSeconds: number, scale = 1): number {
  if (!(scale > 0)) throw new Error(`job timeout scale ${scale} is not a positive number`);
  return Math.max(1, Math.round(timeoutSeconds * 1000 * scale));
}
