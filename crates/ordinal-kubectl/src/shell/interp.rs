//! Runs a parsed script. Commands that are not shell builtins go to a `Host` (the learner's
//! terminal runs kubectl/sim; a container's `sh` runs busybox applets). Everything is bounded.

use super::ast::*;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    Out,
    Err,
}

/// Output in the order it was produced, so a terminal transcript interleaves stdout and stderr
/// exactly as a user would see them. It holds at most `MAX_OUTPUT` bytes: whatever a command
/// prints past that is dropped (and the shell says so), so no one line can fill the tab's memory.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Output {
    chunks: Vec<(Stream, String)>,
    bytes: usize,
    full: bool,
    /// When the text was written: `(t, n)` says the first `n` bytes were all written by
    /// simulated instant `t` (both grow along the list), so a front end can show a blocking
    /// command's lines as they happen. At most `MAX_MARKS`.
    marks: Vec<(u64, usize)>,
}

/// Most time marks one output keeps (past it the last mark moves on: text shows later).
const MAX_MARKS: usize = 4_096;

impl Output {
    pub fn chunks(&self) -> &[(Stream, String)] {
        &self.chunks
    }

    /// See `marks` on the struct.
    pub fn marks(&self) -> &[(u64, usize)] {
        &self.marks
    }

    /// Notes that everything written so far was written by instant `t`.
    pub fn mark(&mut self, t: u64) {
        self.mark_at(t, self.bytes);
    }

    fn mark_at(&mut self, t: u64, n: usize) {
        let n = n.min(self.bytes);
        let full = self.marks.len() >= MAX_MARKS;
        match self.marks.last_mut() {
            Some((_, last_n)) if *last_n >= n => {}
            Some((last_t, last_n)) if *last_t >= t || full => {
                *last_t = (*last_t).max(t);
                *last_n = n;
            }
            _ => self.marks.push((t, n)),
        }
    }

    /// Drops the chunks `keep` rejects (kubectl's own trailers that a caller reports otherwise).
    pub fn retain(&mut self, keep: impl Fn(&(Stream, String)) -> bool) {
        self.chunks.retain(keep);
        self.bytes = self.chunks.iter().map(|(_, s)| s.len()).sum();
        // The offsets no longer hold; the caller's own mark covers the rest.
        self.marks.clear();
    }

    /// True once something was dropped for want of room: commands stop producing more.
    pub fn is_full(&self) -> bool {
        self.full
    }

    pub fn out(&mut self, s: &str) {
        self.push(Stream::Out, s);
    }

    pub fn err(&mut self, s: &str) {
        self.push(Stream::Err, s);
    }

    fn push(&mut self, st: Stream, s: &str) {
        if s.is_empty() || self.full {
            return;
        }
        let room = MAX_OUTPUT - self.bytes;
        let s = if s.len() > room {
            self.full = true;
            &s[..floor_char_boundary(s, room)]
        } else {
            s
        };
        self.bytes += s.len();
        match self.chunks.last_mut() {
            Some((last, text)) if *last == st => text.push_str(s),
            _ => self.chunks.push((st, s.to_string())),
        }
    }

    pub fn append(&mut self, other: Output) {
        let base = self.bytes;
        for (st, s) in other.chunks {
            self.push(st, &s);
        }
        for (t, n) in other.marks {
            self.mark_at(t, base + n);
        }
        // What `other` dropped is missing here too.
        self.full |= other.full;
    }

    pub fn stdout(&self) -> String {
        self.collect(Stream::Out)
    }

    pub fn stderr(&self) -> String {
        self.collect(Stream::Err)
    }

    pub fn combined(&self) -> String {
        self.chunks.iter().map(|(_, s)| s.as_str()).collect()
    }

    fn collect(&self, st: Stream) -> String {
        self.chunks
            .iter()
            .filter(|(s, _)| *s == st)
            .map(|(_, s)| s.as_str())
            .collect()
    }

