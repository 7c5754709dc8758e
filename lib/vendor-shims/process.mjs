// `node:process` for the vendor layer (lib/vendor-layer.ts, DECISIONS.md 69): the names the SDK
// imports from it, read off the global `process`. Node answers an ESM import of `node:process`
// with a module built from every property of `process`, about 20 M instructions at every cold
// start; the global is the same object. A name the layer imports and this file lacks fails its build.
export default globalThis.process;
export const { env, versions } = globalThis.process;
