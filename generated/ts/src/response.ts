/**
 * Ayrshare responses, read without loss.
 *
 * The types describe the shapes the API documents; every field is optional
 * and every object open (`[key: string]: unknown`), because a response may
 * carry fields this version does not know, or a documented field with a
 * value of another type. The readers are lenient, exactly like the Rust
 * crate's accessors (`ayrshare_errors::response`): a field of the wrong
 * type reads as absent (`undefined`) instead of failing.
 *
 * Hand-written; the same rules as `generated/rust/src/response.rs`.
 *
 * @module
 */

import { ENVELOPE_KEYS, isPlatform } from "./generated/catalog.js";

/** A JSON object, as `JSON.parse` gives it. */
export interface JsonObject {
  [key: string]: unknown;
}

/** `resolution`: hints on how to resolve an error. */
export interface Resolution {
  /** The platform the error concerns. */
  platform?: string;
  /** Whether the user must relink the account. */
  relink?: boolean;
  [key: string]: unknown;
}

/** One error object, wherever it sits in a response. */
export interface ErrorObject {
  /** `"post"`, `"rate limit"`, ... */
  action?: string;
  /** `"error"`. */
  status?: string;
  /** The Ayrshare code. */
  code?: number;
  /** The API's message. */
  message?: string;
  /** More text: the delay of a rate limit (`"Retry-After: 3600"`), say. */
  details?: string;
  /** The platform the error concerns. */
  platform?: string;
  /** The API's own word on whether a retry can work. */
  retryAvailable?: boolean;
  /** Whether the user must relink the account. */
  relink?: boolean;
  /** Hints on how to resolve the error. */
  resolution?: Resolution;
  /** The upstream platform's code (Meta's 80001 on 444). */
  errCode?: number;
  /** `"handlePostAdditions"` on caption enhancement failures. */
  source?: string;
  [key: string]: unknown;
}

/** One entry of `warnings`: a non-fatal problem of a successful request. */
export interface Warning extends ErrorObject {
  /** The feature that did not apply (`"thumbnail"`). */
  feature?: string;
}

/** One entry of `postIds`: a platform's post. */
export interface PostResult {
  /** `"success"` or `"error"`. */
  status?: string;
  /** The post's id on the platform. */
  id?: string;
  /** The post's URL. */
  postUrl?: string;
  /** The platform. */
  platform?: string;
  [key: string]: unknown;
}

/**
 * A response body that is a JSON object. Multi-profile requests wrap one
 * result per profile in `posts`; analytics and history responses put error
 * objects under platform keys, and some endpoints nest a whole result under
 * their own key.
 */
export interface Response {
  /** `"error"` or `"success"`. */
  status?: string;
  /** The errors. */
  errors?: ErrorObject[];
  /** Non-fatal problems of a successful request. */
  warnings?: Warning[];
  /** The platforms where the post went out. */
  postIds?: PostResult[];
  /** One result per profile of a multi-profile request. */
  posts?: Response[];
  /** A top-level error's code. */
  code?: number;
  /** A top-level error's message. */
  message?: string;
  /** The post's id. */
  id?: string;
  [key: string]: unknown;
}

/** Why a body could not be read as a response object. */
export type BodyError =
  /** Nothing but whitespace. */
  | "empty"
  /** Not JSON at all (a proxy's HTML error page, say). */
  | "not-json"
  /** JSON, but not an object. */
  | "not-object";

/** The result of {@link parseResponse}. */
export type ParsedResponse =
  | { readonly ok: true; readonly response: Response }
  | { readonly ok: false; readonly error: BodyError };

/** An error object found in a response, with the platform key it sat under. */
export interface FoundObject {
  /** The object as received. */
  readonly object: ErrorObject;
  /** The platform key it sat under, for platform-keyed objects. */
  readonly key: string | undefined;
}

/**
 * Top-level keys that are part of the envelope, never a nested result: the
 * catalog's, from its `[catalog.envelope]` and documented fields.
 */
const ENVELOPE_KEY_SET: ReadonlySet<string> = new Set<string>(ENVELOPE_KEYS);

/** 2^64: serde_json's `Value::as_u64` reads integers below it. */
const TWO_TO_THE_64 = 2 ** 64;

/** JSON whitespace as Rust's `u8::is_ascii_whitespace` counts it. */
const ASCII_WHITESPACE = /^[\t\n\f\r ]*$/;

/** A lone (unpaired) UTF-16 surrogate. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * serde_json's nesting limit: it refuses a document with more than this
 * many arrays and objects open at once.
 */
