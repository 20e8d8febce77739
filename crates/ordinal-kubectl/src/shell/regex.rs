//! POSIX regular expressions as GNU grep reads them: basic (BRE, the default) and extended
//! (ERE, `-E`), with GNU's BRE extensions `\+`, `\?` and `\|`. Matching is a Thompson NFA run
//! over the line (no backtracking), so a hostile pattern costs at most pattern × line steps.
//! Error texts are glibc's regerror strings, which grep prints after `grep: `.

/// The longest program a pattern may compile to (GNU's limit differs; ours keeps `x{255}{255}`
/// bounded): past it, "Regular expression too big".
const MAX_PROGRAM: usize = 20_000;
/// glibc's RE_DUP_MAX.
const DUP_MAX: u32 = 32_767;

#[derive(Clone, Debug, PartialEq)]
enum Node {
    Char(char),
    Any,
    /// Bracket expression: ranges, negated.
    Class(Vec<(char, char)>, bool),
    Bol,
    Eol,
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat(Box<Node>, u32, Option<u32>),
    Empty,
}

#[derive(Clone, Debug)]
enum Inst {
    Char(char),
    Any,
    Class(Vec<(char, char)>, bool),
    Bol,
    Eol,
    Split(usize, usize),
    Jmp(usize),
    Match,
}

/// A compiled pattern.
#[derive(Clone, Debug)]
pub struct Regex {
    prog: Vec<Inst>,
    icase: bool,
    /// What grep warns about but accepts (`grep: warning: * at start of expression`).
    pub warnings: Vec<String>,
}

