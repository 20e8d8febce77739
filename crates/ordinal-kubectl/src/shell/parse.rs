//! Recursive-descent parser for the shell subset in `ast.rs`. Works on the whole text at once so
//! here-documents (`<<EOF` … `EOF`) can take the lines that follow their command.

use super::ast::*;

/// Why a script could not be parsed. `Display` gives the bare reason; each shell adds its own
/// prefix (`bash: ` / `sh: `).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// A quote was opened and never closed (`'` or `"`).
    UnterminatedQuote(char),
    /// `$(` or `${` without its closing bracket.
    Unterminated(&'static str),
    /// A token where it makes no sense (`;;`, `| |`, `done` without `for`).
    Unexpected(String),
    /// The text ended inside a compound command or after `|`/`&&`.
    UnexpectedEof,
    /// A here-document whose delimiter never came.
    HereDocEof(String),
    /// Nesting or size beyond the limits.
    TooComplex,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ParseError::UnterminatedQuote(q) => {
                write!(f, "unexpected EOF while looking for matching `{q}'")
            }
            ParseError::Unterminated(what) => {
                write!(f, "unexpected EOF while looking for matching `{what}'")
            }
            ParseError::Unexpected(t) => write!(f, "syntax error near unexpected token `{t}'"),
            ParseError::UnexpectedEof => write!(f, "syntax error: unexpected end of file"),
            ParseError::HereDocEof(d) => write!(
                f,
                "warning: here-document delimited by end-of-file (wanted `{d}')"
            ),
            ParseError::TooComplex => write!(f, "script too complex"),
        }
    }
}

const MAX_DEPTH: usize = 32;
const MAX_LEN: usize = 1 << 20;

pub fn parse(src: &str) -> Result<Script, ParseError> {
    if src.len() > MAX_LEN {
        return Err(ParseError::TooComplex);
    }
    let mut p = Parser {
        s: src.chars().collect(),
        i: 0,
        depth: 0,
        pending_heredocs: Vec::new(),
        heredoc_bodies: Vec::new(),
    };
    let mut script = p.script(&[])?;
    p.skip_blank();
    if p.i < p.s.len() {
        let t = p.peek_token_text();
        return Err(ParseError::Unexpected(t));
    }
    if let Some(h) = p.pending_heredocs.first() {
        return Err(ParseError::HereDocEof(h.delim.clone()));
    }
    resolve_script(&mut script, &p.heredoc_bodies);
    Ok(script)
}

const HEREDOC_MARK: &str = "\u{0}heredoc:";

fn resolve_script(s: &mut Script, bodies: &[Option<String>]) {
    for ao in &mut s.items {
        for pl in std::iter::once(&mut ao.first).chain(ao.rest.iter_mut().map(|(_, p)| p)) {
            for c in &mut pl.commands {
                resolve_command(c, bodies);
            }
        }
    }
}

fn resolve_command(c: &mut Command, bodies: &[Option<String>]) {
    match c {
        Command::Simple(s) => {
            for r in &mut s.redirects {
                if let Redirect::HereDoc { body, .. } = r {
                    if let Some(n) = body.strip_prefix(HEREDOC_MARK) {
                        let idx: usize = n.parse().unwrap_or(usize::MAX);
                        *body = bodies.get(idx).cloned().flatten().unwrap_or_default();
                    }
                }
            }
        }
        Command::For { body, .. } | Command::Group(body) => resolve_script(body, bodies),
        Command::If {
            cond,
            then,
            otherwise,
        } => {
            resolve_script(cond, bodies);
            resolve_script(then, bodies);
            if let Some(o) = otherwise {
                resolve_script(o, bodies);
            }
        }
    }
}

struct PendingHereDoc {
    delim: String,
    strip_tabs: bool,
    /// Index into the redirect list to fill: (command path is resolved by pointer-free slot id).
    slot: usize,
}

struct Parser {
    s: Vec<char>,
    i: usize,
    depth: usize,
    pending_heredocs: Vec<PendingHereDoc>,
    /// Heredoc bodies are read when the parser reaches the newline after the command, but the
    /// command's redirect was already built with a placeholder; `resolve` patches them in.
    heredoc_bodies: Vec<Option<String>>,
}