    pub fn len(&self) -> usize {
        self.bytes
    }

    pub fn is_empty(&self) -> bool {
        self.chunks.is_empty()
    }
}

/// The largest index at most `i` that starts a character of `s`.
fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// What a command produced.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Exec {
    pub output: Output,
    pub code: i32,
}

impl Exec {
    pub fn ok(stdout: impl Into<String>) -> Exec {
        let mut output = Output::default();
        output.out(&stdout.into());
        Exec { output, code: 0 }
    }

    pub fn fail(stderr: impl Into<String>, code: i32) -> Exec {
        let mut output = Output::default();
        output.err(&stderr.into());
        Exec { output, code }
    }
}

/// The world the shell runs commands in.
pub trait Host {
    /// The shell's name for error prefixes (`bash`, `sh`).
    fn shell_name(&self) -> &str;
    /// Runs a non-builtin command.
    fn exec(&mut self, shell: &mut Shell, argv: &[String], stdin: Option<&str>) -> Exec;
    fn read_file(&mut self, path: &str) -> Result<String, String>;
    fn write_file(&mut self, path: &str, data: &str, append: bool) -> Result<(), String>;
    /// The simulated instant, when time passes in this world (to mark when output was written).
    fn now(&self) -> Option<u64> {
        None
    }
}

const MAX_STEPS: u32 = 5_000;
const MAX_LOOP_ITEMS: usize = 1_000;
/// Most bytes one command line may print; the printers and templates stop at the same bound.
pub const MAX_OUTPUT: usize = 4 << 20;
const MAX_SUBST_DEPTH: u32 = 8;

/// Shell state that outlives one line: variables and the last exit status.
#[derive(Clone, Debug, Default)]
pub struct Shell {
    pub vars: BTreeMap<String, String>,
    pub last_status: i32,
    /// Set by `exit`; the caller decides what leaving means.
    pub exited: Option<i32>,
    steps: u32,
    subst_depth: u32,
}

impl Shell {
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs a whole script; `stdin` is offered to commands that read it.
    pub fn run<H: Host>(&mut self, host: &mut H, script: &Script, stdin: Option<&str>) -> Exec {
        self.steps = 0;
        self.exited = None;
        let mut out = Output::default();
        let mut code = self.script(host, script, stdin, &mut out);
        if out.is_full() {
            // The notice goes after what fit (it is not itself counted).
            let notice = format!(
                "{}: output truncated: more than {MAX_OUTPUT} bytes\n",
                host.shell_name()
            );
            out.chunks.push((Stream::Err, notice));
            code = 1;
        }
        Exec { output: out, code }
    }

    fn script<H: Host>(
        &mut self,
        host: &mut H,
        s: &Script,
        stdin: Option<&str>,
        out: &mut Output,
    ) -> i32 {
        let mut code = self.last_status;
        for item in &s.items {
            if self.exited.is_some() || out.is_full() {
                break;
            }
            code = self.and_or(host, item, stdin, out);
        }
        code
    }

    fn and_or<H: Host>(
        &mut self,
        host: &mut H,
        a: &AndOr,
        stdin: Option<&str>,
        out: &mut Output,
    ) -> i32 {
        let mut code = self.pipeline(host, &a.first, stdin, out);
        for (op, p) in &a.rest {
            if self.exited.is_some() {
                break;
            }
            let run = match op {
                Connector::And => code == 0,
                Connector::Or => code != 0,
            };
            if run {
                code = self.pipeline(host, p, stdin, out);
            }
        }
        code
    }