struct Parser<'a> {
    s: Vec<char>,
    i: usize,
    ere: bool,
    warnings: Vec<String>,
    _src: &'a str,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }

    fn peek2(&self) -> Option<char> {
        self.s.get(self.i + 1).copied()
    }

    /// `|` in ERE, `\|` in BRE.
    fn at_alt(&self) -> bool {
        if self.ere {
            self.peek() == Some('|')
        } else {
            self.peek() == Some('\\') && self.peek2() == Some('|')
        }
    }

    fn at_close(&self) -> bool {
        if self.ere {
            self.peek() == Some(')')
        } else {
            self.peek() == Some('\\') && self.peek2() == Some(')')
        }
    }

    fn alt(&mut self, depth: usize) -> Result<Node, String> {
        let mut arms = vec![self.concat(depth)?];
        while self.at_alt() {
            self.i += if self.ere { 1 } else { 2 };
            arms.push(self.concat(depth)?);
        }
        Ok(if arms.len() == 1 {
            arms.pop().unwrap()
        } else {
            Node::Alt(arms)
        })
    }

    fn concat(&mut self, depth: usize) -> Result<Node, String> {
        let mut items: Vec<Node> = Vec::new();
        loop {
            if self.peek().is_none() || self.at_alt() {
                break;
            }
            if self.at_close() {
                if depth > 0 {
                    break;
                }
                if self.ere {
                    // A lone `)` in ERE is an ordinary character.
                    self.i += 1;
                    items.push(Node::Char(')'));
                    continue;
                }
                return Err("Unmatched ) or \\)".into());
            }
            let start = items.is_empty();
            let atom = self.atom(depth, start)?;
            let atom = self.repeats(atom)?;
            items.push(atom);
        }
        Ok(match items.len() {
            0 => Node::Empty,
            1 => items.pop().unwrap(),
            _ => Node::Concat(items),
        })
    }

    fn repeats(&mut self, mut atom: Node) -> Result<Node, String> {
        loop {
            let (min, max, len) = match (self.peek(), self.peek2()) {
                (Some('*'), _) => (0, None, 1),
                (Some('+'), _) if self.ere => (1, None, 1),
                (Some('?'), _) if self.ere => (0, Some(1), 1),
                (Some('\\'), Some('+')) if !self.ere => (1, None, 2),
                (Some('\\'), Some('?')) if !self.ere => (0, Some(1), 2),
                (Some('{'), _) if self.ere => {
                    self.i += 1;
                    let (a, b) = self.bounds()?;
                    atom = Node::Repeat(Box::new(atom), a, b);
                    continue;
                }
                (Some('\\'), Some('{')) if !self.ere => {
                    self.i += 2;
                    let (a, b) = self.bounds()?;
                    atom = Node::Repeat(Box::new(atom), a, b);
                    continue;
                }
                _ => return Ok(atom),
            };
            if matches!(atom, Node::Bol | Node::Empty) && self.ere {
                return Err("Invalid preceding regular expression".into());
            }
            self.i += len;
            atom = Node::Repeat(Box::new(atom), min, max);
        }
    }

    /// `m}`, `m,}`, `m,n}` (BRE: `\}`), after the opening brace.
    fn bounds(&mut self) -> Result<(u32, Option<u32>), String> {
        let bad = || "Invalid content of \\{\\}".to_string();
        let num = |p: &mut Self| -> Option<u32> {
            let st = p.i;
            while p.peek().is_some_and(|c| c.is_ascii_digit()) {
                p.i += 1;
            }
            (p.i > st).then(|| {
                p.s[st..p.i]
                    .iter()
                    .collect::<String>()
                    .parse()
                    .unwrap_or(u32::MAX)
            })
        };
        let min = num(self).ok_or_else(bad)?;
        let max = if self.peek() == Some(',') {
            self.i += 1;
            num(self)
        } else {
            Some(min)
        };
        let closed = if self.ere {
            self.peek() == Some('}')
        } else {
            self.peek() == Some('\\') && self.peek2() == Some('}')
        };
        if !closed {
            return Err(if self.peek().is_none() {
                "Unmatched \\{".into()
            } else {
                bad()
            });
        }
        self.i += if self.ere { 1 } else { 2 };
        if min > DUP_MAX || max.is_some_and(|m| m > DUP_MAX) {
            return Err("Regular expression too big".into());
        }
        if max.is_some_and(|m| m < min) {
            return Err(bad());
        }
        Ok((min, max))
    }

    fn atom(&mut self, depth: usize, start: bool) -> Result<Node, String> {
        let c = self.peek().unwrap();
        self.i += 1;
        Ok(match c {
            '.' => Node::Any,
            '[' => self.bracket()?,
            '^' if self.ere || start => Node::Bol,
            '$' if self.ere || self.peek().is_none() || self.at_close() || self.at_alt() => {
                Node::Eol
            }
            '*' if start && !self.ere => Node::Char('*'),
            // GNU grep -E takes a leading repetition literally, with a warning.
            '*' | '+' | '?' if self.ere && start => {
                self.warnings.push(format!("{c} at start of expression"));
                Node::Char(c)
            }
            '*' | '+' | '?' | '{' if self.ere => {
                if c == '{' && !self.peek().is_some_and(|d| d.is_ascii_digit()) {
                    Node::Char('{')
                } else {
                    return Err("Invalid preceding regular expression".into());
                }
            }
            '(' if self.ere => self.group(depth)?,
            '\\' => {
                let Some(e) = self.peek() else {
                    return Err("Trailing backslash".into());
                };
                self.i += 1;
                match e {
                    '(' if !self.ere => self.group(depth)?,
                    '{' if !self.ere => return Err("Invalid preceding regular expression".into()),
                    'w' => Node::Class(word(), false),
                    'W' => Node::Class(word(), true),
                    's' => Node::Class(vec![(' ', ' '), ('\t', '\r')], false),
                    'S' => Node::Class(vec![(' ', ' '), ('\t', '\r')], true),
                    '1'..='9' => return Err("Invalid back reference".into()),
                    other => Node::Char(other),
                }
            }
            other => Node::Char(other),
        })
    }

    fn group(&mut self, depth: usize) -> Result<Node, String> {
        if depth >= 64 {
            return Err("Regular expression too big".into());
        }
        let inner = self.alt(depth + 1)?;
        if !self.at_close() {
            return Err("Unmatched ( or \\(".into());
        }
        self.i += if self.ere { 1 } else { 2 };
        Ok(inner)
    }

    /// After `[`: `[abc]`, `[^a-z]`, `[]x]`, `[[:digit:]]`.
    fn bracket(&mut self) -> Result<Node, String> {
        let unmatched = || "Unmatched [, [^, [:, [., or [=".to_string();
        let mut neg = false;
        if self.peek() == Some('^') {
            neg = true;
            self.i += 1;
        }
        let mut set = Vec::new();
        let mut first = true;
        loop {
            let Some(c) = self.peek() else {
                return Err(unmatched());
            };
            self.i += 1;
            if c == ']' && !first {
                break;
            }
            first = false;
            if c == '[' && self.peek() == Some(':') {
                let rest: String = self.s[self.i + 1..].iter().collect();
                let Some(end) = rest.find(":]") else {
                    return Err(unmatched());
                };
                let name = &rest[..end];
                self.i += 1 + end + 2;
                set.extend(class(name).ok_or("Invalid character class name")?);
                continue;
            }
            if self.peek() == Some('-') && self.peek2().is_some_and(|d| d != ']') {
                self.i += 1;
                let hi = self.peek().unwrap();
                self.i += 1;
                if hi < c {
                    return Err("Invalid range end".into());
                }
                set.push((c, hi));
            } else {
                set.push((c, c));
            }
        }
        Ok(Node::Class(set, neg))
    }
}

