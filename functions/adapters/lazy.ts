/**
 * A port whose adapter (and the AWS SDK client behind it) is loaded on its first call. A function
 * pays at cold start only for the SDK clients it uses: most routes never send an SMS, schedule a
 * job or sign a download link. Only for ports whose methods are all asynchronous.
 */
export function lazily<T extends object>(load: () => Promise<T>): T {
  let loaded: Promise<T> | undefined;
  return new Proxy({} as T, {
    get(_target, property) {
      return async (...args: unknown[]) => {
        loaded ??= load();
        const instance = await loaded;
        return (instance[property as keyof T] as (...a: unknown[]) => unknown).apply(instance, args);
      };
    },
  });
}
