//! JSON written by hand for the client's messages (src/client/wire.rs, `TabMessage`): numbers,
//! strings and the punctuation between them. serde's derived serializers and `format!` would cost
//! the browser's wasm more than these few lines.

/// A JSON text being written.
pub(crate) struct JsonText(pub(crate) String);

impl JsonText {
    /// Digits written by hand: `format!` would link core's formatting machinery.
    pub(crate) fn number(&mut self, n: u64) {
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut n = n;
        loop {
            at -= 1;
            digits[at] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        for &d in &digits[at..] {
            self.0.push(char::from(d));
        }
    }

    pub(crate) fn optional(&mut self, text: Option<&str>) {
        match text {
            Some(text) => self.string(text),
            None => self.0.push_str("null"),
        }
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\u00XX`, the rest as it is.
    pub(crate) fn string(&mut self, text: &str) {
        self.0.push('"');
        for c in text.chars() {
            match c {
                '"' | '\\' => self.0.push('\\'),
                '\0'..='\x1f' => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    self.0.push_str("\\u00");
                    self.0.push(char::from(HEX[usize::from(c as u8 >> 4)]));
                    self.0.push(char::from(HEX[usize::from(c as u8 & 15)]));
                    continue;
                }
                _ => {}
            }
            self.0.push(c);
        }
        self.0.push('"');
    }
}