    fn pipeline<H: Host>(
        &mut self,
        host: &mut H,
        p: &Pipeline,
        stdin: Option<&str>,
        out: &mut Output,
    ) -> i32 {
        let mut input: Option<String> = stdin.map(str::to_string);
        let mut code = 0;
        let n = p.commands.len();
        for (i, c) in p.commands.iter().enumerate() {
            let last = i + 1 == n;
            let mut local = Output::default();
            code = self.command(host, c, input.as_deref(), &mut local);
            if last {
                out.append(local);
            } else {
                // Stdout feeds the next command; stderr goes straight to the terminal.
                let mut piped = String::new();
                for (st, s) in local.chunks {
                    match st {
                        Stream::Out => piped.push_str(&s),
                        Stream::Err => out.err(&s),
                    }
                }
                out.full |= local.full;
                input = Some(piped);
            }
            if self.exited.is_some() {
                break;
            }
        }
        if p.negate {
            code = i32::from(code == 0);
        }
        self.last_status = code;
        code
    }

    fn command<H: Host>(
        &mut self,
        host: &mut H,
        c: &Command,
        stdin: Option<&str>,
        out: &mut Output,
    ) -> i32 {
        self.steps += 1;
        if out.is_full() {
            return 1;
        }
        if self.steps > MAX_STEPS {
            if self.exited.is_none() {
                out.err(&format!(
                    "{}: too many commands in one line (the limit is {MAX_STEPS})\n",
                    host.shell_name()
                ));
                self.exited = Some(1);
            }
            return 1;
        }
        match c {
            Command::Simple(s) => self.simple(host, s, stdin, out),
            Command::Group(body) => self.script(host, body, stdin, out),
            Command::If {
                cond,
                then,
                otherwise,
            } => {
                let mut cond_out = Output::default();
                let c = self.script(host, cond, stdin, &mut cond_out);
                out.append(cond_out);
                if c == 0 {
                    self.script(host, then, stdin, out)
                } else if let Some(o) = otherwise {
                    self.script(host, o, stdin, out)
                } else {
                    0
                }
            }
            Command::For { var, items, body } => {
                let mut values = Vec::new();
                for w in items {
                    match self.expand(host, w, out) {
                        Ok(mut f) => values.append(&mut f),
                        Err(code) => return code,
                    }
                }
                values.truncate(MAX_LOOP_ITEMS);
                let mut code = 0;
                for v in values {
                    if self.exited.is_some() || out.is_full() {
                        break;
                    }
                    self.vars.insert(var.clone(), v);
                    code = self.script(host, body, stdin, out);
                }
                code
            }
        }
    }

