// file-type is ESM-only and declares its types through `exports`, which the API's node10 module
// resolution does not read: this points the package name at its own declarations.
declare module 'file-type' {
  export * from 'file-type/source/index';
}
