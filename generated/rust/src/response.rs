//! Ayrshare responses, decoded without loss.
//!
//! A [`Response`] is the JSON object itself, with typed accessors over it:
//! nothing is dropped or rewritten on the way in, so unknown codes, unknown
//! fields and values of unexpected types all survive, and serializing gives
//! back the same JSON value. The accessors are lenient: a field of the wrong
//! type reads as absent instead of failing the whole decode.

use ref_cast::{RefCastCustom, ref_cast_custom};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{Code, Platform};

/// A response body that was a JSON object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default, RefCastCustom)]
#[serde(transparent)]
// Same layout as the map, so a map inside a body can be viewed as a
// `Response` without copying it (`Response::from_map`). ref-cast checks the
// layout at compile time: without `repr(transparent)` this does not build.
#[repr(transparent)]
pub struct Response {
    /// The body, exactly as received (key order included).
    pub raw: Map<String, Value>,
}

/// Why a body could not be read as a response object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyError {
    /// Nothing but whitespace.
    Empty,
    /// Not JSON at all (a proxy's HTML error page, say).
    NotJson,
    /// JSON, but not an object.
    NotObject,
}

impl std::fmt::Display for BodyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            BodyError::Empty => "the body is empty",
            BodyError::NotJson => "the body is not JSON",
            BodyError::NotObject => "the body is JSON but not an object",
        })
    }
}

impl std::error::Error for BodyError {}

impl Response {
    /// Decode a body. Never panics, whatever the bytes.
    pub fn from_slice(body: &[u8]) -> Result<Response, BodyError> {
        if body.iter().all(u8::is_ascii_whitespace) {
            return Err(BodyError::Empty);
        }
        match serde_json::from_slice::<Value>(body) {
            Ok(Value::Object(raw)) => Ok(Response { raw }),
            Ok(_) => Err(BodyError::NotObject),
            Err(_) => Err(BodyError::NotJson),
        }
    }

    /// A JSON object already in hand, viewed as a response without
    /// copying it (nested results are read this way).
    #[ref_cast_custom]
    pub fn from_map(raw: &Map<String, Value>) -> &Response;

    /// The body as a JSON value.
    pub fn to_value(&self) -> Value {
        Value::Object(self.raw.clone())
    }

    /// The top-level `status` (`"error"` or `"success"`).
    pub fn status(&self) -> Option<&str> {
        field(&self.raw, "status").and_then(Value::as_str)
    }

    /// The body itself read as an error object (`code`, `message` at the
    /// top level), when it has a `code`.
    pub fn top_level_error(&self) -> Option<ErrorObject<'_>> {
        field(&self.raw, "code").map(|_| ErrorObject::new(&self.raw, None))
    }

    /// Entries of `errors`.
    pub fn errors(&self) -> impl Iterator<Item = ErrorObject<'_>> {
        objects(field(&self.raw, "errors")).map(|o| ErrorObject::new(o, None))
    }

    /// Entries of `warnings` (non-fatal problems of a successful request).
    pub fn warnings(&self) -> impl Iterator<Item = ErrorObject<'_>> {
        objects(field(&self.raw, "warnings")).map(|o| ErrorObject::new(o, None))
    }

    /// Entries of `postIds`: the platforms where the post went out.
    pub fn post_ids(&self) -> impl Iterator<Item = PostResult<'_>> {
        objects(field(&self.raw, "postIds")).map(|raw| PostResult { raw })
    }

    /// Results wrapped per profile (`posts` of a multi-profile request),
    /// borrowed from this body.
    pub fn profiles(&self) -> impl Iterator<Item = &Response> + '_ {
        objects(field(&self.raw, "posts")).map(Response::from_map)
    }

    /// Error objects under a platform's key (`facebook: {code: 444, ...}`
    /// in analytics and history responses).
    pub fn platform_errors(&self) -> impl Iterator<Item = ErrorObject<'_>> {
        self.raw.iter().filter_map(|(k, v)| {
            let o = v.as_object()?;
            (Platform::from_id(k).is_some() && field(o, "code").is_some())
                .then_some(ErrorObject::new(o, Some(k.as_str())))
        })
    }

    /// Error objects directly under an endpoint's key, with no `errors`
    /// list around them (`{"history": {"status": "error", "code": 221}}`):
    /// an object under a key that is neither part of the envelope nor a
    /// platform id, that holds no `errors` list (that is a nested result),
    /// has a `code`, and says `"status": "error"`. A successful result may
    /// hold a `code` of its own, and is no error.
    pub fn endpoint_errors(&self) -> impl Iterator<Item = ErrorObject<'_>> {
        self.raw.iter().filter_map(|(k, v)| {
            let o = v.as_object()?;
            (!crate::ENVELOPE_KEYS.contains(&k.as_str())
                && Platform::from_id(k).is_none()
                && !field(o, "errors").is_some_and(Value::is_array)
                && field(o, "code").is_some()
                && field(o, "status").and_then(Value::as_str) == Some("error"))
            .then_some(ErrorObject::new(o, None))
        })
    }

    /// Results nested under an endpoint's key (`{"history": {"status":
    /// "error", "errors": [...]}}`): objects that carry their own `errors`,
    /// borrowed from this body.
    pub fn nested(&self) -> impl Iterator<Item = (&str, &Response)> + '_ {
        self.raw.iter().filter_map(|(k, v)| {
            let o = v.as_object()?;
            // The envelope's keys come from the catalog, as the
            // validator reads its examples with them.
            (!crate::ENVELOPE_KEYS.contains(&k.as_str())
                && Platform::from_id(k).is_none()
                && field(o, "errors").is_some_and(Value::is_array))
            .then(|| (k.as_str(), Response::from_map(o)))
        })
    }
}

