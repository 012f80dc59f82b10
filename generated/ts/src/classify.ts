/**
 * Reference command line: reads a response body on standard input and
 * prints what the library decides about it, as one line of JSON, exactly
 * as `cargo run -p ayrshare-errors --example classify` does.
 *
 * ```text
 * node dist/classify.js [--http-status N] < response.json
 * ```
 *
 * Exit status: 0 whenever a classification was printed (any body, JSON or
 * not), 2 on a usage error.
 *
 * Hand-written. The library itself is `./classification.js`; this module
 * does something only when run as the main script.
 *
 * @module
 */

import { pathToFileURL } from "node:url";

import { classify, classifyText } from "./classification.js";

const USAGE = "usage: classify [--http-status N] < response.json";

/**
 * Parses an HTTP status as Rust's `str::parse::<u16>` does (an optional
 * `+`, then ASCII digits), accepting 100 to 599.
 */
function parseStatus(value: string | undefined): number | undefined {
  if (value === undefined || !/^\+?[0-9]+$/.test(value)) {
    return undefined;
  }
  const n = Number(value);
  return n >= 100 && n <= 599 ? n : undefined;
}

/** Reads all of standard input as bytes. */
async function readStdin(): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let length = 0;
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
    length += chunk.length;
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

/** Runs the command line; resolves to its exit status. */
async function main(args: readonly string[]): Promise<number> {
  let httpStatus: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    let value: string | undefined;
    if (arg === "--http-status") {
      value = args[++i];
    } else if (arg.startsWith("--http-status=")) {
      value = arg.slice("--http-status=".length);
    } else if (arg === "-h" || arg === "--help") {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    } else {
      process.stderr.write(`error: unexpected argument \`${arg}\`\n${USAGE}\n`);
      return 2;
    }
    const status = parseStatus(value);
    if (status === undefined) {
      process.stderr.write(`error: --http-status needs a status from 100 to 599\n${USAGE}\n`);
      return 2;
    }
    httpStatus = status;
  }
  let bytes: Uint8Array;
  try {
    bytes = await readStdin();
  } catch (e) {
    process.stderr.write(`error: cannot read standard input: ${String(e)}\n`);
    return 2;
  }
  // Bytes that are not UTF-8 are not JSON to serde_json either; a byte
  // order mark is kept, so that JSON.parse refuses it as serde_json does.
  let text: string | undefined;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    text = undefined;
  }
  const verdict = text === undefined ? classify(undefined, httpStatus) : classifyText(text, httpStatus);
  process.stdout.write(`${JSON.stringify(verdict)}\n`);
  return 0;
}

const script = process.argv[1];
if (script !== undefined && import.meta.url === pathToFileURL(script).href) {
  process.exitCode = await main(process.argv.slice(2));
}
