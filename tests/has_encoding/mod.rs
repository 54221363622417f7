//! `has(params)` encoded exactly as js/core/has.js encodes it for wasm (the tags of src/abi.rs,
//! texts back to back), so that Rust tests run the decoder production runs: `CheckParams::decode`.

use serde_json::Value;
use wasm_auth::abi::param;
use wasm_auth::{abi, CheckAuthorization, CheckParams};

pub struct Encoded {
    tags: u32,
    lens: [usize; 5],
    texts: Vec<u8>,
    after_minutes: f64,
}

impl Encoded {
    /// What js/core/has.js hands wasm for `params`; `None` where it answers false without asking
    /// (params that are not an object: arrays are objects to JS).
    pub fn of(params: &Value) -> Option<Encoded> {
        let empty = serde_json::Map::new();
        let params = match params {
            Value::Object(params) => params,
            Value::Array(_) => &empty,
            _ => return None,
        };
        let kind = |value: Option<&Value>| match value {
            None => param::ABSENT,
            Some(Value::String(_)) => param::TEXT,
            Some(_) => param::WRONG_TYPE,
        };
        let r = params.get("reverification");
        let r_kind = match r {
            None => param::ABSENT,
            Some(Value::String(_)) => param::TEXT,
            Some(Value::Object(c)) if c.get("level").is_some_and(Value::is_string) => param::CUSTOM,
            Some(Value::Object(_) | Value::Array(_)) => param::CUSTOM_WITHOUT_LEVEL,
            Some(_) => param::WRONG_TYPE,
        };
        let level = if r_kind == param::CUSTOM { r.and_then(|r| r.get("level")) } else { r };
        let after_minutes = match r.and_then(|r| r.get("afterMinutes")) {
            Some(Value::Number(n)) if r_kind >= param::CUSTOM => n.as_f64().unwrap_or(f64::NAN),
            _ => f64::NAN,
        };
        let values = [params.get("role"), params.get("permission"), params.get("feature"), params.get("plan"), level];
        let mut encoded = Encoded { tags: 0, lens: [0; 5], texts: Vec::new(), after_minutes };
        for (i, value) in values.into_iter().enumerate() {
            let tag = if i == 4 { r_kind } else { kind(value) };
            encoded.tags |= tag << (abi::PARAM_BITS * i as u32);
            if let Some(Value::String(text)) = value {
                encoded.lens[i] = text.len();
                encoded.texts.extend_from_slice(text.as_bytes());
            }
        }
        Some(encoded)
    }

    pub fn params(&self) -> CheckParams<'_> {
        CheckParams::decode(self.tags, self.lens, &self.texts, self.after_minutes)
    }
}

/// `has(params)` as the package answers it.
pub fn has(checker: &CheckAuthorization, params: &Value) -> bool {
    Encoded::of(params).is_some_and(|encoded| checker.has(&encoded.params()))
}