/// `map.get(key)`. Response objects hold a handful of keys, and comparing
/// that many is cheaper than hashing the key, so small maps are scanned.
fn field<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    if map.len() <= 12 {
        map.iter().find_map(|(k, v)| (k == key).then_some(v))
    } else {
        map.get(key)
    }
}

fn objects(v: Option<&Value>) -> impl Iterator<Item = &Map<String, Value>> {
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
}

/// One error or warning object, wherever it sat in the response.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ErrorObject<'a> {
    /// The object as received.
    pub raw: &'a Map<String, Value>,
    /// The platform key it sat under, for platform-keyed objects.
    pub key: Option<&'a str>,
}

impl<'a> ErrorObject<'a> {
    fn new(raw: &'a Map<String, Value>, key: Option<&'a str>) -> Self {
        ErrorObject { raw, key }
    }

    fn str(&self, key: &str) -> Option<&'a str> {
        field(self.raw, key).and_then(Value::as_str)
    }

    fn bool(&self, key: &str) -> Option<bool> {
        field(self.raw, key).and_then(Value::as_bool)
    }

    /// The code, when it is a number that fits a `u32`.
    pub fn code(&self) -> Option<Code> {
        field(self.raw, "code")
            .and_then(Value::as_u64)
            .and_then(|c| u32::try_from(c).ok())
            .map(Code::new)
    }

    /// `message`.
    pub fn message(&self) -> Option<&'a str> {
        self.str("message")
    }

    /// `action`.
    pub fn action(&self) -> Option<&'a str> {
        self.str("action")
    }

    /// `details`, when it is text.
    pub fn details(&self) -> Option<&'a str> {
        self.str("details")
    }

    /// `source` (`"handlePostAdditions"` on caption enhancement failures).
    pub fn source(&self) -> Option<&'a str> {
        self.str("source")
    }

    /// `feature` of a warning (`"thumbnail"`).
    pub fn feature(&self) -> Option<&'a str> {
        self.str("feature")
    }

    /// The platform: the object's `platform`, else the key it sat under,
    /// else `resolution.platform`.
    pub fn platform(&self) -> Option<&'a str> {
        self.str("platform").or(self.key).or_else(|| {
            self.resolution()
                .and_then(|r| field(r, "platform")?.as_str())
        })
    }

    /// `retryAvailable`: the API's own word on whether a retry can work.
    pub fn retry_available(&self) -> Option<bool> {
        self.bool("retryAvailable")
    }

    /// `relink`, or `resolution.relink`.
    pub fn relink(&self) -> Option<bool> {
        self.bool("relink").or_else(|| {
            self.resolution()
                .and_then(|r| field(r, "relink"))
                .and_then(Value::as_bool)
        })
    }

    /// `resolution`: hints on how to resolve the error.
    pub fn resolution(&self) -> Option<&'a Map<String, Value>> {
        field(self.raw, "resolution").and_then(Value::as_object)
    }

    /// `errCode`: the upstream platform's code (Meta's 80001 on 444).
    pub fn err_code(&self) -> Option<u64> {
        field(self.raw, "errCode").and_then(Value::as_u64)
    }

    /// The value of another field, as received.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        field(self.raw, key)
    }
}

/// One entry of `postIds`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PostResult<'a> {
    /// The entry as received.
    pub raw: &'a Map<String, Value>,
}

impl<'a> PostResult<'a> {
    /// `status` of this platform's post.
    pub fn status(&self) -> Option<&'a str> {
        field(self.raw, "status").and_then(Value::as_str)
    }

    /// The platform.
    pub fn platform(&self) -> Option<&'a str> {
        field(self.raw, "platform").and_then(Value::as_str)
    }

    /// The post's id on the platform.
    pub fn id(&self) -> Option<&'a str> {
        field(self.raw, "id").and_then(Value::as_str)
    }

    /// The post's URL.
    pub fn post_url(&self) -> Option<&'a str> {
        field(self.raw, "postUrl").and_then(Value::as_str)
    }
}
