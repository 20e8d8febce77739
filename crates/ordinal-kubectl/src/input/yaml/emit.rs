//! JSON → YAML exactly as `kubectl get -o yaml` prints (sigs.k8s.io/yaml → go-yaml v2 emitter):
//! keys in go-yaml's natural order, 2-space indent, sequences not indented under their key,
//! strings plain when possible, double-quoted when they would read as another type, single-quoted
//! when they contain indicators, `|` for multi-line text, and long lines folded past column 80.

use super::scalar::needs_quotes_to_stay_string;
use serde_json::Value;
use std::cmp::Ordering;

const BEST_WIDTH: usize = 80;

pub fn to_yaml(v: &Value) -> String {
    let mut e = Emitter {
        out: String::new(),
        column: 0,
    };
    match v {
        Value::Object(m) if !m.is_empty() => e.mapping(v, 0),
        Value::Array(a) if !a.is_empty() => e.sequence(v, 0),
        _ => {
            e.scalar(v, 2, false);
            if e.column > 0 {
                e.newline();
            }
        }
    }
    e.out
}

struct Emitter {
    out: String,
    column: usize,
}

#[derive(Clone, Copy, PartialEq)]
enum Style {
    Plain,
    Single,
    Double,
    Literal,
}

impl Emitter {
    fn put(&mut self, s: &str) {
        self.out.push_str(s);
        self.column += s.chars().count();
    }

    fn newline(&mut self) {
        self.out.push('\n');
        self.column = 0;
    }

    fn indent_to(&mut self, n: usize) {
        if self.column > 0 {
            self.newline();
        }
        self.put(&" ".repeat(n));
    }

    /// A block mapping whose keys start at column `indent`; the first key continues the current
    /// line if something (a `- `) is already on it.
    fn mapping(&mut self, v: &Value, indent: usize) {
        let Value::Object(m) = v else { return };
        let mut keys: Vec<&String> = m.keys().collect();
        ordinal_sim::sort::sort_by(&mut keys, |a, b| natural_cmp(a, b));
        for (i, k) in keys.into_iter().enumerate() {
            if i > 0 || self.column == 0 {
                self.indent_to(indent);
            }
            self.key(k);
            self.put(":");
            let val = &m[k];
            match val {
                Value::Object(o) if !o.is_empty() => {
                    self.newline();
                    self.mapping(val, indent + 2);
                }
                Value::Array(a) if !a.is_empty() => {
                    self.newline();
                    self.sequence(val, indent);
                }
                _ => {
                    self.put(" ");
                    self.scalar(val, indent + 2, false);
                }
            }
        }
        if self.column > 0 {
            self.newline();
        }
    }

    fn sequence(&mut self, v: &Value, indent: usize) {
        let Value::Array(items) = v else { return };
        for (i, item) in items.iter().enumerate() {
            if i > 0 || self.column == 0 {
                self.indent_to(indent);
            }
            self.put("- ");
            match item {
                Value::Object(o) if !o.is_empty() => self.mapping(item, indent + 2),
                Value::Array(a) if !a.is_empty() => self.sequence(item, indent + 2),
                _ => {
                    self.scalar(item, indent + 2, false);
                }
            }
        }
        if self.column > 0 {
            self.newline();
        }
    }

    fn key(&mut self, k: &str) {
        let v = Value::String(k.to_string());
        self.scalar(&v, 0, true);
    }

    /// Writes a scalar; folded continuation lines are indented to `indent`.
    fn scalar(&mut self, v: &Value, indent: usize, simple_key: bool) {
        match v {
            Value::Null => self.put("null"),
            Value::Bool(b) => self.put(if *b { "true" } else { "false" }),
            Value::Number(n) => self.put(&format_number(n)),
            Value::Object(_) => self.put("{}"),
            Value::Array(_) => self.put("[]"),
            Value::String(s) => {
                let style = choose_style(s, simple_key);
                match style {
                    Style::Plain => self.plain(s, indent, !simple_key),
                    Style::Single => self.single(s, indent, !simple_key),
                    Style::Double => self.double(s, indent, !simple_key),
                    Style::Literal => self.literal(s, indent),
                }
            }
        }
    }

