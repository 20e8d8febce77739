//! A hand-written YAML reader for the subset Kubernetes manifests use: multi-document streams,
//! block mappings and sequences (including sequences not indented under their key), flow
//! collections (so JSON works too), plain/single/double-quoted scalars, `|` and `>` block scalars,
//! comments, anchors, aliases and `<<` merges. Errors use go-yaml's wording
//! (`yaml: line 7: mapping values are not allowed in this context`).

use super::scalar::resolve_plain;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// A syntax error at a 1-based line (and column when known).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    pub line: usize,
    pub column: Option<usize>,
    pub message: String,
    /// Errors found while building values (duplicate keys) read `yaml: unmarshal errors:`.
    pub unmarshal: bool,
}

impl std::fmt::Display for YamlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.unmarshal {
            write!(
                f,
                "yaml: unmarshal errors:\n  line {}: {}",
                self.line, self.message
            )
        } else if self.line == 0 {
            write!(f, "yaml: {}", self.message)
        } else {
            write!(f, "yaml: line {}: {}", self.line, self.message)
        }
    }
}

const MAX_DEPTH: usize = 64;
const MAX_INPUT: usize = 2 << 20;
pub(crate) const MAX_ALIAS_EXPANSION: usize = 100_000;

/// Parses every document of a stream. Empty documents are dropped (as kubectl does).
pub fn parse_documents(src: &str) -> Result<Vec<Value>, YamlError> {
    if src.len() > MAX_INPUT {
        return Err(err(1, "input is too large (the limit is 2 MiB)"));
    }
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut docs = Vec::new();
    let mut current: Vec<Line> = Vec::new();
    let mut has_start = false;
    // A final newline ends the last line; it does not start an empty one.
    let body = src.strip_suffix('\n').unwrap_or(src);
    for (idx, raw) in body.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let no = idx + 1;
        if is_doc_marker(raw, "---") {
            if !current.is_empty() || has_start {
                if let Some(v) = parse_document(std::mem::take(&mut current), no)? {
                    docs.push(v);
                }
            }
            has_start = true;
            let rest = raw[3..].trim_start();
            if !rest.is_empty() && !rest.starts_with('#') {
                // `--- value` on the marker line: treat the rest as the first line.
                current.push(Line::new(
                    no,
                    &format!("{}{}", " ".repeat(raw.len() - rest.len()), rest),
                ));
            }
            continue;
        }
        if is_doc_marker(raw, "...") {
            if let Some(v) = parse_document(std::mem::take(&mut current), no)? {
                docs.push(v);
            }
            has_start = false;
            continue;
        }
        if raw.starts_with('%') && current.is_empty() {
            continue; // %YAML / %TAG directives
        }
        current.push(Line::new(no, raw));
    }
    let line_count = body.split('\n').count();
    let end_line = line_count + usize::from(src.ends_with('\n'));
    if let Some(v) = parse_document(current, end_line)? {
        docs.push(v);
    }
    Ok(docs)
}

fn is_doc_marker(raw: &str, m: &str) -> bool {
    raw.starts_with(m)
        && raw[3..]
            .chars()
            .next()
            .is_none_or(|c| c == ' ' || c == '\t')
}

/// A parser (not scanner) error: go-yaml prints the 0-based line of the offending token, which
/// reads as the line above it.
fn perr(line: usize, msg: &str) -> YamlError {
    err(line.saturating_sub(1), msg)
}

fn err(line: usize, msg: &str) -> YamlError {
    YamlError {
        line,
        column: None,
        message: msg.to_string(),
        unmarshal: false,
    }
}

#[derive(Clone, Debug)]
struct Line {
    no: usize,
    /// Leading spaces.
    indent: usize,
    /// Text after the indentation.
    text: String,
    /// A tab appears in the indentation (not allowed in block context).
    tab_indent: bool,
}

impl Line {
    fn new(no: usize, raw: &str) -> Line {
        let indent = raw.chars().take_while(|c| *c == ' ').count();
        let rest = &raw[indent..];
        let tab_indent = rest.starts_with('\t') && !rest.trim().is_empty() && {
            // A tab right before a comment is harmless.
            !rest.trim_start().starts_with('#')
        };
        Line {
            no,
            indent,
            text: rest.to_string(),
            tab_indent,
        }
    }

    fn is_blank(&self) -> bool {
        let t = self.text.trim_start_matches([' ', '\t']);
        t.is_empty() || t.starts_with('#')
    }
}

/// `end_line` is where the document's input ends (the next marker, or end of stream).
fn parse_document(lines: Vec<Line>, end_line: usize) -> Result<Option<Value>, YamlError> {
    Parser::new(lines, end_line).document()
}

