//! `createCheckAuthorization`: a `Checker` is made once from the options; `has()` then reads its
//! string parameters from a scratch buffer in wasm memory that the JS layer writes into, so a
//! check allocates nothing on either side of the boundary (see js/has.js for the encoding).

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use super::errors::{text, to_js};
use crate::{AuthError, CheckAuthorization, CheckParams, ErrorKind, Param, Reverification};

thread_local! {
    static SCRATCH: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Grows the scratch buffer to at least `capacity` bytes and returns where it starts, or 0 when
/// memory cannot grow that far (an allocation failure must not abort the module).
#[wasm_bindgen(js_name = checkScratch)]
pub fn check_scratch(capacity: usize) -> *const u8 {
    SCRATCH.with(|s| {
        let mut s = s.borrow_mut();
        let extra = capacity.saturating_sub(s.len());
        if s.try_reserve_exact(extra).is_err() {
            return std::ptr::null();
        }
        let len = s.len() + extra;
        s.resize(len, 0);
        s.as_ptr()
    })
}

#[wasm_bindgen]
pub struct Checker(CheckAuthorization);

#[wasm_bindgen]
impl Checker {
    #[wasm_bindgen(constructor)]
    pub fn new(options_json: JsValue) -> Result<Checker, JsValue> {
        match serde_json::from_str(&text(options_json, ErrorKind::OptionsInvalid)?) {
            Ok(serde_json::Value::Object(options)) => Ok(Checker(CheckAuthorization::from_options(&options))),
            _ => Err(to_js(AuthError::new(
                ErrorKind::OptionsInvalid,
                "createCheckAuthorization takes an options object.",
            ))),
        }
    }

    /// `tags` holds 3 bits per parameter (role, permission, feature, plan, reverification); each
    /// `*_len` is that parameter's UTF-8 length in the scratch buffer, back to back in that order.
    #[allow(clippy::too_many_arguments)]
    pub fn has(
        &self,
        tags: u32,
        role_len: usize,
        permission_len: usize,
        feature_len: usize,
        plan_len: usize,
        level_len: usize,
        after_minutes: f64,
    ) -> bool {
        SCRATCH.with(|s| {
            let s = s.borrow();
            let mut texts = Texts { bytes: &s, at: 0 };
            let params = CheckParams {
                role: texts.param(tags, 0, role_len),
                permission: texts.param(tags, 1, permission_len),
                feature: texts.param(tags, 2, feature_len),
                plan: texts.param(tags, 3, plan_len),
                reverification: match tag(tags, 4) {
                    0 => Reverification::Absent,
                    1 => texts.text(level_len).map_or(Reverification::WrongType, Reverification::Preset),
                    3 => Reverification::Custom { level: texts.text(level_len), after_minutes },
                    4 => Reverification::Custom { level: None, after_minutes },
                    _ => Reverification::WrongType,
                },
            };
            self.0.has(&params)
        })
    }
}

fn tag(tags: u32, index: u32) -> u32 {
    tags >> (3 * index) & 0b111
}

/// Reads the parameters' texts in order; anything out of bounds or not UTF-8 is a wrong type.
struct Texts<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Texts<'a> {
    fn text(&mut self, len: usize) -> Option<&'a str> {
        let end = self.at.checked_add(len)?;
        let text = std::str::from_utf8(self.bytes.get(self.at..end)?).ok()?;
        self.at = end;
        Some(text)
    }

    fn param(&mut self, tags: u32, index: u32, len: usize) -> Param<'a> {
        match tag(tags, index) {
            0 => Param::Absent,
            1 => self.text(len).map_or(Param::WrongType, Param::Text),
            _ => Param::WrongType,
        }
    }
}