    fn plain(&mut self, s: &str, indent: usize, allow_breaks: bool) {
        let chars: Vec<char> = s.chars().collect();
        let mut spaces = false;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == ' ' {
                let next_is_space = chars.get(i + 1) == Some(&' ');
                if allow_breaks && !spaces && self.column > BEST_WIDTH && !next_is_space {
                    self.indent_to(indent);
                } else {
                    self.put(" ");
                }
                spaces = true;
            } else {
                self.put(&c.to_string());
                spaces = false;
            }
            i += 1;
        }
    }

    fn single(&mut self, s: &str, indent: usize, allow_breaks: bool) {
        self.put("'");
        let chars: Vec<char> = s.chars().collect();
        let mut spaces = false;
        let n = chars.len();
        for i in 0..n {
            let c = chars[i];
            if c == ' ' {
                let next_is_space = chars.get(i + 1) == Some(&' ');
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && i > 0
                    && i + 1 < n
                    && !next_is_space
                {
                    self.indent_to(indent);
                } else {
                    self.put(" ");
                }
                spaces = true;
            } else {
                if c == '\'' {
                    self.put("'");
                }
                self.put(&c.to_string());
                spaces = false;
            }
        }
        self.put("'");
    }

    fn double(&mut self, s: &str, indent: usize, allow_breaks: bool) {
        self.put("\"");
        let chars: Vec<char> = s.chars().collect();
        let n = chars.len();
        let mut spaces = false;
        for i in 0..n {
            let c = chars[i];
            if !is_printable(c) || c == '\u{feff}' || is_break(c) || c == '"' || c == '\\' {
                let esc = match c {
                    '\0' => "\\0".to_string(),
                    '\u{7}' => "\\a".into(),
                    '\u{8}' => "\\b".into(),
                    '\t' => "\\t".into(),
                    '\n' => "\\n".into(),
                    '\u{b}' => "\\v".into(),
                    '\u{c}' => "\\f".into(),
                    '\r' => "\\r".into(),
                    '\u{1b}' => "\\e".into(),
                    '"' => "\\\"".into(),
                    '\\' => "\\\\".into(),
                    '\u{85}' => "\\N".into(),
                    '\u{a0}' => "\\_".into(),
                    '\u{2028}' => "\\L".into(),
                    '\u{2029}' => "\\P".into(),
                    c if (c as u32) <= 0xFF => format!("\\x{:02X}", c as u32),
                    c if (c as u32) <= 0xFFFF => format!("\\u{:04X}", c as u32),
                    c => format!("\\U{:08X}", c as u32),
                };
                self.put(&esc);
                spaces = false;
            } else if c == ' ' {
                if allow_breaks && !spaces && self.column > BEST_WIDTH && i > 0 && i + 1 < n {
                    self.indent_to(indent);
                    if chars.get(i + 1) == Some(&' ') {
                        self.put("\\");
                    }
                } else {
                    self.put(" ");
                }
                spaces = true;
            } else {
                self.put(&c.to_string());
                spaces = false;
            }
        }
        self.put("\"");
    }

    fn literal(&mut self, s: &str, indent: usize) {
        self.put("|");
        let first = s.chars().next();
        if first.is_some_and(|c| c == ' ' || is_break(c)) {
            self.put("2");
        }
        // Chomping hint.
        let ends_break = s.ends_with('\n');
        if !ends_break {
            self.put("-");
        } else if s == "\n" || s.ends_with("\n\n") {
            self.put("+");
        }
        self.newline();
        for line in s.split_inclusive('\n') {
            let content = line.strip_suffix('\n').unwrap_or(line);
            if !content.is_empty() {
                self.put(&" ".repeat(indent));
                self.put(content);
            }
            if line.ends_with('\n') {
                self.newline();
            }
        }
        if self.column > 0 {
            // Content without a final newline: the caller's newline ends the line.
        }
    }
}

fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// go-yaml's `is_printable` (with unicode output enabled).
fn is_printable(c: char) -> bool {
    let u = c as u32;
    u == 0x0A
        || (0x20..=0x7E).contains(&u)
        || u == 0x85
        || (0xA0..=0xD7FF).contains(&u)
        || ((0xE000..=0xFFFD).contains(&u) && u != 0xFEFF)
        || (0x10000..=0x10FFFF).contains(&u)
}

/// go-yaml's `stringv` + `select_scalar_style` + `analyze_scalar`.
fn choose_style(s: &str, simple_key: bool) -> Style {
    let wants = if s.contains('\n') {
        Style::Literal
    } else if needs_quotes_to_stay_string(s) {
        Style::Double
    } else {
        Style::Plain
    };
    let a = analyze(s);
    let mut style = wants;
    if simple_key && a.multiline {
        style = Style::Double;
    }
    if style == Style::Plain {
        if !a.block_plain_allowed {
            style = Style::Single;
        }
        if s.is_empty() && simple_key {
            style = Style::Single;
        }
    }
    if style == Style::Single && !a.single_quoted_allowed {
        style = Style::Double;
    }
    if style == Style::Literal && (!a.block_allowed || simple_key) {
        style = Style::Double;
    }
    style
}

