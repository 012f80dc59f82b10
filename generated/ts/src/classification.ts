/**
 * What a response means for a program: what failed, where, and what to do.
 *
 * The rules are written out in `docs/classification.md`; this module
 * implements them exactly as the Rust crate does
 * (`generated/rust/src/classify.rs`, `ayrshare_errors::classify_body`), and
 * a parity test (`generated/rust/tests/parity.rs`) requires byte-identical
 * JSON from both. The keys of {@link Classification} and {@link Verdict}
 * are snake_case because they are that JSON: the output of the reference
 * command lines.
 *
 * Hand-written.
 *
 * @example
 * ```ts
 * import { classifyText } from "ayrshare-errors";
 *
 * const c = classifyText(await res.text(), res.status);
 * if (!c.ok && c.safe_to_resubmit_all) {
 *   // nothing was posted: the whole request can go again
 * }
 * ```
 *
 * @module
 */

import {
  errorInfo,
  parseRetryDelay,
  type ErrorName,
  type Relink,
  type Remedy,
  type Severity,
} from "./generated/catalog.js";
import {
  errorCode,
  errorField,
  errorMessage,
  errorPlatform,
  errorRelink,
  errorRetryAvailable,
  isJsonObject,
  nestedResults,
  parseResponse,
  endpointErrors,
  platformErrors,
  postPlatform,
  postResults,
  postStatus,
  profiles,
  readU64,
  responseErrors,
  responseStatus,
  responseWarnings,
  topLevelError,
  type FoundObject,
  type Response,
} from "./response.js";

/** The top-level `status` of a response, when it is one of these words. */
export type Status = "error" | "success";

/** The verdict on one error or warning. Keys in output order. */
export interface Verdict {
  /** The platform it concerns, if the response says. */
  readonly platform: string | null;
  /** The code, when the object has one that is a non-negative 32-bit integer. */
  readonly code: number | null;
  /** Whether the catalog knows the code. */
  readonly known: boolean;
  /** The catalog's name for it. */
  readonly name: ErrorName | null;
  /** Error or warning. */
  readonly severity: Severity;
  /** A retry (of the same request) can succeed. */
  readonly retryable: boolean;
  /** The user must unlink and relink the account. */
  readonly relink: boolean;
  /** Seconds to wait, when the response carries a delay. */
  readonly retry_after_secs: number | null;
  /** What to do. */
  readonly remedy: Remedy;
}

/** The verdict on one response. Keys in output order. */
export interface Classification {
  /** The request fully succeeded. */
  readonly ok: boolean;
  /** The top-level `status`, when it is `"error"` or `"success"`. */
  readonly status: Status | null;
  /** Some platforms posted, others failed. */
  readonly partial_success: boolean;
  /** Platforms with an error, sorted, without duplicates. */
  readonly failed_platforms: readonly string[];
  /** Platforms whose post went out, sorted, without duplicates. */
  readonly succeeded_platforms: readonly string[];
  /** Sending the whole request again creates no duplicate post. */
  readonly safe_to_resubmit_all: boolean;
  /** Every error, in response order. */
  readonly errors: readonly Verdict[];
  /** Every warning, in response order. */
  readonly warnings: readonly Verdict[];
}

/**
 * Classify a body and, when known, its HTTP status.
 *
 * `body` is an already parsed JSON value (what `JSON.parse` or
 * `response.json()` gives). Anything but an object (an array, a string,
 * `null`, a number, `undefined`) is judged by the HTTP status alone. For
 * the raw text of a body, use {@link classifyText}.
 *
 * One difference from the Rust crate, which reads the text itself: a parsed
 * value cannot say whether a number was written `435` or `435.0`; see
 * `readU64` in `./response.js`.
 */
export function classify(body: unknown, httpStatus?: number): Classification {
  return isJsonObject(body) ? classifyResponse(body, httpStatus) : classifyStatusOnly(httpStatus);
}

/**
 * Classify the raw text of a body and, when known, its HTTP status. Any
 * text is accepted: a body that is empty (or whitespace), not JSON (a
 * proxy's HTML page on a 502) or JSON but not an object is judged by the
 * HTTP status alone, as is JSON that serde_json would refuse (a number out
 * of range, a lone surrogate escape, nesting deeper than 127).
 */