/// Parses one document (no `---` markers) and reports how many nodes its aliases expanded to,
/// so tests can see that the expansion limit, not luck, stopped an alias bomb.
#[cfg(test)]
pub(crate) fn parse_single_counted(src: &str) -> (Result<Option<Value>, YamlError>, usize) {
    let lines: Vec<Line> = src
        .lines()
        .enumerate()
        .map(|(i, l)| Line::new(i + 1, l))
        .collect();
    let end = lines.len() + 1;
    let mut p = Parser::new(lines, end);
    let r = p.document();
    (r, p.anchors.expanded())
}

struct Parser {
    lines: Vec<Line>,
    end_line: usize,
    pos: usize,
    anchors: Anchors,
    depth: usize,
}

/// A document's anchors, and how many nodes its aliases have expanded to so far. Block and flow
/// context resolve aliases through the one store, so nested anchors (`&b [*a, *a, ...]`) cannot
/// grow exponentially in either: every alias is charged the size of the node it copies
/// (go-yaml: decode.go's alias ratio check).
#[derive(Default)]
struct Anchors {
    nodes: BTreeMap<String, (Value, usize)>,
    expanded: usize,
}

impl Anchors {
    fn define(&mut self, name: String, v: &Value) {
        let size = count_nodes(v);
        self.nodes.insert(name, (v.clone(), size));
    }

    /// The anchored node, charged against the expansion limit before it is copied.
    fn resolve(&mut self, name: &str, no: usize) -> Result<Value, YamlError> {
        let (v, size) = self
            .nodes
            .get(name)
            .ok_or_else(|| err(no, &format!("unknown anchor '{name}' referenced")))?;
        self.expanded = self.expanded.saturating_add(*size);
        if self.expanded > MAX_ALIAS_EXPANSION {
            // go-yaml fails here without a line: `yaml: document contains excessive aliasing`.
            return Err(err(0, "document contains excessive aliasing"));
        }
        Ok(v.clone())
    }

    #[cfg(test)]
    pub(crate) fn expanded(&self) -> usize {
        self.expanded
    }
}

/// Node properties in front of a value: `&anchor` and `!tag`.
#[derive(Default)]
struct Props {
    anchor: Option<String>,
    tag: Option<String>,
}

impl Parser {
    fn new(lines: Vec<Line>, end_line: usize) -> Parser {
        Parser {
            lines,
            end_line,
            pos: 0,
            anchors: Anchors::default(),
            depth: 0,
        }
    }

    fn document(&mut self) -> Result<Option<Value>, YamlError> {
        self.skip_blank();
        if self.pos >= self.lines.len() {
            return Ok(None);
        }
        let v = self.block_node(-1)?;
        self.skip_blank();
        if let Some(l) = self.lines.get(self.pos) {
            return Err(perr(l.no, "did not find expected <document start>"));
        }
        Ok(match v {
            Value::Null => None,
            v => Some(v),
        })
    }

    fn skip_blank(&mut self) {
        while self.pos < self.lines.len() && self.lines[self.pos].is_blank() {
            self.pos += 1;
        }
    }

    fn cur_no(&self) -> usize {
        self.lines
            .get(self.pos)
            .or(self.lines.last())
            .map_or(1, |l| l.no)
    }

