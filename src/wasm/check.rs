//! `createCheckAuthorization`: options are parsed once into a checker kept in a small table that
//! JS addresses by id; `has()` reads its string parameters from a scratch buffer in wasm memory
//! that the JS layer writes into, so a check allocates nothing on either side (js/has.js).
//!
//! The table is bounded: when it is full the oldest checker goes, and JS registers its options
//! again if that checker is asked later. So memory stays flat however many checkers an app makes,
//! without waiting for the garbage collector to finalize anything.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use super::errors::{text, to_js};
use crate::{json, AuthError, CheckAuthorization, CheckParams, ErrorKind, Param, Reverification};

const TABLE_SIZE: usize = 64;
/// `checkerHas` answer for an id no longer in the table.
const UNKNOWN_CHECKER: u8 = 2;

/// Everything `has()` touches, in one place: one thread-local access and one borrow per call.
struct Checkers {
    slots: Vec<(u32, CheckAuthorization)>,
    next_id: u32,
    /// Where the next checker goes once the table is full (the oldest one).
    oldest: usize,
    /// Where JS writes the string parameters of a check.
    scratch: Vec<u8>,
}

thread_local! {
    static CHECKERS: RefCell<Checkers> =
        const { RefCell::new(Checkers { slots: Vec::new(), next_id: 0, oldest: 0, scratch: Vec::new() }) };
}

/// Grows the scratch buffer to at least `capacity` bytes and returns where it starts, or 0 when
/// memory cannot grow that far (an allocation failure must not abort the module).
#[wasm_bindgen(js_name = checkScratch)]
pub fn check_scratch(capacity: usize) -> *const u8 {
    CHECKERS.with(|c| {
        let s = &mut c.borrow_mut().scratch;
        let extra = capacity.saturating_sub(s.len());
        if s.try_reserve_exact(extra).is_err() {
            return std::ptr::null();
        }
        let len = s.len() + extra;
        s.resize(len, 0);
        s.as_ptr()
    })
}

/// Parses `createCheckAuthorization` options (JSON) and returns the new checker's id.
#[wasm_bindgen(js_name = checkerRegister)]
pub fn checker_register(options_json: JsValue) -> Result<u32, JsValue> {
    let checker = match json::parse(&text(options_json, ErrorKind::OptionsInvalid)?) {
        Some(serde_json::Value::Object(options)) => CheckAuthorization::from_options(&options),
        _ => {
            let message = "createCheckAuthorization takes an options object.";
            return Err(to_js(AuthError::new(ErrorKind::OptionsInvalid, message)));
        }
    };
    Ok(CHECKERS.with(|c| {
        let mut table = c.borrow_mut();
        let id = table.next_id;
        table.next_id = id.wrapping_add(1);
        if table.slots.len() < TABLE_SIZE {
            table.slots.push((id, checker));
        } else {
            let oldest = table.oldest;
            table.slots[oldest] = (id, checker);
            table.oldest = (oldest + 1) % TABLE_SIZE;
        }
        id
    }))
}

/// 1 if checker `id` grants the parameters, 0 if not, `UNKNOWN_CHECKER` if the table dropped it.
/// `tags` holds 3 bits per parameter (role, permission, feature, plan, reverification); each
/// `*_len` is that parameter's UTF-8 length in the scratch buffer, back to back in that order.
#[wasm_bindgen(js_name = checkerHas)]
#[allow(clippy::too_many_arguments)]
pub fn checker_has(
    id: u32,
    tags: u32,
    role_len: usize,
    permission_len: usize,
    feature_len: usize,
    plan_len: usize,
    level_len: usize,
    after_minutes: f64,
) -> u8 {
    CHECKERS.with(|c| {
        let checkers = c.borrow();
        let Some((_, checker)) = checkers.slots.iter().find(|(slot, _)| *slot == id) else {
            return UNKNOWN_CHECKER;
        };
        let mut texts = Texts { bytes: &checkers.scratch, at: 0 };
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
        u8::from(checker.has(&params))
    })
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