const MAX_DEPTH = 127;

/** Whether `v` is a JSON object (not an array, not `null`). */
export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The value of an own property: inherited ones never count. */
function own(o: object, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? (o as JsonObject)[key] : undefined;
}

/** Whether `o` has its own property `key`, whatever its value. */
function has(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

function bool(v: unknown): boolean | undefined {
  return typeof v === "boolean" ? v : undefined;
}

/**
 * A number read as serde_json's `Value::as_u64` reads it: a non-negative
 * integer below 2^64.
 *
 * JSON.parse cannot tell `435` from `435.0` or `4.35e2`: all three give the
 * number 435, which this accepts, while serde_json reads the last two as
 * floats, for which `as_u64` gives `None`. `-0` can be told apart and is
 * refused, as serde_json parses it as a float too. Above 2^53 the number
 * is the nearest double, not the exact integer of the text (so the last
 * 1024 integers below 2^64, which round to 2^64, are refused).
 */
export function readU64(v: unknown): number | undefined {
  return typeof v === "number" && Number.isInteger(v) && v >= 0 && v < TWO_TO_THE_64 && !Object.is(v, -0)
    ? v
    : undefined;
}

/** A number that is a non-negative integer fitting 32 bits (a `u32`). */
function readU32(v: unknown): number | undefined {
  const n = readU64(v);
  return n !== undefined && n <= 0xffffffff ? n : undefined;
}

/** The objects of an array field; anything else reads as none. */
function objects<T extends object>(v: unknown): T[] {
  return Array.isArray(v) ? (v.filter(isJsonObject) as T[]) : [];
}

/**
 * Whether a parsed document is one serde_json would have accepted: no
 * number beyond the range of a double (JSON.parse gives `Infinity`, serde
 * fails), no lone surrogate escape in a string or key (JSON.parse keeps
 * it, serde fails), no nesting deeper than serde's limit.
 */
function serdeAccepts(v: unknown, depth: number): boolean {
  if (typeof v === "number") {
    return Number.isFinite(v);
  }
  if (typeof v === "string") {
    return !LONE_SURROGATE.test(v);
  }
  if (typeof v !== "object" || v === null) {
    return true;
  }
  if (depth >= MAX_DEPTH) {
    return false;
  }
  if (Array.isArray(v)) {
    return v.every((x) => serdeAccepts(x, depth + 1));
  }
  return Object.entries(v).every(
    ([k, x]) => !LONE_SURROGATE.test(k) && serdeAccepts(x, depth + 1),
  );
}

/**
 * Decode a body. Never throws, whatever the text. A body the Rust crate's
 * `Response::from_slice` refuses is refused here too, with the same
 * reason, with one exception: see {@link readU64} on numbers written as
 * floats.
 */
export function parseResponse(text: string): ParsedResponse {
  if (ASCII_WHITESPACE.test(text)) {
    return { ok: false, error: "empty" };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, error: "not-json" };
  }
  if (!serdeAccepts(value, 0)) {
    return { ok: false, error: "not-json" };
  }
  return isJsonObject(value) ? { ok: true, response: value } : { ok: false, error: "not-object" };
}

/** The top-level `status` (`"error"` or `"success"`). */
export function responseStatus(r: Response): string | undefined {
  return str(own(r, "status"));
}

/**
 * The body itself read as an error object (`code`, `message` at the top
 * level), when it has a `code` (of any type).
 */
export function topLevelError(r: Response): ErrorObject | undefined {
  return has(r, "code") ? (r as ErrorObject) : undefined;
}

/** Entries of `errors` that are objects. */
export function responseErrors(r: Response): ErrorObject[] {
  return objects<ErrorObject>(own(r, "errors"));
}

/** Entries of `warnings` that are objects. */
export function responseWarnings(r: Response): Warning[] {
  return objects<Warning>(own(r, "warnings"));
}

/** Entries of `postIds` that are objects: the platforms' posts. */
export function postResults(r: Response): PostResult[] {
  return objects<PostResult>(own(r, "postIds"));
}

/** Results wrapped per profile (`posts` of a multi-profile request). */
export function profiles(r: Response): Response[] {
  return objects<Response>(own(r, "posts"));
}

/**
 * Error objects under a platform's key (`facebook: {code: 444, ...}` in
 * analytics and history responses), in key order.
 */
export function platformErrors(r: Response): FoundObject[] {
  const found: FoundObject[] = [];
  for (const [key, v] of Object.entries(r)) {
    if (isJsonObject(v) && isPlatform(key) && has(v, "code")) {
      found.push({ object: v, key });
    }
  }
  return found;
}