fn word() -> Vec<(char, char)> {
    vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')]
}

fn class(name: &str) -> Option<Vec<(char, char)>> {
    Some(match name {
        "alpha" => vec![('a', 'z'), ('A', 'Z')],
        "digit" => vec![('0', '9')],
        "alnum" => vec![('a', 'z'), ('A', 'Z'), ('0', '9')],
        "upper" => vec![('A', 'Z')],
        "lower" => vec![('a', 'z')],
        "space" => vec![(' ', ' '), ('\t', '\r')],
        "blank" => vec![(' ', ' '), ('\t', '\t')],
        "xdigit" => vec![('0', '9'), ('a', 'f'), ('A', 'F')],
        "punct" => vec![('!', '/'), (':', '@'), ('[', '`'), ('{', '~')],
        "print" => vec![(' ', '~')],
        "graph" => vec![('!', '~')],
        "cntrl" => vec![('\0', '\x1f'), ('\x7f', '\x7f')],
        _ => return None,
    })
}

fn emit(n: &Node, p: &mut Vec<Inst>) -> Result<(), String> {
    if p.len() > MAX_PROGRAM {
        return Err("Regular expression too big".into());
    }
    match n {
        Node::Char(c) => p.push(Inst::Char(*c)),
        Node::Any => p.push(Inst::Any),
        Node::Class(s, neg) => p.push(Inst::Class(s.clone(), *neg)),
        Node::Bol => p.push(Inst::Bol),
        Node::Eol => p.push(Inst::Eol),
        Node::Empty => {}
        Node::Concat(items) => {
            for i in items {
                emit(i, p)?;
            }
        }
        Node::Alt(arms) => {
            let mut jumps = Vec::new();
            for (k, arm) in arms.iter().enumerate() {
                if k + 1 < arms.len() {
                    let split = p.len();
                    p.push(Inst::Split(split + 1, 0));
                    emit(arm, p)?;
                    jumps.push(p.len());
                    p.push(Inst::Jmp(0));
                    let next = p.len();
                    p[split] = Inst::Split(split + 1, next);
                } else {
                    emit(arm, p)?;
                }
            }
            let end = p.len();
            for j in jumps {
                p[j] = Inst::Jmp(end);
            }
        }
        Node::Repeat(inner, min, max) => {
            for _ in 0..*min {
                emit(inner, p)?;
                if p.len() > MAX_PROGRAM {
                    return Err("Regular expression too big".into());
                }
            }
            match max {
                None => {
                    let split = p.len();
                    p.push(Inst::Split(split + 1, 0));
                    emit(inner, p)?;
                    p.push(Inst::Jmp(split));
                    let end = p.len();
                    p[split] = Inst::Split(split + 1, end);
                }
                Some(max) => {
                    let mut splits = Vec::new();
                    for _ in *min..*max {
                        splits.push(p.len());
                        p.push(Inst::Split(0, 0));
                        emit(inner, p)?;
                        if p.len() > MAX_PROGRAM {
                            return Err("Regular expression too big".into());
                        }
                    }
                    let end = p.len();
                    for s in splits {
                        p[s] = Inst::Split(s + 1, end);
                    }
                }
            }
        }
    }
    Ok(())
}