    fn enter(&mut self) -> Result<(), YamlError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(err(self.cur_no(), "exceeded max depth of 64"));
        }
        Ok(())
    }

    /// A block node whose lines are indented more than `parent` (None if there are none).
    fn block_node(&mut self, parent: isize) -> Result<Value, YamlError> {
        self.skip_blank();
        let Some(line) = self.lines.get(self.pos) else {
            return Ok(Value::Null);
        };
        if (line.indent as isize) <= parent {
            return Ok(Value::Null);
        }
        if line.tab_indent {
            return Err(err(line.no, "found character that cannot start any token"));
        }
        let indent = line.indent;
        self.node_at(indent, parent)
    }

    /// The node starting at the current line, whose first content is at column `indent`.
    fn node_at(&mut self, indent: usize, parent: isize) -> Result<Value, YamlError> {
        self.enter()?;
        let text = self.lines[self.pos].text.clone();
        let v = if is_seq_entry(&text) {
            self.sequence(indent)
        } else if find_mapping_colon(&text).is_some() {
            self.mapping(indent)
        } else {
            let no = self.lines[self.pos].no;
            self.inline_value(&text, no, parent)
        };
        self.depth -= 1;
        v
    }

    fn mapping(&mut self, indent: usize) -> Result<Value, YamlError> {
        let mut map = Map::new();
        let mut key_lines: BTreeMap<String, usize> = BTreeMap::new();
        loop {
            self.skip_blank();
            let Some(line) = self.lines.get(self.pos).cloned() else {
                break;
            };
            if line.indent < indent {
                break;
            }
            if line.tab_indent {
                return Err(err(line.no, "found character that cannot start any token"));
            }
            if line.indent > indent {
                return Err(perr(line.no, "did not find expected key"));
            }
            if is_seq_entry(&line.text) {
                // An indentless sequence ends at the next key; a `-` here has no key.
                return Err(perr(line.no, "did not find expected key"));
            }
            let Some((key_end, value_start)) = find_mapping_colon(&line.text) else {
                // go-yaml notices at the next token, after blank lines and comments.
                let no = self.lines[self.pos + 1..]
                    .iter()
                    .find(|l| !l.is_blank())
                    .map_or(self.end_line, |l| l.no);
                return Err(err(no, "could not find expected ':'"));
            };
            let key_text = line.text[..key_end].trim_end();
            let key = self.parse_key(key_text, line.no)?;
            let rest = line.text[value_start..].to_string();
            let value = self.mapping_value(&rest, &line, indent)?;
            if key == "<<" && !key_text.starts_with(['"', '\'']) {
                merge_into(&mut map, value, line.no)?;
                continue;
            }
            // go-yaml v2 as sigs.k8s.io/yaml uses it: a repeated key silently wins.
            key_lines.insert(key.clone(), line.no);
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }

    /// The value after `key:`; the current line is consumed.
    fn mapping_value(
        &mut self,
        rest: &str,
        line: &Line,
        indent: usize,
    ) -> Result<Value, YamlError> {
        let trimmed = rest.trim_start_matches([' ', '\t']);
        if trimmed.is_empty() || trimmed.starts_with('#') {
            self.pos += 1;
            self.skip_blank();
            return match self.lines.get(self.pos) {
                Some(next) if next.indent > indent => self.block_node(indent as isize),
                Some(next) if next.indent == indent && is_seq_entry(&next.text) => {
                    self.enter()?;
                    let v = self.sequence(indent);
                    self.depth -= 1;
                    v
                }
                _ => Ok(Value::Null),
            };
        }
        if is_seq_entry(trimmed) {
            return Err(err(
                line.no,
                "block sequence entries are not allowed in this context",
            ));
        }
        self.inline_value(trimmed, line.no, indent as isize)
    }

    fn sequence(&mut self, indent: usize) -> Result<Value, YamlError> {
        let mut items = Vec::new();
        loop {
            self.skip_blank();
            let Some(line) = self.lines.get(self.pos).cloned() else {
                break;
            };
            if line.indent < indent {
                break;
            }
            if line.tab_indent {
                return Err(err(line.no, "found character that cannot start any token"));
            }
            if line.indent > indent {
                return Err(perr(line.no, "did not find expected '-' indicator"));
            }
            if !is_seq_entry(&line.text) {
                // The parent mapping's next key (indentless sequences) or an error the parent reports.
                break;
            }
            let after = &line.text[1..];
            let spaces = after
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .count();
            let content = &after[spaces..];
            if content.is_empty() || content.starts_with('#') {
                self.pos += 1;
                items.push(self.block_node(indent as isize)?);
                continue;
            }
            // Re-read the rest of the line as if it started at its own column.
            let col = indent + 1 + spaces;
            self.lines[self.pos] = Line {
                no: line.no,
                indent: col,
                text: content.to_string(),
                tab_indent: false,
            };
            items.push(self.node_at(col, indent as isize)?);
        }
        Ok(Value::Array(items))
    }

    fn parse_key(&mut self, key_text: &str, no: usize) -> Result<String, YamlError> {
        if key_text.is_empty() {
            return Ok("null".into()); // sigs.k8s.io/yaml stringifies a null key
        }
        // A key's anchor or tag is read past but not kept: manifests never alias a key.
        let (_, body) = self.props(key_text, no)?;
        let v = if body.starts_with('"') || body.starts_with('\'') {
            let mut chars = Cursor::single_line(body, no);
            let s = if body.starts_with('"') {
                chars.double_quoted()?
            } else {
                chars.single_quoted()?
            };
            chars.skip_ws();
            if !chars.at_end() {
                return Err(perr(no, "did not find expected key"));
            }
            Value::String(s)
        } else if body.starts_with('*') {
            self.alias(body, no)?
        } else if body.starts_with(['[', '{']) {
            return Err(perr(no, "did not find expected key"));
        } else if body.starts_with("? ") || body == "?" {
            return Err(err(no, "complex mapping keys are not supported"));
        } else {
            resolve_plain(body)
        };
        Ok(key_string(&v))
    }

    fn props<'a>(&self, text: &'a str, no: usize) -> Result<(Props, &'a str), YamlError> {
        let mut props = Props::default();
        let mut t = text;
        loop {
            if let Some(rest) = t.strip_prefix('&') {
                let end = rest.find([' ', '\t']).unwrap_or(rest.len());
                let name = &rest[..end];
                if name.is_empty() {
                    return Err(err(
                        no,
                        "did not find expected alphabetic or numeric character",
                    ));
                }
                props.anchor = Some(name.to_string());
                t = rest[end..].trim_start_matches([' ', '\t']);
            } else if t.starts_with('!') {
                let end = t.find([' ', '\t']).unwrap_or(t.len());
                props.tag = Some(t[..end].to_string());
                t = t[end..].trim_start_matches([' ', '\t']);
            } else {
                return Ok((props, t));
            }
        }
    }

    fn alias(&mut self, body: &str, no: usize) -> Result<Value, YamlError> {
        let name = body[1..].split([' ', '\t']).next().unwrap_or("");
        self.anchors.resolve(name, no)
    }

    /// A value that starts on a line after a key or `- `: properties, alias, block scalar, flow
    /// collection, quoted or plain scalar. Consumes every line the value spans.
    fn inline_value(&mut self, text: &str, no: usize, parent: isize) -> Result<Value, YamlError> {
        let (props, body) = self.props(text, no)?;
        let v = if body.is_empty() || body.starts_with('#') {
            self.pos += 1;
            self.block_node(parent)?
        } else if body.starts_with('*') {
            let v = self.alias(body, no)?;
            let rest = body.split_once([' ', '\t']).map_or("", |(_, r)| r).trim();
            if !rest.is_empty() && !rest.starts_with('#') {
                return Err(perr(no, "did not find expected key"));
            }
            self.pos += 1;
            v
        } else if body.starts_with('|') || body.starts_with('>') {
            self.block_scalar(body, no, parent)?
        } else if body.starts_with('[') || body.starts_with('{') {
            self.flow_value(body, parent)?
        } else if body.starts_with('"') || body.starts_with('\'') {
            self.quoted_value(body, parent)?
        } else {
            self.plain_value(body, no, parent)?
        };
        let v = match (&props.tag, v) {
            (Some(t), v) if t == "!!str" || t == "!str" => Value::String(match v {
                Value::String(s) => s,
                Value::Null => String::new(),
                other => key_string(&other),
            }),
            (_, v) => v,
        };
        if let Some(a) = props.anchor {
            self.anchors.define(a, &v);
        }
        Ok(v)
    }

    fn plain_value(&mut self, body: &str, no: usize, parent: isize) -> Result<Value, YamlError> {
        if let Some(c) = body.chars().next() {
            if matches!(c, '@' | '`' | '%') {
                return Err(err(no, "found character that cannot start any token"));
            }
            if (c == '-' || c == '?' || c == ':') && body[1..].starts_with([' ', '\t']) {
                return Err(err(
                    no,
                    "block sequence entries are not allowed in this context",
                ));
            }
        }
        let first = strip_comment(body).trim_end().to_string();
        if has_mapping_indicator(&first) {
            return Err(err(no, "mapping values are not allowed in this context"));
        }
        let mut text = first;
        self.pos += 1;
        // Continuation lines: more indented than the parent, not a comment.
        let mut pending_newlines = 0usize;
        while let Some(line) = self.lines.get(self.pos) {
            let trimmed = line.text.trim_start_matches([' ', '\t']);
            if trimmed.is_empty() {
                pending_newlines += 1;
                self.pos += 1;
                continue;
            }
            if (line.indent as isize) <= parent || trimmed.starts_with('#') {
                break;
            }
            if line.indent == 0 && (is_doc_marker(trimmed, "---") || is_doc_marker(trimmed, "..."))
            {
                break;
            }
            let part = strip_comment(trimmed).trim_end();
            if has_mapping_indicator(part) {
                return Err(err(
                    line.no,
                    "mapping values are not allowed in this context",
                ));
            }
            if pending_newlines > 0 {
                text.push_str(&"\n".repeat(pending_newlines));
            } else {
                text.push(' ');
            }
            pending_newlines = 0;
            text.push_str(part);
            let had_comment = part.len() < trimmed.trim_end().len();
            self.pos += 1;
            if had_comment {
                break;
            }
        }
        // Blank lines after the scalar belong to nobody; step back so they are skipped later.
        Ok(resolve_plain(&text))
    }

    fn quoted_value(&mut self, body: &str, parent: isize) -> Result<Value, YamlError> {
        let mut cur = Cursor::multi_line(&self.lines, self.pos, body, parent, self.end_line);
        let s = if body.starts_with('"') {
            cur.double_quoted()?
        } else {
            cur.single_quoted()?
        };
        cur.skip_ws();
        let rest = cur.rest_of_line();
        let rest_t = rest.trim();
        if !rest_t.is_empty() && !rest_t.starts_with('#') {
            let line_no = cur.line_no();
            if rest_t.starts_with(':') {
                return Err(err(
                    line_no,
                    "mapping values are not allowed in this context",
                ));
            }
            return Err(perr(line_no, "did not find expected key"));
        }
        self.pos = cur.line_index() + 1;
        Ok(Value::String(s))
    }

    fn flow_value(&mut self, body: &str, parent: isize) -> Result<Value, YamlError> {
        let mut cur = Cursor::multi_line(&self.lines, self.pos, body, parent, self.end_line);
        let v = cur.flow_node(0, &mut self.anchors)?;
        cur.skip_ws_and_comments_on_line();
        let rest = cur.rest_of_line();
        let rest_t = rest.trim();
        if !rest_t.is_empty() && !rest_t.starts_with('#') {
            return Err(perr(cur.line_no(), "did not find expected key"));
        }
        self.pos = cur.line_index() + 1;
        Ok(v)
    }

    fn block_scalar(&mut self, header: &str, no: usize, parent: isize) -> Result<Value, YamlError> {
        let literal = header.starts_with('|');
        let mut chomp = ' ';
        let mut explicit: Option<usize> = None;
        let mut rest = &header[1..];
        for _ in 0..2 {
            match rest.chars().next() {
                Some(c @ ('+' | '-')) if chomp == ' ' => {
                    chomp = c;
                    rest = &rest[1..];
                }
                Some(d @ '1'..='9') if explicit.is_none() => {
                    explicit = Some(d as usize - '0' as usize);
                    rest = &rest[1..];
                }
                _ => {}
            }
        }
        let rest = rest.trim_start_matches([' ', '\t']);
        if !rest.is_empty() && !rest.starts_with('#') {
            return Err(err(no, "did not find expected comment or line break"));
        }
        self.pos += 1;
        let base = if parent < 0 { 0 } else { parent as usize + 1 };
        let mut content_indent = explicit.map(|e| (parent.max(0) as usize) + e);
        if parent < 0 {
            content_indent = explicit;
        }
        let mut lines_out: Vec<String> = Vec::new();
        while let Some(line) = self.lines.get(self.pos) {
            let is_empty = line.text.trim_matches(' ').is_empty();
            if is_empty {
                // Keep relative spaces beyond the content indent.
                let extra = content_indent
                    .map(|ci| (line.indent + line.text.len()).saturating_sub(ci))
                    .unwrap_or(0);
                lines_out.push(" ".repeat(extra));
                self.pos += 1;
                continue;
            }
            let ci = match content_indent {
                Some(ci) => ci,
                None => {
                    if line.indent < base {
                        break;
                    }
                    content_indent = Some(line.indent);
                    line.indent
                }
            };
            if line.indent < ci {
                break;
            }
            let mut s = " ".repeat(line.indent - ci);
            s.push_str(&line.text);
            lines_out.push(s);
            self.pos += 1;
        }
        // Trailing empty lines are handled by chomping; step back over them so the next node
        // starts at the right place (they are blank anyway).
        let trailing_empty = lines_out
            .iter()
            .rev()
            .take_while(|l| l.trim().is_empty())
            .count();
        let content = &lines_out[..lines_out.len() - trailing_empty];
        let mut text = String::new();
        if literal {
            for l in content {
                text.push_str(l);
                text.push('\n');
            }
        } else {
            // Folding: single line breaks between non-indented lines become spaces.
            let mut prev_more_indented = false;
            let mut pending_breaks = 0usize;
            let mut first = true;
            for l in content {
                if l.is_empty() {
                    pending_breaks += 1;
                    continue;
                }
                let more = l.starts_with(' ') || l.starts_with('\t');
                if !first {
                    if pending_breaks > 0 {
                        let extra = usize::from(prev_more_indented || more);
                        text.push_str(&"\n".repeat(pending_breaks + extra));
                    } else if more || prev_more_indented {
                        text.push('\n');
                    } else {
                        text.push(' ');
                    }
                } else if pending_breaks > 0 {
                    text.push_str(&"\n".repeat(pending_breaks));
                }
                pending_breaks = 0;
                text.push_str(l);
                prev_more_indented = more;
                first = false;
            }
            if !content.is_empty() {
                text.push('\n');
            }
        }
        match chomp {
            '-' => {
                while text.ends_with('\n') {
                    text.pop();
                }
            }
            '+' => {
                for _ in 0..trailing_empty {
                    text.push('\n');
                }
                if content.is_empty() && trailing_empty == 0 {
                    text.clear();
                }
            }
            _ => {}
        }
        Ok(Value::String(text))
    }
}