fn is_meta(c: char) -> bool {
    matches!(c, ';' | '&' | '|' | '<' | '>' | '(' | ')' | '\n')
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }

    fn peek_at(&self, k: usize) -> Option<char> {
        self.s.get(self.i + k).copied()
    }

    fn peek_token_text(&self) -> String {
        let mut t = String::new();
        let mut j = self.i;
        while let Some(&c) = self.s.get(j) {
            if c.is_whitespace() {
                break;
            }
            t.push(c);
            j += 1;
            if is_meta(c) {
                if let Some(&n) = self.s.get(j) {
                    if (c == ';' && n == ';') || (c == '&' && n == '&') || (c == '|' && n == '|') {
                        t.push(n);
                    }
                }
                break;
            }
        }
        if t == "\n" || t.is_empty() {
            "newline".into()
        } else {
            t
        }
    }

    /// Skips spaces, tabs, comments and line continuations, not newlines.
    fn skip_blank(&mut self) {
        while let Some(c) = self.peek() {
            if c == ' ' || c == '\t' || c == '\r' {
                self.i += 1;
            } else if c == '\\' && self.peek_at(1) == Some('\n') {
                self.i += 2;
            } else if c == '#' {
                while let Some(c) = self.peek() {
                    if c == '\n' {
                        break;
                    }
                    self.i += 1;
                }
            } else {
                break;
            }
        }
    }

    /// Consumes a newline and reads any here-document bodies that were waiting for it.
    fn newline(&mut self) -> Result<(), ParseError> {
        self.i += 1;
        let pending = std::mem::take(&mut self.pending_heredocs);
        for h in pending {
            let mut body = String::new();
            let mut found = false;
            while self.i < self.s.len() {
                let start = self.i;
                while self.i < self.s.len() && self.s[self.i] != '\n' {
                    self.i += 1;
                }
                let mut line: String = self.s[start..self.i].iter().collect();
                if self.i < self.s.len() {
                    self.i += 1;
                }
                if line.ends_with('\r') {
                    line.pop();
                }
                let cmp = if h.strip_tabs {
                    line.trim_start_matches('\t').to_string()
                } else {
                    line.clone()
                };
                if cmp == h.delim {
                    found = true;
                    break;
                }
                body.push_str(&cmp);
                body.push('\n');
            }
            if !found {
                return Err(ParseError::HereDocEof(h.delim));
            }
            if let Some(slot) = self.heredoc_bodies.get_mut(h.slot) {
                *slot = Some(body);
            }
        }
        Ok(())
    }

    fn skip_separators(&mut self) -> Result<(), ParseError> {
        loop {
            self.skip_blank();
            match self.peek() {
                Some('\n') => self.newline()?,
                Some(';') if self.peek_at(1) != Some(';') => self.i += 1,
                _ => return Ok(()),
            }
        }
    }

    fn at_reserved(&mut self, words: &[&str]) -> Option<String> {
        self.skip_blank();
        let save = self.i;
        let mut w = String::new();
        while let Some(c) = self.peek() {
            if c.is_whitespace() || is_meta(c) || c == '\'' || c == '"' || c == '$' || c == '\\' {
                break;
            }
            w.push(c);
            self.i += 1;
        }
        self.i = save;
        words.iter().find(|x| **x == w).map(|x| x.to_string())
    }

    fn eat_word_text(&mut self, w: &str) {
        self.skip_blank();
        self.i += w.chars().count();
    }

    /// A list of and-or lists, ending at EOF, `)`, or one of `terminators` (reserved words).
    fn script(&mut self, terminators: &[&str]) -> Result<Script, ParseError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ParseError::TooComplex);
        }
        let mut items = Vec::new();
        loop {
            self.skip_separators()?;
            match self.peek() {
                None | Some(')') | Some('}') => break,
                _ => {}
            }
            if self.at_reserved(terminators).is_some() {
                break;
            }
            items.push(self.and_or()?);
            self.skip_blank();
            match self.peek() {
                Some(';') if self.peek_at(1) != Some(';') => self.i += 1,
                Some('&') if self.peek_at(1) != Some('&') => self.i += 1,
                Some('\n') => self.newline()?,
                None | Some(')') | Some('}') => {}
                Some(_) => {
                    if self.at_reserved(terminators).is_none() {
                        return Err(ParseError::Unexpected(self.peek_token_text()));
                    }
                }
            }
        }
        self.depth -= 1;
        Ok(Script { items })
    }

    fn and_or(&mut self) -> Result<AndOr, ParseError> {
        let first = self.pipeline()?;
        let mut rest = Vec::new();
        loop {
            self.skip_blank();
            let op = match (self.peek(), self.peek_at(1)) {
                (Some('&'), Some('&')) => Connector::And,
                (Some('|'), Some('|')) => Connector::Or,
                _ => break,
            };
            self.i += 2;
            self.skip_separators()?;
            if self.peek().is_none() {
                return Err(ParseError::UnexpectedEof);
            }
            rest.push((op, self.pipeline()?));
        }
        Ok(AndOr { first, rest })
    }

    fn pipeline(&mut self) -> Result<Pipeline, ParseError> {
        self.skip_blank();
        let mut negate = false;
        if self.peek() == Some('!') && self.peek_at(1).is_some_and(|c| c == ' ' || c == '\t') {
            negate = true;
            self.i += 1;
        }
        let mut commands = vec![self.command()?];
        loop {
            self.skip_blank();
            if self.peek() == Some('|') && self.peek_at(1) != Some('|') {
                self.i += 1;
                self.skip_separators()?;
                if self.peek().is_none() {
                    return Err(ParseError::UnexpectedEof);
                }
                commands.push(self.command()?);
            } else {
                break;
            }
        }
        Ok(Pipeline { negate, commands })
    }

    fn command(&mut self) -> Result<Command, ParseError> {
        self.skip_blank();
        if let Some(w) =
            self.at_reserved(&["for", "if", "{", "done", "do", "then", "fi", "else", "in"])
        {
            match w.as_str() {
                "for" => return self.for_loop(),
                "if" => return self.if_clause(),
                "{" => {
                    self.eat_word_text("{");
                    let body = self.script(&[])?;
                    self.skip_blank();
                    if self.peek() != Some('}') {
                        return Err(ParseError::UnexpectedEof);
                    }
                    self.i += 1;
                    return Ok(Command::Group(body));
                }
                other => return Err(ParseError::Unexpected(other.into())),
            }
        }
        if self.peek() == Some('(') {
            self.i += 1;
            let body = self.script(&[])?;
            self.skip_blank();
            if self.peek() != Some(')') {
                return Err(ParseError::Unterminated("("));
            }
            self.i += 1;
            return Ok(Command::Group(body));
        }
        self.simple()
    }

    fn for_loop(&mut self) -> Result<Command, ParseError> {
        self.eat_word_text("for");
        self.skip_blank();
        let var = match self.word()? {
            Some(w) => w.as_plain().filter(|v| is_name(v)).ok_or_else(|| {
                ParseError::Unexpected(w.as_plain().unwrap_or_else(|| "$".into()))
            })?,
            None => return Err(ParseError::Unexpected(self.peek_token_text())),
        };
        self.skip_blank();
        let mut items = Vec::new();
        if self.at_reserved(&["in"]).is_some() {
            self.eat_word_text("in");
            loop {
                self.skip_blank();
                match self.peek() {
                    None => return Err(ParseError::UnexpectedEof),
                    Some(';') | Some('\n') => break,
                    _ => {}
                }
                match self.word()? {
                    Some(w) => items.push(w),
                    None => return Err(ParseError::Unexpected(self.peek_token_text())),
                }
            }
        }
        self.skip_separators()?;
        if self.at_reserved(&["do"]).is_none() {
            return Err(if self.peek().is_none() {
                ParseError::UnexpectedEof
            } else {
                ParseError::Unexpected(self.peek_token_text())
            });
        }
        self.eat_word_text("do");
        let body = self.script(&["done"])?;
        if self.at_reserved(&["done"]).is_none() {
            return Err(ParseError::UnexpectedEof);
        }
        self.eat_word_text("done");
        Ok(Command::For { var, items, body })
    }

    fn if_clause(&mut self) -> Result<Command, ParseError> {
        self.eat_word_text("if");
        let cond = self.script(&["then"])?;
        if self.at_reserved(&["then"]).is_none() {
            return Err(ParseError::UnexpectedEof);
        }
        self.eat_word_text("then");
        let then = self.script(&["else", "fi"])?;
        let otherwise = if self.at_reserved(&["else"]).is_some() {
            self.eat_word_text("else");
            Some(self.script(&["fi"])?)
        } else {
            None
        };
        if self.at_reserved(&["fi"]).is_none() {
            return Err(ParseError::UnexpectedEof);
        }
        self.eat_word_text("fi");
        Ok(Command::If {
            cond,
            then,
            otherwise,
        })
    }

    fn simple(&mut self) -> Result<Command, ParseError> {
        let mut cmd = Simple::default();
        loop {
            self.skip_blank();
            let Some(c) = self.peek() else { break };
            if c == '\n'
                || c == ';'
                || c == '&' && self.peek_at(1) != Some('>')
                || c == '|'
                || c == ')'
            {
                break;
            }
            if c == '}' && cmd.words.is_empty() && cmd.assigns.is_empty() {
                break;
            }
            if let Some(r) = self.redirect()? {
                cmd.redirects.push(r);
                continue;
            }
            if c == '(' {
                return Err(ParseError::Unexpected("(".into()));
            }
            let Some(w) = self.word()? else {
                return Err(ParseError::Unexpected(self.peek_token_text()));
            };
            if cmd.words.is_empty() {
                if let Some((name, value)) = split_assignment(&w) {
                    cmd.assigns.push((name, value));
                    continue;
                }
            }
            cmd.words.push(w);
        }
        if cmd.words.is_empty() && cmd.assigns.is_empty() && cmd.redirects.is_empty() {
            return Err(match self.peek() {
                None => ParseError::UnexpectedEof,
                Some(_) => ParseError::Unexpected(self.peek_token_text()),
            });
        }
        Ok(Command::Simple(cmd))
    }

    fn redirect(&mut self) -> Result<Option<Redirect>, ParseError> {
        let save = self.i;
        let mut fd: u8 = 1;
        match (self.peek(), self.peek_at(1)) {
            (Some('2'), Some('>')) => {
                fd = 2;
                self.i += 1;
            }
            (Some('1'), Some('>')) => self.i += 1,
            (Some('&'), Some('>')) => {
                // `&>file`: both streams; approximate as stdout + 2>&1.
                self.i += 2;
                self.skip_blank();
                let target = self.word()?.ok_or(ParseError::UnexpectedEof)?;
                return Ok(Some(Redirect::Out {
                    fd: 3,
                    append: false,
                    target,
                }));
            }
            _ => {}
        }
        match self.peek() {
            Some('>') => {
                self.i += 1;
                let mut append = false;
                if self.peek() == Some('>') {
                    append = true;
                    self.i += 1;
                } else if self.peek() == Some('&') && fd == 2 && self.peek_at(1) == Some('1') {
                    self.i += 2;
                    return Ok(Some(Redirect::ErrToOut));
                }
                self.skip_blank();
                match self.word()? {
                    Some(target) => Ok(Some(Redirect::Out { fd, append, target })),
                    None => Err(match self.peek() {
                        None => ParseError::Unexpected("newline".into()),
                        Some(_) => ParseError::Unexpected(self.peek_token_text()),
                    }),
                }
            }
            Some('<') if fd == 1 && self.i == save => {
                self.i += 1;
                if self.peek() == Some('<') {
                    self.i += 1;
                    let strip_tabs = if self.peek() == Some('-') {
                        self.i += 1;
                        true
                    } else {
                        false
                    };
                    self.skip_blank();
                    let w = self
                        .word()?
                        .ok_or(ParseError::Unexpected("newline".into()))?;
                    let expand = !w.has_quotes();
                    let delim: String = w
                        .parts
                        .iter()
                        .map(|p| match p {
                            Part::Lit { text, .. } => text.clone(),
                            Part::Var { name, .. } => format!("${name}"),
                            Part::Subst { .. } => String::new(),
                        })
                        .collect();
                    self.heredoc_bodies.push(None);
                    let slot = self.heredoc_bodies.len() - 1;
                    self.pending_heredocs.push(PendingHereDoc {
                        delim,
                        strip_tabs,
                        slot,
                    });
                    // The body is patched in by `resolve_heredocs` after parsing.
                    return Ok(Some(Redirect::HereDoc {
                        body: format!("{HEREDOC_MARK}{slot}"),
                        expand,
                    }));
                }
                self.skip_blank();
                let w = self
                    .word()?
                    .ok_or(ParseError::Unexpected("newline".into()))?;
                Ok(Some(Redirect::In(w)))
            }
            _ => {
                self.i = save;
                Ok(None)
            }
        }
    }

    /// Reads one word; None if the next character cannot start a word.
    fn word(&mut self) -> Result<Option<Word>, ParseError> {
        let mut parts: Vec<Part> = Vec::new();
        let mut lit = String::new();
        let flush = |lit: &mut String, parts: &mut Vec<Part>| {
            if !lit.is_empty() {
                parts.push(Part::Lit {
                    text: std::mem::take(lit),
                    quoted: false,
                });
            }
        };
        let start = self.i;
        while let Some(c) = self.peek() {
            if c.is_whitespace() || is_meta(c) {
                break;
            }
            match c {
                '\'' => {
                    flush(&mut lit, &mut parts);
                    self.i += 1;
                    let mut text = String::new();
                    loop {
                        match self.peek() {
                            None => return Err(ParseError::UnterminatedQuote('\'')),
                            Some('\'') => {
                                self.i += 1;
                                break;
                            }
                            Some(ch) => {
                                text.push(ch);
                                self.i += 1;
                            }
                        }
                    }
                    parts.push(Part::Lit { text, quoted: true });
                }
                '"' => {
                    flush(&mut lit, &mut parts);
                    self.i += 1;
                    self.double_quoted(&mut parts)?;
                }
                '\\' => {
                    self.i += 1;
                    match self.peek() {
                        Some('\n') => self.i += 1,
                        Some(ch) => {
                            flush(&mut lit, &mut parts);
                            parts.push(Part::Lit {
                                text: ch.to_string(),
                                quoted: true,
                            });
                            self.i += 1;
                        }
                        None => lit.push('\\'),
                    }
                }
                '$' => {
                    flush(&mut lit, &mut parts);
                    let p = self.dollar(false)?;
                    parts.push(p);
                }
                '`' => {
                    flush(&mut lit, &mut parts);
                    let p = self.backtick(false)?;
                    parts.push(p);
                }
                '#' if self.i == start => break,
                _ => {
                    lit.push(c);
                    self.i += 1;
                }
            }
        }
        flush(&mut lit, &mut parts);
        if self.i == start {
            return Ok(None);
        }
        Ok(Some(Word { parts }))
    }

    fn double_quoted(&mut self, parts: &mut Vec<Part>) -> Result<(), ParseError> {
        let mut text = String::new();
        let mut any = false;
        loop {
            match self.peek() {
                None => return Err(ParseError::UnterminatedQuote('"')),
                Some('"') => {
                    self.i += 1;
                    break;
                }
                Some('\\') => {
                    self.i += 1;
                    match self.peek() {
                        Some(ch @ ('$' | '`' | '"' | '\\')) => {
                            text.push(ch);
                            self.i += 1;
                        }
                        Some('\n') => self.i += 1,
                        _ => text.push('\\'),
                    }
                }
                Some('$') => {
                    let p = self.dollar(true)?;
                    if let Part::Lit { text: t, .. } = &p {
                        text.push_str(t);
                    } else {
                        if !text.is_empty() || !any {
                            parts.push(Part::Lit {
                                text: std::mem::take(&mut text),
                                quoted: true,
                            });
                        }
                        parts.push(p);
                        any = true;
                    }
                }
                Some('`') => {
                    parts.push(Part::Lit {
                        text: std::mem::take(&mut text),
                        quoted: true,
                    });
                    let p = self.backtick(true)?;
                    parts.push(p);
                    any = true;
                }
                Some(ch) => {
                    text.push(ch);
                    self.i += 1;
                }
            }
        }
        if !text.is_empty() || !any {
            parts.push(Part::Lit { text, quoted: true });
        }
        Ok(())
    }

    /// At `$`: a variable, `${...}`, `$(...)`, or a literal `$`.
    fn dollar(&mut self, quoted: bool) -> Result<Part, ParseError> {
        self.i += 1;
        match self.peek() {
            Some('(') => {
                self.i += 1;
                let body = self.balanced(')')?;
                let script = parse_nested(&body, self.depth)?;
                Ok(Part::Subst {
                    script: Box::new(script),
                    quoted,
                })
            }
            Some('{') => {
                self.i += 1;
                let mut name = String::new();
                loop {
                    match self.peek() {
                        None => return Err(ParseError::Unterminated("}")),
                        Some('}') => {
                            self.i += 1;
                            break;
                        }
                        Some(ch) => {
                            name.push(ch);
                            self.i += 1;
                        }
                    }
                }
                Ok(Part::Var { name, quoted })
            }
            Some(ch) if ch == '?' || ch == '#' || ch == '$' || ch.is_ascii_digit() => {
                self.i += 1;
                Ok(Part::Var {
                    name: ch.to_string(),
                    quoted,
                })
            }
            Some(ch) if ch == '_' || ch.is_ascii_alphabetic() => {
                let mut name = String::new();
                while let Some(ch) = self.peek() {
                    if ch == '_' || ch.is_ascii_alphanumeric() {
                        name.push(ch);
                        self.i += 1;
                    } else {
                        break;
                    }
                }
                Ok(Part::Var { name, quoted })
            }
            _ => Ok(Part::Lit {
                text: "$".into(),
                quoted,
            }),
        }
    }

    fn backtick(&mut self, quoted: bool) -> Result<Part, ParseError> {
        self.i += 1;
        let mut body = String::new();
        loop {
            match self.peek() {
                None => return Err(ParseError::UnterminatedQuote('`')),
                Some('`') => {
                    self.i += 1;
                    break;
                }
                Some(ch) => {
                    body.push(ch);
                    self.i += 1;
                }
            }
        }
        let script = parse_nested(&body, self.depth)?;
        Ok(Part::Subst {
            script: Box::new(script),
            quoted,
        })
    }

    /// Text up to the matching `close`, skipping quoted sections and nested parentheses.
    fn balanced(&mut self, close: char) -> Result<String, ParseError> {
        let mut depth = 0usize;
        let mut out = String::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(ParseError::Unterminated("("));
            };
            self.i += 1;
            match c {
                '\'' | '"' => {
                    out.push(c);
                    loop {
                        let Some(d) = self.peek() else {
                            return Err(ParseError::UnterminatedQuote(c));
                        };
                        self.i += 1;
                        out.push(d);
                        if d == '\\' && c == '"' {
                            if let Some(e) = self.peek() {
                                out.push(e);
                                self.i += 1;
                            }
                        } else if d == c {
                            break;
                        }
                    }
                }
                '(' => {
                    depth += 1;
                    out.push(c);
                }
                _ if c == close => {
                    if depth == 0 {
                        return Ok(out);
                    }
                    depth -= 1;
                    out.push(c);
                }
                _ => out.push(c),
            }
        }
    }
}

fn parse_nested(src: &str, depth: usize) -> Result<Script, ParseError> {
    if depth >= MAX_DEPTH {
        return Err(ParseError::TooComplex);
    }
    let mut p = Parser {
        s: src.chars().collect(),
        i: 0,
        depth,
        pending_heredocs: Vec::new(),
        heredoc_bodies: Vec::new(),
    };
    let script = p.script(&[])?;
    p.skip_separators()?;
    if p.i < p.s.len() {
        return Err(ParseError::Unexpected(p.peek_token_text()));
    }
    Ok(script)
}

pub(crate) fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c == '_' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

fn split_assignment(w: &Word) -> Option<(String, Word)> {
    let Some(Part::Lit {
        text,
        quoted: false,
    }) = w.parts.first()
    else {
        return None;
    };
    let (name, rest) = text.split_once('=')?;
    if !is_name(name) {
        return None;
    }
    let mut parts = Vec::new();
    if !rest.is_empty() {
        parts.push(Part::Lit {
            text: rest.into(),
            quoted: false,
        });
    }
    parts.extend(w.parts[1..].iter().cloned());
    Some((name.into(), Word { parts }))
}