impl Regex {
    /// Compiles `pattern` (`ere`: grep -E; `icase`: grep -i).
    pub fn new(pattern: &str, ere: bool, icase: bool) -> Result<Regex, String> {
        let mut parser = Parser {
            s: pattern.chars().collect(),
            i: 0,
            ere,
            warnings: Vec::new(),
            _src: pattern,
        };
        let node = parser.alt(0)?;
        if parser.i < parser.s.len() {
            return Err("Unmatched ) or \\)".into());
        }
        let mut prog = Vec::new();
        emit(&node, &mut prog)?;
        prog.push(Inst::Match);
        Ok(Regex {
            prog,
            icase,
            warnings: parser.warnings,
        })
    }

    /// A fixed string (grep -F).
    pub fn literal(text: &str, icase: bool) -> Regex {
        let mut prog: Vec<Inst> = text.chars().map(Inst::Char).collect();
        prog.push(Inst::Match);
        Regex {
            prog,
            icase,
            warnings: Vec::new(),
        }
    }

    /// A fixed string that must be the whole line (grep -Fx).
    pub fn whole_literal(text: &str, icase: bool) -> Regex {
        let mut prog = vec![Inst::Bol];
        prog.extend(text.chars().map(Inst::Char));
        prog.push(Inst::Eol);
        prog.push(Inst::Match);
        Regex {
            prog,
            icase,
            warnings: Vec::new(),
        }
    }

    /// Whether the pattern matches anywhere in `line`.
    pub fn is_match(&self, line: &str) -> bool {
        let chars: Vec<char> = if self.icase {
            line.chars().flat_map(char::to_lowercase).collect()
        } else {
            line.chars().collect()
        };
        let n = self.prog.len();
        let mut cur: Vec<usize> = Vec::new();
        let mut next: Vec<usize> = Vec::new();
        let mut seen = vec![usize::MAX; n];
        for pos in 0..=chars.len() {
            // A new thread starts at every position (the match is unanchored).
            if self.add(&mut cur, &mut seen, pos, 0, &chars) {
                return true;
            }
            let Some(&c) = chars.get(pos) else {
                break;
            };
            next.clear();
            for &pc in &cur {
                let ok = match &self.prog[pc] {
                    Inst::Char(x) => self.fold(*x) == c,
                    Inst::Any => true,
                    Inst::Class(set, neg) => self.in_class(set, c) != *neg,
                    _ => false,
                };
                if ok && self.add(&mut next, &mut seen, pos + 1, pc + 1, &chars) {
                    return true;
                }
            }
            std::mem::swap(&mut cur, &mut next);
        }
        false
    }

    fn fold(&self, c: char) -> char {
        if self.icase {
            c.to_lowercase().next().unwrap_or(c)
        } else {
            c
        }
    }

    fn in_class(&self, set: &[(char, char)], c: char) -> bool {
        let hit = |c: char| set.iter().any(|(lo, hi)| *lo <= c && c <= *hi);
        hit(c) || (self.icase && c.to_uppercase().next().is_some_and(hit))
    }

