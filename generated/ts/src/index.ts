/**
 * Ayrshare's API error codes, with everything its documentation says about
 * each: HTTP status, platforms, retry policy, relink, sub-codes, messages
 * and what to do.
 *
 * The data lives in `./generated/`, written by `errcat generate` from the
 * TOML catalog; this file is hand-written.
 *
 * @example
 * ```ts
 * import { ErrorCode, errorInfo, parseRetryDelay, toCode } from "ayrshare-errors";
 *
 * const info = errorInfo(ErrorCode.InstagramRateLimit);
 * if (info !== undefined) parseRetryDelay(info.retry, "Retry-After: 3600"); // 3600
 *
 * toCode(999); // { known: false, code: 999 }: unknown codes keep their number
 * ```
 *
 * @module
 */

export * from "./generated/catalog.js";
