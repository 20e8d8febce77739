//! The small POSIX-shell subset both shells understand: the learner's terminal (kubectl, sim,
//! for-loops from the tutorial) and `sh` inside a container (busybox-like).

/// One piece of a word, before expansion.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// Text taken literally. `quoted` text is not field-split.
    Lit { text: String, quoted: bool },
    /// `$name`, `${name}`, `$?`, `$1`.
    Var { name: String, quoted: bool },
    /// `$(...)` or `` `...` ``.
    Subst { script: Box<Script>, quoted: bool },
}

/// A shell word: parts glued together (`"web-$i"` is Lit + Var).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Word {
    pub parts: Vec<Part>,
}

impl Word {
    pub fn lit(s: &str) -> Word {
        Word {
            parts: vec![Part::Lit {
                text: s.into(),
                quoted: false,
            }],
        }
    }

    /// The word's literal text if it has no expansions (used for reserved words).
    pub fn as_plain(&self) -> Option<String> {
        let mut s = String::new();
        for p in &self.parts {
            match p {
                Part::Lit {
                    text,
                    quoted: false,
                } => s.push_str(text),
                _ => return None,
            }
        }
        Some(s)
    }

    /// Whether any part was quoted (a quoted empty word still counts as an argument).
    pub fn has_quotes(&self) -> bool {
        self.parts.iter().any(|p| match p {
            Part::Lit { quoted, .. } | Part::Var { quoted, .. } | Part::Subst { quoted, .. } => {
                *quoted
            }
        })
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Redirect {
    /// `>` / `>>` (fd 1) and `2>` / `2>>` (fd 2).
    Out { fd: u8, append: bool, target: Word },
    /// `2>&1`.
    ErrToOut,
    /// `< file`.
    In(Word),
    /// `<<EOF` … `EOF`; `expand` is false when the delimiter was quoted.
    HereDoc { body: String, expand: bool },
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct Simple {
    pub assigns: Vec<(String, Word)>,
    pub words: Vec<Word>,
    pub redirects: Vec<Redirect>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Simple(Simple),
    For {
        var: String,
        items: Vec<Word>,
        body: Script,
    },
    If {
        cond: Script,
        then: Script,
        otherwise: Option<Script>,
    },
    Group(Script),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Pipeline {
    pub negate: bool,
    pub commands: Vec<Command>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Connector {
    And,
    Or,
}

#[derive(Clone, Debug, PartialEq)]
pub struct AndOr {
    pub first: Pipeline,
    pub rest: Vec<(Connector, Pipeline)>,
}

/// A list of and-or lists separated by `;`, `&` or newlines.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Script {
    pub items: Vec<AndOr>,
}