    fn simple<H: Host>(
        &mut self,
        host: &mut H,
        s: &Simple,
        stdin: Option<&str>,
        out: &mut Output,
    ) -> i32 {
        let mut argv = Vec::new();
        for w in &s.words {
            match self.expand(host, w, out) {
                Ok(mut f) => argv.append(&mut f),
                Err(code) => return code,
            }
        }
        let mut assigns = Vec::new();
        for (name, w) in &s.assigns {
            match self.expand_joined(host, w, out) {
                Ok(v) => assigns.push((name.clone(), v)),
                Err(code) => return code,
            }
        }
        // Redirections.
        let mut input: Option<String> = stdin.map(str::to_string);
        let mut targets: Vec<(u8, bool, String)> = Vec::new();
        let mut err_to_out = false;
        for r in &s.redirects {
            match r {
                Redirect::HereDoc { body, expand } => {
                    input = Some(if *expand {
                        self.expand_heredoc(host, body, out)
                    } else {
                        body.clone()
                    });
                }
                Redirect::In(w) => {
                    let path = match self.expand_joined(host, w, out) {
                        Ok(p) => p,
                        Err(c) => return c,
                    };
                    match host.read_file(&path) {
                        Ok(d) => input = Some(d),
                        Err(e) => {
                            out.err(&format!("{}: {e}\n", host.shell_name()));
                            self.last_status = 1;
                            return 1;
                        }
                    }
                }
                Redirect::Out { fd, append, target } => {
                    let path = match self.expand_joined(host, target, out) {
                        Ok(p) => p,
                        Err(c) => return c,
                    };
                    targets.push((*fd, *append, path));
                }
                Redirect::ErrToOut => err_to_out = true,
            }
        }
        if argv.is_empty() {
            for (k, v) in assigns {
                self.vars.insert(k, v);
            }
            // Redirections alone create/truncate files (`> file`).
            for (_, append, path) in &targets {
                if let Err(e) = host.write_file(path, "", *append) {
                    out.err(&format!("{}: {e}\n", host.shell_name()));
                    return 1;
                }
            }
            return 0;
        }
        let saved: Vec<(String, Option<String>)> = assigns
            .iter()
            .map(|(k, _)| (k.clone(), self.vars.get(k).cloned()))
            .collect();
        for (k, v) in assigns {
            self.vars.insert(k, v);
        }
        let result = match self.builtin(&argv, input.as_deref()) {
            Some(r) => r,
            None => host.exec(self, &argv, input.as_deref()),
        };
        for (k, old) in saved {
            match old {
                Some(v) => self.vars.insert(k, v),
                None => self.vars.remove(&k),
            };
        }
        let code = result.code;
        // Route streams through the redirections.
        let mut stdout = String::new();
        let mut stderr_chunks: Vec<String> = Vec::new();
        let redirect_out = targets.iter().any(|t| t.0 == 1 || t.0 == 3);
        let redirect_err = targets.iter().any(|t| t.0 == 2 || t.0 == 3);
        let dropped = result.output.full;
        let (base, marks) = (out.len(), result.output.marks);
        for (st, text) in result.output.chunks {
            match st {
                Stream::Out if redirect_out => stdout.push_str(&text),
                Stream::Err if err_to_out && redirect_out => stdout.push_str(&text),
                Stream::Err if redirect_err => stderr_chunks.push(text),
                Stream::Out => out.out(&text),
                Stream::Err if err_to_out => out.out(&text),
                Stream::Err => out.err(&text),
            }
        }
        out.full |= dropped;
        if targets.is_empty() {
            // Every byte went to the terminal in order: the command's own times still hold.
            for (t, n) in marks {
                out.mark_at(t, base + n);
            }
        }
        if let Some(t) = host.now() {
            out.mark(t);
        }
        for (fd, append, path) in &targets {
            let data = match fd {
                1 | 3 => {
                    let mut d = std::mem::take(&mut stdout);
                    if *fd == 3 {
                        d.push_str(&stderr_chunks.concat());
                    }
                    d
                }
                _ => stderr_chunks.concat(),
            };
            if let Err(e) = host.write_file(path, &data, *append) {
                out.err(&format!("{}: {e}\n", host.shell_name()));
                self.last_status = 1;
                return 1;
            }
        }
        self.last_status = code;
        code
    }

    /// Builtins every shell here has.
    fn builtin(&mut self, argv: &[String], _stdin: Option<&str>) -> Option<Exec> {
        let args = &argv[1..];
        match argv[0].as_str() {
            "echo" => {
                let mut newline = true;
                let mut escapes = false;
                let mut i = 0;
                while i < args.len() && args[i].starts_with('-') && args[i].len() > 1 {
                    let flags = &args[i][1..];
                    if !flags.chars().all(|c| matches!(c, 'n' | 'e' | 'E')) {
                        break;
                    }
                    newline &= !flags.contains('n');
                    escapes = flags.contains('e');
                    i += 1;
                }
                let mut s = args[i..].join(" ");
                if escapes {
                    s = s.replace("\\n", "\n").replace("\\t", "\t");
                }
                if newline {
                    s.push('\n');
                }
                Some(Exec::ok(s))
            }
            "true" | ":" => Some(Exec::default()),
            "false" => Some(Exec {
                output: Output::default(),
                code: 1,
            }),
            "exit" => {
                let code = args
                    .first()
                    .and_then(|a| a.parse::<i32>().ok())
                    .unwrap_or(self.last_status);
                self.exited = Some(code);
                Some(Exec {
                    output: Output::default(),
                    code,
                })
            }
            "export" => {
                for a in args {
                    if let Some((k, v)) = a.split_once('=') {
                        self.vars.insert(k.into(), v.into());
                    }
                }
                Some(Exec::default())
            }
            "unset" => {
                for a in args {
                    self.vars.remove(a);
                }
                Some(Exec::default())
            }
            _ => None,
        }
    }