/**
 * Error objects directly under an endpoint's key, with no `errors` list
 * around them (`{"history": {"status": "error", "code": 221}}`): an object
 * under a key that is neither an envelope key nor a platform id, that holds
 * no `errors` array (that is a nested result), has a `code`, and says
 * `"status": "error"`. A successful result may hold a `code` of its own,
 * and is no error. In key order, as {@link nestedResults}.
 */
export function endpointErrors(r: Response): FoundObject[] {
  const found: FoundObject[] = [];
  for (const [key, v] of Object.entries(r)) {
    if (
      isJsonObject(v) &&
      !ENVELOPE_KEY_SET.has(key) &&
      !isPlatform(key) &&
      !Array.isArray(own(v, "errors")) &&
      has(v, "code") &&
      own(v, "status") === "error"
    ) {
      found.push({ object: v, key: undefined });
    }
  }
  return found;
}

/**
 * Results nested under an endpoint's key (`{"history": {"status": "error",
 * "errors": [...]}}`): objects that carry their own `errors` array, under
 * a key that is neither an envelope key nor a platform id.
 *
 * In key order, which for a parsed object is JavaScript's: keys that look
 * like array indices (`"7"`) come first, whereas Rust keeps the order of
 * the text.
 */
export function nestedResults(r: Response): [string, Response][] {
  const found: [string, Response][] = [];
  for (const [key, v] of Object.entries(r)) {
    if (
      isJsonObject(v) &&
      !ENVELOPE_KEY_SET.has(key) &&
      !isPlatform(key) &&
      Array.isArray(own(v, "errors"))
    ) {
      found.push([key, v]);
    }
  }
  return found;
}

/** The code, when it is a non-negative integer that fits 32 bits. */
export function errorCode(o: ErrorObject): number | undefined {
  return readU32(own(o, "code"));
}

/** `message`. */
export function errorMessage(o: ErrorObject): string | undefined {
  return str(own(o, "message"));
}

/** `action`. */
export function errorAction(o: ErrorObject): string | undefined {
  return str(own(o, "action"));
}

/** `details`, when it is text. */
export function errorDetails(o: ErrorObject): string | undefined {
  return str(own(o, "details"));
}

/** `source` (`"handlePostAdditions"` on caption enhancement failures). */
export function errorSource(o: ErrorObject): string | undefined {
  return str(own(o, "source"));
}

/** `feature` of a warning (`"thumbnail"`). */
export function warningFeature(o: Warning): string | undefined {
  return str(own(o, "feature"));
}

/** `resolution`, when it is an object. */
export function errorResolution(o: ErrorObject): Resolution | undefined {
  const r = own(o, "resolution");
  return isJsonObject(r) ? r : undefined;
}

/**
 * The platform: the object's `platform`, else the platform key it sat
 * under, else `resolution.platform`.
 */
export function errorPlatform(o: ErrorObject, key?: string): string | undefined {
  const resolution = errorResolution(o);
  return (
    str(own(o, "platform")) ??
    key ??
    (resolution === undefined ? undefined : str(own(resolution, "platform")))
  );
}

/** `retryAvailable`: the API's own word on whether a retry can work. */
export function errorRetryAvailable(o: ErrorObject): boolean | undefined {
  return bool(own(o, "retryAvailable"));
}

/** `relink`, else `resolution.relink`. */
export function errorRelink(o: ErrorObject): boolean | undefined {
  const resolution = errorResolution(o);
  return (
    bool(own(o, "relink")) ??
    (resolution === undefined ? undefined : bool(own(resolution, "relink")))
  );
}

/** `errCode`: the upstream platform's code (Meta's 80001 on 444). */
export function errorErrCode(o: ErrorObject): number | undefined {
  return readU64(own(o, "errCode"));
}

/** The value of any field, as received (own properties only). */
export function errorField(o: ErrorObject, key: string): unknown {
  return own(o, key);
}

/** `status` of a platform's post. */
export function postStatus(p: PostResult): string | undefined {
  return str(own(p, "status"));
}

/** The platform of a post. */
export function postPlatform(p: PostResult): string | undefined {
  return str(own(p, "platform"));
}

/** The post's id on the platform. */
export function postId(p: PostResult): string | undefined {
  return str(own(p, "id"));
}

/** The post's URL. */
export function postUrl(p: PostResult): string | undefined {
  return str(own(p, "postUrl"));
}
