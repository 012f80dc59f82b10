/**
 * Ayrshare's API error codes, with everything its documentation says about
 * each: HTTP status, platforms, retry policy, relink, sub-codes, messages
 * and what to do.
 *
 * The data lives in `./generated/`, written by `errcat generate` from the
 * TOML catalog; this file, `./classification.ts` (what a response means:
 * `classify`, `classifyText`, the rules of `docs/classification.md`),
 * `./response.ts` (response types and lenient readers) and `./classify.ts`
 * (the reference command line, `node dist/classify.js`) are hand-written.
 *
 * @example
 * ```ts
 * import { classifyText, ErrorCode, errorInfo, parseRetryDelay, toCode } from "ayrshare-errors";
 *
 * const info = errorInfo(ErrorCode.InstagramRateLimit);
 * if (info !== undefined) parseRetryDelay(info.retry, "Retry-After: 3600"); // 3600
 *
 * toCode(999); // { known: false, code: 999 }: unknown codes keep their number
 *
 * const c = classifyText('{"status":"error","errors":[{"code":435,"details":"Retry-After: 60"}]}', 429);
 * c.errors[0]?.remedy; // "retry-after", with retry_after_secs 60
 * ```
 *
 * @module
 */

export * from "./generated/catalog.js";
export * from "./classification.js";
export * from "./response.js";