    fn var(&self, name: &str) -> String {
        match name {
            "?" => self.last_status.to_string(),
            "$" => "1".into(),
            "#" => "0".into(),
            _ => self.vars.get(name).cloned().unwrap_or_default(),
        }
    }

    fn subst<H: Host>(&mut self, host: &mut H, script: &Script, out: &mut Output) -> String {
        if self.subst_depth >= MAX_SUBST_DEPTH {
            return String::new();
        }
        self.subst_depth += 1;
        let mut local = Output::default();
        self.script(host, script, None, &mut local);
        self.subst_depth -= 1;
        let mut captured = String::new();
        for (st, s) in local.chunks {
            match st {
                Stream::Out => captured.push_str(&s),
                Stream::Err => out.err(&s),
            }
        }
        while captured.ends_with('\n') {
            captured.pop();
        }
        captured
    }

    /// Expands a word into fields (unquoted expansions are split on whitespace).
    pub fn expand<H: Host>(
        &mut self,
        host: &mut H,
        w: &Word,
        out: &mut Output,
    ) -> Result<Vec<String>, i32> {
        let mut fields: Vec<String> = Vec::new();
        let mut cur = String::new();
        let mut have = w.has_quotes();
        for p in &w.parts {
            let (text, quoted) = match p {
                Part::Lit { text, quoted } => {
                    cur.push_str(text);
                    have = have || !text.is_empty() || *quoted;
                    continue;
                }
                Part::Var { name, quoted } => (self.var(name), *quoted),
                Part::Subst { script, quoted } => (self.subst(host, script, out), *quoted),
            };
            if quoted {
                cur.push_str(&text);
                continue;
            }
            let mut pieces = text.split([' ', '\t', '\n']);
            let starts_with_space = text.starts_with(|c: char| c.is_whitespace());
            if starts_with_space && !cur.is_empty() {
                fields.push(std::mem::take(&mut cur));
            }
            let mut first = true;
            for piece in pieces.by_ref() {
                if piece.is_empty() {
                    continue;
                }
                if !first {
                    fields.push(std::mem::take(&mut cur));
                }
                cur.push_str(piece);
                have = true;
                first = false;
            }
            if text.ends_with(|c: char| c.is_whitespace()) && !cur.is_empty() {
                fields.push(std::mem::take(&mut cur));
                have = false;
            }
        }
        if have || !cur.is_empty() {
            fields.push(cur);
        }
        Ok(fields)
    }

    fn expand_joined<H: Host>(
        &mut self,
        host: &mut H,
        w: &Word,
        out: &mut Output,
    ) -> Result<String, i32> {
        Ok(self.expand(host, w, out)?.join(" "))
    }

    /// `$var` and `$(cmd)` inside an unquoted-delimiter here-document.
    fn expand_heredoc<H: Host>(&mut self, host: &mut H, body: &str, out: &mut Output) -> String {
        if !body.contains('$') && !body.contains('`') {
            return body.to_string();
        }
        // Reuse the parser: treat the body as the inside of a double-quoted string.
        let quoted = format!("\"{}\"", body.replace('\\', "\\\\").replace('"', "\\\""));
        match super::parse::parse(&quoted) {
            Ok(script) => {
                let Some(AndOr { first, .. }) = script.items.first() else {
                    return body.to_string();
                };
                let Some(Command::Simple(s)) = first.commands.first() else {
                    return body.to_string();
                };
                let Some(w) = s.words.first() else {
                    return body.to_string();
                };
                self.expand_joined(host, w, out)
                    .unwrap_or_else(|_| body.to_string())
            }
            Err(_) => body.to_string(),
        }
    }
}
