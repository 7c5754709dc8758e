// `node:stream/web` for the functions' bundles (lib/vendor-layer.ts, DECISIONS.md 69). @middy/core
// imports `ReadableStream` from it only to test a streaming handler's answer with `instanceof`, in
// a mode kezek does not use; importing the module loads Node's whole web streams implementation,
// about 13 M instructions at every cold start. This class answers `instanceof` as the real one
// does, and loads it only then. test/unit/vendor-shims.test.ts checks both, and that middy still
// uses the name only that way.
export class ReadableStream {
  static [Symbol.hasInstance](value) {
    return value instanceof globalThis.ReadableStream;
  }
}