export function classifyText(text: string, httpStatus?: number): Classification {
  const parsed = parseResponse(text);
  return parsed.ok ? classifyResponse(parsed.response, httpStatus) : classifyStatusOnly(httpStatus);
}

/** HTTP statuses that say "try again later" on their own. */
function transientStatus(status: number | undefined): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/** `undefined` for a missing status; `null` from plain JavaScript counts as missing too. */
function given(httpStatus: number | undefined): number | undefined {
  return httpStatus ?? undefined;
}

function classifyStatusOnly(httpStatus: number | undefined): Classification {
  const status = given(httpStatus);
  const errors: Verdict[] = [];
  if (status !== 200) {
    const retryable = transientStatus(status);
    errors.push({
      platform: null,
      code: null,
      known: false,
      name: null,
      severity: "error",
      retryable,
      relink: false,
      retry_after_secs: null,
      remedy: retryable ? "retry" : "fix-request",
    });
  }
  return {
    ok: status === 200,
    status: null,
    partial_success: false,
    failed_platforms: [],
    succeeded_platforms: [],
    // A 4xx was refused before anything was posted; after a 5xx or with
    // no status at all, nobody can tell.
    safe_to_resubmit_all: status !== undefined && status >= 400 && status < 500,
    errors,
    warnings: [],
  };
}

/** Where the objects of a response were found, gathered before judging. */
interface Gathered {
  readonly errors: FoundObject[];
  readonly warnings: FoundObject[];
  readonly posted: string[];
  success: boolean;
}

function gather(r: Response, g: Gathered): void {
  const listed = responseErrors(r);
  // A top-level error next to an `errors` list summarises it (441's total
  // failure); on its own it is the error.
  if (listed.length === 0) {
    const top = topLevelError(r);
    if (top !== undefined) {
      g.errors.push({ object: top, key: undefined });
    }
  }
  for (const object of listed) {
    g.errors.push({ object, key: undefined });
  }
  g.errors.push(...platformErrors(r));
  g.errors.push(...endpointErrors(r));
  for (const object of responseWarnings(r)) {
    g.warnings.push({ object, key: undefined });
  }
  for (const p of postResults(r)) {
    const status = postStatus(p);
    if (status === undefined || status === "success") {
      const platform = postPlatform(p);
      if (platform !== undefined) {
        g.posted.push(platform);
      }
    }
  }
  if (responseStatus(r) === "success") {
    g.success = true;
  }
}

/**
 * Sorts as Rust sorts `String`s: by UTF-8 bytes, which is by code point.
 * Not by UTF-16 code unit (JavaScript's default), which puts characters
 * beyond U+FFFF before U+E000..U+FFFF.
 */
function compareCodePoints(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(i) ?? 0;
    if (x !== y) {
      return x < y ? -1 : 1;
    }
    i += x > 0xffff ? 2 : 1;
  }
  return a.length - b.length;
}

/** Sorted by code point, without duplicates. */
function sortedUnique(items: readonly string[]): string[] {
  const sorted = [...items].sort(compareCodePoints);
  return sorted.filter((s, i) => i === 0 || s !== sorted[i - 1]);
}

function classifyResponse(r: Response, httpStatus: number | undefined): Classification {
  const http = given(httpStatus);
  const g: Gathered = { errors: [], warnings: [], posted: [], success: false };
  gather(r, g);
  // Multi-profile requests and endpoint-keyed results nest whole
  // responses; their parts count as parts of this one.
  for (const p of [...profiles(r), ...nestedResults(r).map(([, n]) => n)]) {
    gather(p, g);
  }

  const top = responseStatus(r);
  const status: Status | null = top === "error" || top === "success" ? top : null;
  const somePosted = g.posted.length > 0;
  const errors: Verdict[] = [];
  const warnings: Verdict[] = [];
  for (const o of g.errors) {
    const v = verdict(o, http, somePosted, "error");
    if (v.severity === "warning") {
      warnings.push(v);
    } else {
      errors.push(v);
    }
  }
  for (const o of g.warnings) {
    warnings.push(verdict(o, http, somePosted, "warning"));
  }

  const failed = sortedUnique(errors.flatMap((v) => (v.platform === null ? [] : [v.platform])));
  const succeeded = sortedUnique(g.posted);

  const httpOk = http === undefined || http === 200;
  const ok = httpOk && status !== "error" && errors.length === 0;
  return {
    ok,
    status,
    partial_success: errors.length > 0 && succeeded.length > 0,
    failed_platforms: failed,
    succeeded_platforms: succeeded,
    // Nothing went out: no successful post result, and the request as a
    // whole did not succeed.
    safe_to_resubmit_all: succeeded.length === 0 && !ok && !g.success,
    errors,
    warnings,
  };
}