fn merge_into(map: &mut Map<String, Value>, value: Value, no: usize) -> Result<(), YamlError> {
    let sources = match value {
        Value::Object(m) => vec![m],
        Value::Array(items) => {
            let mut out = Vec::new();
            for i in items {
                match i {
                    Value::Object(m) => out.push(m),
                    _ => {
                        return Err(err(
                            no,
                            "map merge requires map or sequence of maps as the value",
                        ))
                    }
                }
            }
            out
        }
        _ => {
            return Err(err(
                no,
                "map merge requires map or sequence of maps as the value",
            ))
        }
    };
    for src in sources {
        for (k, v) in src {
            map.entry(k).or_insert(v);
        }
    }
    Ok(())
}

fn count_nodes(v: &Value) -> usize {
    match v {
        Value::Array(a) => 1 + a.iter().map(count_nodes).sum::<usize>(),
        Value::Object(m) => 1 + m.values().map(count_nodes).sum::<usize>(),
        _ => 1,
    }
}

/// How sigs.k8s.io/yaml turns a non-string key into a JSON key.
fn key_string(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

fn is_seq_entry(text: &str) -> bool {
    text.starts_with('-')
        && text[1..]
            .chars()
            .next()
            .is_none_or(|c| c == ' ' || c == '\t')
}

/// Byte index of a plain scalar's comment (` #`), or the whole string.
fn strip_comment(s: &str) -> &str {
    let b = s.as_bytes();
    for i in 0..b.len() {
        if b[i] == b'#' && (i == 0 || b[i - 1] == b' ' || b[i - 1] == b'\t') {
            return &s[..i];
        }
    }
    s
}

/// `: ` (or a trailing `:`) inside a plain scalar in block context.
fn has_mapping_indicator(s: &str) -> bool {
    let b = s.as_bytes();
    (0..b.len())
        .any(|i| b[i] == b':' && (i + 1 == b.len() || b[i + 1] == b' ' || b[i + 1] == b'\t'))
}

/// If the line is `key: ...`, returns (end of key, start of value). Respects quoted keys and
/// ignores colons inside flow collections or comments.
fn find_mapping_colon(text: &str) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    if b.is_empty() || b[0] == b'#' || is_seq_entry(text) {
        return None;
    }
    let mut i = 0;
    // Skip node properties in front of the key.
    while i < b.len() && (b[i] == b'&' || b[i] == b'!') {
        while i < b.len() && b[i] != b' ' {
            i += 1;
        }
        while i < b.len() && b[i] == b' ' {
            i += 1;
        }
    }
    if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
        let q = b[i];
        i += 1;
        while i < b.len() {
            if b[i] == b'\\' && q == b'"' {
                i += 2;
                continue;
            }
            if b[i] == q {
                if q == b'\'' && i + 1 < b.len() && b[i + 1] == b'\'' {
                    i += 2;
                    continue;
                }
                break;
            }
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        let key_end = i + 1;
        let mut j = key_end;
        while j < b.len() && (b[j] == b' ' || b[j] == b'\t') {
            j += 1;
        }
        if j < b.len()
            && b[j] == b':'
            && (j + 1 == b.len() || b[j + 1] == b' ' || b[j + 1] == b'\t')
        {
            return Some((key_end, j + 1));
        }
        return None;
    }
    if i < b.len() && (b[i] == b'[' || b[i] == b'{') {
        return None;
    }
    while i < b.len() {
        match b[i] {
            b'#' if i > 0 && (b[i - 1] == b' ' || b[i - 1] == b'\t') => return None,
            b':' if i + 1 == b.len() || b[i + 1] == b' ' || b[i + 1] == b'\t' => {
                return Some((i, i + 1));
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Character cursor over one or more lines, for quoted scalars and flow collections.
struct Cursor {
    end_line: usize,
    /// (line number, text) — the first entry starts where the value starts.
    lines: Vec<(usize, Vec<char>)>,
    /// Index of the first line in the parser's line list.
    base: usize,
    li: usize,
    ci: usize,
}

impl Cursor {
    fn single_line(text: &str, no: usize) -> Cursor {
        Cursor {
            end_line: no,
            lines: vec![(no, text.chars().collect())],
            base: 0,
            li: 0,
            ci: 0,
        }
    }

    /// Continuation lines must be indented more than `parent` (blank lines may sit anywhere).
    fn multi_line(all: &[Line], pos: usize, first: &str, parent: isize, end_line: usize) -> Cursor {
        let mut lines = vec![(all[pos].no, first.chars().collect::<Vec<char>>())];
        for l in &all[pos + 1..] {
            if (l.indent as isize) <= parent && !l.text.trim().is_empty() {
                break;
            }
            let mut t: Vec<char> = " ".repeat(l.indent).chars().collect();
            t.extend(l.text.chars());
            lines.push((l.no, t));
        }
        let truncated = lines.len() < all.len() - pos;
        let end_line = if truncated {
            lines.last().map_or(end_line, |l| l.0 + 1)
        } else {
            end_line
        };
        Cursor {
            end_line,
            lines,
            base: pos,
            li: 0,
            ci: 0,
        }
    }

    fn line_no(&self) -> usize {
        self.lines
            .get(self.li)
            .or(self.lines.last())
            .map_or(1, |l| l.0)
    }

    fn last_line_no(&self) -> usize {
        self.end_line
    }

    fn line_index(&self) -> usize {
        self.base + self.li.min(self.lines.len().saturating_sub(1))
    }

    fn peek(&self) -> Option<char> {
        self.lines.get(self.li)?.1.get(self.ci).copied()
    }

    fn peek2(&self) -> Option<char> {
        self.lines.get(self.li)?.1.get(self.ci + 1).copied()
    }

    fn at_eol(&self) -> bool {
        self.lines.get(self.li).is_none_or(|l| self.ci >= l.1.len())
    }

    fn at_end(&self) -> bool {
        self.at_eol() && self.li + 1 >= self.lines.len()
    }

    fn next_line(&mut self) -> bool {
        if self.li + 1 < self.lines.len() {
            self.li += 1;
            self.ci = 0;
            true
        } else {
            false
        }
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(' ') | Some('\t')) {
            self.ci += 1;
        }
    }

    fn skip_ws_and_comments_on_line(&mut self) {
        self.skip_ws();
    }

    fn rest_of_line(&self) -> String {
        self.lines
            .get(self.li)
            .map(|l| l.1[self.ci.min(l.1.len())..].iter().collect())
            .unwrap_or_default()
    }

    /// Skips whitespace, comments and line breaks (flow context).
    fn skip_flow_space(&mut self) {
        loop {
            self.skip_ws();
            match self.peek() {
                Some('#') => {
                    let len = self.lines[self.li].1.len();
                    self.ci = len;
                }
                None => {
                    if !self.next_line() {
                        return;
                    }
                }
                _ => return,
            }
        }
    }

    /// End of input inside a flow collection: the parser wanted a separator.
    fn eof_err(&self, close: char) -> YamlError {
        perr(
            self.end_line,
            &format!("did not find expected ',' or '{close}'"),
        )
    }

    fn double_quoted(&mut self) -> Result<String, YamlError> {
        self.ci += 1;
        let mut s = String::new();
        loop {
            let Some(c) = self.peek() else {
                // Line break inside the string: fold.
                if !self.next_line() {
                    return Err(err(self.last_line_no(), "found unexpected end of stream"));
                }
                self.fold_break(&mut s)?;
                continue;
            };
            self.ci += 1;
            match c {
                '"' => return Ok(s),
                '\\' => {
                    let Some(e) = self.peek() else {
                        // Escaped line break: join without a space.
                        if !self.next_line() {
                            return Err(err(self.last_line_no(), "found unexpected end of stream"));
                        }
                        self.skip_ws();
                        continue;
                    };
                    self.ci += 1;
                    match e {
                        '0' => s.push('\0'),
                        'a' => s.push('\u{7}'),
                        'b' => s.push('\u{8}'),
                        't' | '\t' => s.push('\t'),
                        'n' => s.push('\n'),
                        'v' => s.push('\u{b}'),
                        'f' => s.push('\u{c}'),
                        'r' => s.push('\r'),
                        'e' => s.push('\u{1b}'),
                        ' ' => s.push(' '),
                        '"' => s.push('"'),
                        '/' => s.push('/'),
                        '\\' => s.push('\\'),
                        'N' => s.push('\u{85}'),
                        '_' => s.push('\u{a0}'),
                        'L' => s.push('\u{2028}'),
                        'P' => s.push('\u{2029}'),
                        'x' | 'u' | 'U' => {
                            let n = match e {
                                'x' => 2,
                                'u' => 4,
                                _ => 8,
                            };
                            let mut code = 0u32;
                            for _ in 0..n {
                                let d =
                                    self.peek().and_then(|c| c.to_digit(16)).ok_or_else(|| {
                                        err(
                                            self.line_no(),
                                            "did not find expected hexdecimal number",
                                        )
                                    })?;
                                code = code * 16 + d;
                                self.ci += 1;
                            }
                            s.push(char::from_u32(code).ok_or_else(|| {
                                err(
                                    self.line_no(),
                                    "found invalid Unicode character escape code",
                                )
                            })?);
                        }
                        _ => {
                            return Err(err(
                                self.line_no(),
                                "found unknown escape character while parsing a quoted scalar",
                            ))
                        }
                    }
                }
                _ => s.push(c),
            }
        }
    }

    fn single_quoted(&mut self) -> Result<String, YamlError> {
        self.ci += 1;
        let mut s = String::new();
        loop {
            let Some(c) = self.peek() else {
                if !self.next_line() {
                    return Err(err(self.last_line_no(), "found unexpected end of stream"));
                }
                self.fold_break(&mut s)?;
                continue;
            };
            self.ci += 1;
            if c == '\'' {
                if self.peek() == Some('\'') {
                    self.ci += 1;
                    s.push('\'');
                    continue;
                }
                return Ok(s);
            }
            s.push(c);
        }
    }

    /// A line break inside a quoted scalar: trailing spaces dropped, one break → space,
    /// each further empty line → '\n'.
    fn fold_break(&mut self, s: &mut String) -> Result<(), YamlError> {
        while s.ends_with(' ') || s.ends_with('\t') {
            s.pop();
        }
        let mut empties = 0;
        loop {
            self.skip_ws();
            if self.at_eol() {
                if !self.next_line() {
                    return Ok(());
                }
                empties += 1;
                continue;
            }
            break;
        }
        if empties == 0 {
            s.push(' ');
        } else {
            s.push_str(&"\n".repeat(empties));
        }
        Ok(())
    }

    fn flow_node(&mut self, depth: usize, anchors: &mut Anchors) -> Result<Value, YamlError> {
        if depth > MAX_DEPTH {
            return Err(err(self.line_no(), "exceeded max depth of 64"));
        }
        self.skip_flow_space();
        let mut anchor = None;
        loop {
            match self.peek() {
                Some('&') => {
                    self.ci += 1;
                    let mut name = String::new();
                    while let Some(c) = self.peek() {
                        if c == ' ' || c == ',' || c == ']' || c == '}' {
                            break;
                        }
                        name.push(c);
                        self.ci += 1;
                    }
                    anchor = Some(name);
                    self.skip_flow_space();
                }
                Some('!') => {
                    while let Some(c) = self.peek() {
                        if c == ' ' {
                            break;
                        }
                        self.ci += 1;
                    }
                    self.skip_flow_space();
                }
                _ => break,
            }
        }
        let v = match self.peek() {
            None => return Err(self.eof_err(']')),
            Some('[') => {
                self.ci += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_flow_space();
                    match self.peek() {
                        None => return Err(self.eof_err(']')),
                        Some(']') => {
                            self.ci += 1;
                            break;
                        }
                        _ => {}
                    }
                    let item = self.flow_node(depth + 1, anchors)?;
                    self.skip_flow_space();
                    // `[a: b]` is a single-pair mapping.
                    let item = if self.peek() == Some(':') {
                        self.ci += 1;
                        let v = self.flow_node(depth + 1, anchors)?;
                        self.skip_flow_space();
                        let mut m = Map::new();
                        m.insert(key_string(&item), v);
                        Value::Object(m)
                    } else {
                        item
                    };
                    items.push(item);
                    match self.peek() {
                        Some(',') => self.ci += 1,
                        Some(']') => {
                            self.ci += 1;
                            break;
                        }
                        None => return Err(self.eof_err(']')),
                        Some(_) => {
                            return Err(perr(self.line_no(), "did not find expected ',' or ']'"))
                        }
                    }
                }
                Value::Array(items)
            }
            Some('{') => {
                self.ci += 1;
                let mut map = Map::new();
                loop {
                    self.skip_flow_space();
                    match self.peek() {
                        None => return Err(self.eof_err('}')),
                        Some('}') => {
                            self.ci += 1;
                            break;
                        }
                        _ => {}
                    }
                    let k = self.flow_node(depth + 1, anchors)?;
                    self.skip_flow_space();
                    let v = if self.peek() == Some(':') {
                        self.ci += 1;
                        self.skip_flow_space();
                        match self.peek() {
                            Some(',') | Some('}') => Value::Null,
                            _ => self.flow_node(depth + 1, anchors)?,
                        }
                    } else {
                        Value::Null
                    };
                    let key = key_string(&k);
                    map.insert(key, v);
                    self.skip_flow_space();
                    match self.peek() {
                        Some(',') => self.ci += 1,
                        Some('}') => {
                            self.ci += 1;
                            break;
                        }
                        None => return Err(self.eof_err('}')),
                        Some(_) => {
                            return Err(perr(self.line_no(), "did not find expected ',' or '}'"))
                        }
                    }
                }
                Value::Object(map)
            }
            Some('"') => Value::String(self.double_quoted()?),
            Some('\'') => Value::String(self.single_quoted()?),
            Some('*') => {
                self.ci += 1;
                let mut name = String::new();
                while let Some(c) = self.peek() {
                    if c == ' ' || c == ',' || c == ']' || c == '}' {
                        break;
                    }
                    name.push(c);
                    self.ci += 1;
                }
                anchors.resolve(&name, self.line_no())?
            }
            Some(']') | Some('}') | Some(',') => {
                return Err(perr(self.line_no(), "did not find expected node content"))
            }
            Some(_) => {
                // Plain scalar in flow context; may continue on following lines.
                let mut s = String::new();
                loop {
                    let Some(c) = self.peek() else {
                        // Multi-line plain scalar in flow context.
                        let save = (self.li, self.ci);
                        if !self.next_line() {
                            break;
                        }
                        self.skip_ws();
                        match self.peek() {
                            Some(',') | Some(']') | Some('}') | Some('#') | None => {
                                self.li = save.0;
                                self.ci = save.1;
                                break;
                            }
                            _ => {
                                s.push(' ');
                                continue;
                            }
                        }
                    };
                    if c == ',' || c == ']' || c == '}' || c == '[' || c == '{' {
                        break;
                    }
                    if c == ':' {
                        let n = self.peek2();
                        if n.is_none_or(|n| n == ' ' || n == ',' || n == ']' || n == '}') {
                            break;
                        }
                    }
                    if c == '#' && (s.ends_with(' ') || s.is_empty()) {
                        break;
                    }
                    s.push(c);
                    self.ci += 1;
                }
                resolve_plain(s.trim_end())
            }
        };
        if let Some(a) = anchor {
            anchors.define(a, &v);
        }
        Ok(v)
    }
}
