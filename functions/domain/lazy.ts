/**
 * A value made on its first use and kept (the same instance after). Schemas are built this way, so
 * that a Lambda function's start builds none of them and its first request only the ones it uses
 * (docs/DECISIONS.md 46, cold import).
 */
export function lazy<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}