function verdict(
  found: FoundObject,
  httpStatus: number | undefined,
  somePosted: boolean,
  foundAs: Severity,
): Verdict {
  const o = found.object;
  const code = errorCode(o);
  const info = code === undefined ? undefined : errorInfo(code);
  const platform = errorPlatform(o, found.key) ?? null;
  const saidRetry = errorRetryAvailable(o);
  const saidRelink = errorRelink(o);

  if (info === undefined) {
    // A code the catalog does not know: the response and the HTTP status
    // are all there is to go on.
    const relink = saidRelink === true;
    const retryable = saidRetry ?? transientStatus(httpStatus);
    let remedy: Remedy;
    if (foundAs === "warning") {
      remedy = "none";
    } else if (relink) {
      remedy = "relink";
    } else if (retryable) {
      remedy = "retry";
    } else {
      remedy = "fix-request";
    }
    return {
      platform,
      code: code ?? null,
      known: false,
      name: null,
      severity: foundAs,
      retryable,
      relink,
      retry_after_secs: null,
      remedy,
    };
  }

  // Catalog defaults, then the sub-code the response names, then what the
  // response says itself.
  const message = errorMessage(o);
  let relinkPolicy: Relink = info.relink;
  let remedy: Remedy = info.remedy;
  let retryAvailable: boolean | null = null;
  for (const s of info.subcodes) {
    const shown = s.responseField !== null && readU64(errorField(o, s.responseField)) === s.code;
    const byMessage = s.message !== null && s.message === message;
    if (shown || byMessage) {
      relinkPolicy = s.relink ?? relinkPolicy;
      remedy = s.remedy ?? remedy;
      retryAvailable = s.retryAvailable ?? retryAvailable;
    }
  }
  for (const c of info.cases) {
    if (c.message !== null && c.message === message) {
      relinkPolicy = c.relink ?? relinkPolicy;
      remedy = c.remedy ?? remedy;
    }
  }
  let relink: boolean;
  switch (relinkPolicy) {
    case "must-not":
      // The catalog's "do not relink" holds whatever the response says.
      relink = false;
      break;
    case "required":
      relink = saidRelink !== false;
      break;
    case "no":
      relink = saidRelink === true;
      break;
  }
  const retryable = saidRetry ?? retryAvailable ?? info.retry.policy !== "never";
  let retryAfterSecs: number | null = null;
  if (info.retry.policy === "after-delay") {
    const text = errorField(o, info.retry.delayField);
    retryAfterSecs = typeof text === "string" ? parseRetryDelay(info.retry, text) : null;
  }
  if (relink) {
    remedy = "relink";
  } else if (remedy === "relink") {
    // The response says no relink is needed after all.
    remedy = retryable ? "retry" : "fix-request";
  } else if (remedy === "retry-failed-platforms" && !somePosted) {
    // Nothing went out: the whole request can go again.
    remedy = "retry";
  } else if (
    retryable &&
    (remedy === "fix-request" || remedy === "contact-platform" || remedy === "none") &&
    info.severity === "error"
  ) {
    remedy = "retry";
  } else if (
    !retryable &&
    (remedy === "retry" ||
      remedy === "retry-after" ||
      remedy === "retry-failed-platforms" ||
      remedy === "wait-for-event")
  ) {
    remedy = "fix-request";
  }
  return {
    platform,
    code: info.code,
    known: true,
    name: info.name,
    severity: foundAs === "warning" ? "warning" : info.severity,
    retryable,
    relink,
    retry_after_secs: retryAfterSecs,
    remedy,
  };
}
