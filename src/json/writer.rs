//! JSON written by hand: the auth object, the grants of v2 claims, the client's messages to its
//! host and to other tabs. Numbers, strings and the punctuation between them; serde's derived
//! serializers and `format!` would cost the browser's wasm more than these few lines.

/// A JSON text being written.
pub(crate) struct JsonWriter(pub(crate) String);

impl JsonWriter {
    pub(crate) fn number(&mut self, n: u64) {
        push_number(&mut self.0, n);
    }

    pub(crate) fn string(&mut self, text: &str) {
        push_string(&mut self.0, &[text]);
    }

    pub(crate) fn optional(&mut self, text: Option<&str>) {
        match text {
            Some(text) => self.string(text),
            None => self.0.push_str("null"),
        }
    }
}

/// Appends `n` in decimal. Digits by hand: `format!` would link core's formatting machinery.
pub(crate) fn push_number(out: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

/// Appends `parts`, joined, as one JSON string literal: `"` and `\` escaped, control characters as
/// `\u00XX`, everything else as it is.
pub(crate) fn push_string(out: &mut String, parts: &[&str]) {
    out.push('"');
    for part in parts {
        let mut rest = *part;
        // Plain runs in one step. `at` is an ASCII byte's index: `get` cannot fail there (and has
        // no panic path).
        while let Some(at) = rest.bytes().position(|b| b == b'"' || b == b'\\' || b < 0x20) {
            out.push_str(rest.get(..at).unwrap_or_default());
            let byte = rest.as_bytes().get(at).copied().unwrap_or_default();
            if byte == b'"' || byte == b'\\' {
                out.extend(['\\', char::from(byte)]);
            } else {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.extend([HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 15)]].map(char::from));
            }
            rest = rest.get(at + 1..).unwrap_or_default();
        }
        out.push_str(rest);
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test(unsupported = test)]
    fn strings_escape_what_json_requires() {
        let mut out = String::new();
        push_string(&mut out, &["a\"b\\", "\u{1}\n", "é\u{7f}"]);
        assert_eq!(out, "\"a\\\"b\\\\\\u0001\\u000aé\u{7f}\"");
        let text = "any \" text \\ \u{0} with ☃";
        assert_eq!(serde_json::from_str::<String>(&out_of(text)).unwrap(), text);
    }

    fn out_of(text: &str) -> String {
        let mut out = JsonWriter(String::new());
        out.string(text);
        out.0
    }

    #[wasm_bindgen_test(unsupported = test)]
    fn numbers_print_in_decimal() {
        for n in [0, 7, 10, 1234567890, u64::MAX] {
            let mut out = String::new();
            push_number(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }
}
