// The few Node.js globals the command line (`classify.ts`) uses, declared
// here because the package's tsconfig has `types: []` and no `@types/node`.
// Hand-written; only what is used, with Node's own signatures narrowed.

declare const process: {
  /** `[node, script, ...arguments]`. */
  readonly argv: readonly string[];
  /** The status Node exits with once the event loop is empty. */
  exitCode: number | undefined;
  /** Standard input, read as a stream of byte chunks. */
  readonly stdin: AsyncIterable<Uint8Array>;
  readonly stdout: { write(text: string): boolean };
  readonly stderr: { write(text: string): boolean };
};

/** WHATWG `TextDecoder`, a global in Node.js. */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input?: Uint8Array): string;
}

interface ImportMeta {
  /** The module's `file:` URL. */
  readonly url: string;
}

declare module "node:url" {
  /** The `file:` URL of an absolute or relative path. */
  export function pathToFileURL(path: string): { readonly href: string };
}