    /// Follows jumps from `pc` at `pos`; true when a thread reaches Match.
    fn add(
        &self,
        list: &mut Vec<usize>,
        seen: &mut [usize],
        pos: usize,
        pc: usize,
        chars: &[char],
    ) -> bool {
        let mut stack = vec![pc];
        while let Some(pc) = stack.pop() {
            if seen[pc] == pos {
                continue;
            }
            seen[pc] = pos;
            match &self.prog[pc] {
                Inst::Match => return true,
                Inst::Jmp(t) => stack.push(*t),
                Inst::Split(a, b) => {
                    stack.push(*b);
                    stack.push(*a);
                }
                Inst::Bol => {
                    if pos == 0 {
                        stack.push(pc + 1);
                    }
                }
                Inst::Eol => {
                    if pos == chars.len() {
                        stack.push(pc + 1);
                    }
                }
                _ => list.push(pc),
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::Regex;

    fn m(p: &str, ere: bool, line: &str) -> bool {
        Regex::new(p, ere, false).unwrap().is_match(line)
    }

    #[test]
    fn basic_regular_expressions_as_grep_reads_them() {
        assert!(m("web", false, "web-0   1/1"));
        assert!(m("^web-[0-9]", false, "web-1   1/1"));
        assert!(!m("^web-[0-9]", false, "NAME web-1"));
        assert!(m("Running$", false, "x Running"));
        assert!(m("a.c", false, "abc"));
        assert!(m("ab*c", false, "ac"));
        assert!(m("web-\\(0\\|2\\)", false, "web-2"));
        assert!(!m("web-\\(0\\|2\\)", false, "web-1"));
        assert!(m("a+", false, "a+"), "+ is literal in BRE");
        assert!(m("a\\{2\\}", false, "xaax"));
        assert!(!m("a\\{2\\}", false, "xax"));
        assert!(m("*star", false, "a *star"), "a leading * is literal");
        assert!(m("[[:digit:]]\\+s$", false, "web-0   15s"));
    }

    #[test]
    fn extended_regular_expressions() {
        assert!(m("web-(0|2)$", true, "web-2"));
        assert!(m("Pending|Running", true, "x Running"));
        assert!(m("^[a-z]+-[0-9]{1,2} ", true, "web-10 x"));
        assert!(!m("^[a-z]+-[0-9]{3} ", true, "web-10 x"));
        assert!(m("colou?r", true, "color"));
        assert!(m("[^0-9]$", true, "web"));
    }

    #[test]
    fn case_folding() {
        assert!(Regex::new("RUNNING", false, true)
            .unwrap()
            .is_match("Running"));
        assert!(Regex::new("[A-Z]unning", false, true)
            .unwrap()
            .is_match("running"));
    }

    #[test]
    fn errors_are_glibcs() {
        let e = |p: &str, ere: bool| Regex::new(p, ere, false).unwrap_err();
        assert_eq!(e("[abc", false), "Unmatched [, [^, [:, [., or [=");
        assert_eq!(e("\\(a", false), "Unmatched ( or \\(");
        assert_eq!(e("(a", true), "Unmatched ( or \\(");
        assert_eq!(e("a\\)", false), "Unmatched ) or \\)");
        assert_eq!(e("ab\\", false), "Trailing backslash");
        assert_eq!(e("a{2,1}", true), "Invalid content of \\{\\}");
        assert_eq!(e("(a{255}){255}", true), "Regular expression too big");
    }

    #[test]
    fn a_leading_repetition_in_ere_is_literal_with_a_warning() {
        let r = Regex::new("*a", true, false).unwrap();
        assert_eq!(r.warnings, ["* at start of expression"]);
        assert!(r.is_match("x*a") && !r.is_match("a"));
    }

    #[test]
    fn a_pathological_pattern_is_linear() {
        let r = Regex::new("(a*)*(a*)*(a*)*b", true, false).unwrap();
        assert!(!r.is_match(&"a".repeat(5_000)));
    }
}