struct Analysis {
    multiline: bool,
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

fn analyze(s: &str) -> Analysis {
    if s.is_empty() {
        return Analysis {
            multiline: false,
            block_plain_allowed: true,
            single_quoted_allowed: true,
            block_allowed: false,
        };
    }
    let chars: Vec<char> = s.chars().collect();
    let mut block_indicators = s.starts_with("---") || s.starts_with("...");
    let (mut line_breaks, mut special) = (false, false);
    let (mut leading_space, mut leading_break, mut trailing_space, mut trailing_break) =
        (false, false, false, false);
    let (mut break_space, mut space_break) = (false, false);
    let (mut prev_space, mut prev_break) = (false, false);
    let mut preceded_by_ws = true;
    let n = chars.len();
    for i in 0..n {
        let c = chars[i];
        let followed_by_ws =
            i + 1 >= n || matches!(chars[i + 1], ' ' | '\t') || is_break(chars[i + 1]);
        if i == 0 {
            match c {
                '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"'
                | '%' | '@' | '`' => block_indicators = true,
                '?' | ':' if followed_by_ws => block_indicators = true,
                '-' if followed_by_ws => block_indicators = true,
                _ => {}
            }
        } else {
            match c {
                ':' if followed_by_ws => block_indicators = true,
                '#' if preceded_by_ws => block_indicators = true,
                _ => {}
            }
        }
        if !is_printable(c) {
            special = true;
        }
        if c == ' ' {
            if i == 0 {
                leading_space = true;
            }
            if i + 1 == n {
                trailing_space = true;
            }
            if prev_break {
                break_space = true;
            }
            prev_space = true;
            prev_break = false;
        } else if is_break(c) {
            line_breaks = true;
            if i == 0 {
                leading_break = true;
            }
            if i + 1 == n {
                trailing_break = true;
            }
            if prev_space {
                space_break = true;
            }
            prev_space = false;
            prev_break = true;
        } else {
            prev_space = false;
            prev_break = false;
        }
        preceded_by_ws = matches!(c, ' ' | '\t') || is_break(c);
    }
    let mut a = Analysis {
        multiline: line_breaks,
        block_plain_allowed: true,
        single_quoted_allowed: true,
        block_allowed: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.block_plain_allowed = false;
    }
    if trailing_space {
        a.block_allowed = false;
    }
    if break_space {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if space_break || special {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
        a.block_allowed = false;
    }
    if line_breaks || block_indicators {
        a.block_plain_allowed = false;
    }
    a
}

fn format_number(n: &serde_json::Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    if let Some(u) = n.as_u64() {
        return u.to_string();
    }
    let f = n.as_f64().unwrap_or(0.0);
    go_float(f)
}

pub use ordinal_sim::gofmt::strconv::format_float as go_float;

/// go-yaml v2 `keyList.Less` for string keys: letters sort after non-letters; runs of digits
/// compare by value ("web-2" < "web-10").
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let ar: Vec<char> = a.chars().collect();
    let br: Vec<char> = b.chars().collect();
    let less = |x: &[char], y: &[char]| -> bool {
        let n = x.len().min(y.len());
        for i in 0..n {
            if x[i] == y[i] {
                continue;
            }
            let al = x[i].is_alphabetic();
            let bl = y[i].is_alphabetic();
            if al && bl {
                return x[i] < y[i];
            }
            if al || bl {
                return bl;
            }
            let (mut an, mut bn): (i64, i64) = (0, 0);
            if x[i] == '0' || y[i] == '0' {
                let mut j = i;
                while j > 0 && x[j - 1].is_ascii_digit() {
                    j -= 1;
                    if x[j] != '0' {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }
            let mut ai = i;
            while ai < x.len() && x[ai].is_ascii_digit() {
                an = an
                    .saturating_mul(10)
                    .saturating_add(x[ai] as i64 - '0' as i64);
                ai += 1;
            }
            let mut bi = i;
            while bi < y.len() && y[bi].is_ascii_digit() {
                bn = bn
                    .saturating_mul(10)
                    .saturating_add(y[bi] as i64 - '0' as i64);
                bi += 1;
            }
            if an != bn {
                return an < bn;
            }
            if ai != bi {
                return ai < bi;
            }
            return x[i] < y[i];
        }
        x.len() < y.len()
    };
    if less(&ar, &br) {
        Ordering::Less
    } else if less(&br, &ar) {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}
