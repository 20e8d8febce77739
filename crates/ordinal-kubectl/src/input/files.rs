//! The files a command reads (`-f`, `--patch-file`, `cat`, `<`). kubectl never touches the OS
//! file system itself, so the same code runs in the browser: the learner's workspace is an
//! in-memory map, and a front end may add its own reader underneath (the CLI reads the disk,
//! relative to the script's directory).

use std::collections::BTreeMap;
use std::sync::Arc;

/// Largest file a command reads; past it the read fails with `FileError::TooLarge`.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

/// What a path names.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    File(String),
    /// A directory's entries, in any order: (name, is a directory).
    Dir(Vec<(String, bool)>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum FileError {
    NotFound,
    TooLarge {
        size: u64,
    },
    /// Any other failure, in the reader's own words (permission denied, not UTF-8, …).
    Other(String),
}

impl FileError {
    /// The message for a file that exists but cannot be read.
    pub fn describe(&self, path: &str) -> String {
        match self {
            FileError::NotFound => format!("open {path}: no such file or directory"),
            FileError::TooLarge { size } => {
                format!("file is {size} bytes, larger than the {MAX_FILE_BYTES}-byte limit")
            }
            FileError::Other(m) => m.clone(),
        }
    }
}

/// A front end's file reader. Paths are as the learner typed them (relative or absolute).
pub trait Files {
    fn open(&self, path: &str) -> Result<Node, FileError>;
}

/// A shareable reader for `SessionConfig`.
#[derive(Clone)]
pub struct Reader(pub Arc<dyn Files>);

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Reader")
    }
}

/// The terminal's working directory; absolute paths under it name workspace files.
pub const HOME: &str = "/home/learner";

/// `./a//b/` → `a/b`; `/home/learner/a` → `a` (the workspace's own spelling of a path).
pub fn clean(path: &str) -> String {
    let p = path
        .strip_prefix(HOME)
        .filter(|r| r.is_empty() || r.starts_with('/'));
    let (abs, rest) = match p {
        Some(r) => (false, r),
        None => (path.starts_with('/'), path),
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in rest.split('/') {
        match seg {
            "" | "." => {}
            ".." if parts.last().is_some_and(|l| *l != "..") => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    match (abs, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

/// Go's filepath.Join for two parts: joined with `/`, then cleaned.
pub fn join(dir: &str, name: &str) -> String {
    let mut p = dir.trim_end_matches('/').to_string();
    p.push('/');
    p.push_str(name);
    // Keep the learner's own prefix (`./d` → `d/x.yaml`, as Go's Clean does).
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        if seg == "." || (seg.is_empty() && !parts.is_empty()) {
            continue;
        }
        parts.push(seg);
    }
    parts.join("/")
}

/// The workspace (in memory, written by the shell and the front end) over the front end's
/// reader. A workspace file shadows a file of the same name underneath.
pub fn open(
    mem: &BTreeMap<String, String>,
    under: Option<&Reader>,
    path: &str,
) -> Result<Node, FileError> {
    let key = clean(path);
    if let Some(text) = mem.get(&key) {
        if text.len() as u64 > MAX_FILE_BYTES {
            return Err(FileError::TooLarge {
                size: text.len() as u64,
            });
        }
        return Ok(Node::File(text.clone()));
    }
    let prefix = if key == "." {
        String::new()
    } else {
        format!("{key}/")
    };
    let mut entries: Vec<(String, bool)> = Vec::new();
    for k in mem.keys().filter(|k| !k.contains("://")) {
        if let Some(rest) = k.strip_prefix(&prefix) {
            let (name, dir) = match rest.split_once('/') {
                Some((d, _)) => (d, true),
                None => (rest, false),
            };
            if !entries.iter().any(|(n, _)| n == name) {
                entries.push((name.to_string(), dir));
            }
        }
    }
    match under.map(|r| r.0.open(path)) {
        Some(Ok(Node::Dir(more))) => {
            for e in more {
                if !entries.iter().any(|(n, _)| *n == e.0) {
                    entries.push(e);
                }
            }
            Ok(Node::Dir(entries))
        }
        Some(Ok(file)) if entries.is_empty() => Ok(file),
        Some(Err(e)) if entries.is_empty() && e != FileError::NotFound => Err(e),
        _ if entries.is_empty() && key != "." => Err(FileError::NotFound),
        _ => Ok(Node::Dir(entries)),
    }
}

/// Reads one file (a directory is an error, as `open(2)` then `read(2)` would give).
pub fn read(
    mem: &BTreeMap<String, String>,
    under: Option<&Reader>,
    path: &str,
) -> Result<String, FileError> {
    match open(mem, under, path)? {
        Node::File(t) => Ok(t),
        Node::Dir(_) => Err(FileError::Other(format!("read {path}: is a directory"))),
    }
}

/// The extensions a directory walk keeps (upstream's resource.FileExtensions).
pub const FILE_EXTENSIONS: [&str; 3] = [".json", ".yaml", ".yml"];

/// The manifest files under `path`, as upstream's ExpandPathsToFileVisitors walks them: a file
/// is taken whatever its name; in a directory, files with a manifest extension in lexical order,
/// descending into subdirectories only when `recursive`. Each comes with its text.
pub fn expand(
    mem: &BTreeMap<String, String>,
    under: Option<&Reader>,
    path: &str,
    recursive: bool,
) -> Result<Vec<(String, String)>, FileError> {
    let mut out = Vec::new();
    walk(mem, under, path, recursive, true, &mut out)?;
    Ok(out)
}

fn walk(
    mem: &BTreeMap<String, String>,
    under: Option<&Reader>,
    path: &str,
    recursive: bool,
    top: bool,
    out: &mut Vec<(String, String)>,
) -> Result<(), FileError> {
    match open(mem, under, path)? {
        Node::File(text) => out.push((path.to_string(), text)),
        Node::Dir(mut entries) => {
            if !top && !recursive {
                return Ok(());
            }
            ordinal_sim::sort::sort(&mut entries);
            for (name, dir) in entries {
                let child = join(path, &name);
                if dir {
                    walk(mem, under, &child, recursive, false, out)?;
                } else if FILE_EXTENSIONS.iter().any(|x| name.ends_with(x)) {
                    match open(mem, under, &child)? {
                        Node::File(text) => out.push((child, text)),
                        Node::Dir(_) => {}
                    }
                }
            }
        }
    }
    Ok(())
}

/// Whether a path has glob characters (Go's filepath hasMeta).
pub fn has_meta(path: &str) -> bool {
    path.contains(['*', '?', '[', '\\'])
}

/// Go's filepath.ErrBadPattern.
pub const BAD_PATTERN: &str = "syntax error in pattern";

/// Go's filepath.Glob over the workspace and its reader: the paths matching `pattern`, sorted
/// within each directory; an invalid pattern is an error even when nothing could match.
pub fn glob(
    mem: &BTreeMap<String, String>,
    under: Option<&Reader>,
    pattern: &str,
) -> Result<Vec<String>, &'static str> {
    // Validate every segment first (Go checks the whole pattern up front).
    for seg in pattern.split('/') {
        matches(seg, "")?;
    }
    if !has_meta(pattern) {
        return Ok(match open(mem, under, pattern) {
            Ok(_) => vec![pattern.to_string()],
            Err(_) => Vec::new(),
        });
    }
    let (dir, file) = match pattern.rfind('/') {
        Some(0) => ("/", &pattern[1..]),
        Some(i) => (&pattern[..i], &pattern[i + 1..]),
        None => (".", pattern),
    };
    let dirs = if has_meta(dir) {
        glob(mem, under, dir)?
    } else {
        vec![dir.to_string()]
    };
    let mut out = Vec::new();
    for d in dirs {
        let Ok(Node::Dir(mut entries)) = open(mem, under, &d) else {
            continue;
        };
        ordinal_sim::sort::sort(&mut entries);
        for (name, _) in entries {
            if matches(file, &name)? {
                out.push(join(&d, &name));
            }
        }
    }
    Ok(out)
}

/// Go's filepath.Match for one path segment: `*`, `?`, `[class]` (with `^`, ranges) and `\`.
fn matches(pattern: &str, name: &str) -> Result<bool, &'static str> {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    match_from(&p, &n)
}

fn match_from(p: &[char], n: &[char]) -> Result<bool, &'static str> {
    match p.first() {
        None => Ok(n.is_empty()),
        Some('*') => {
            // Check the rest's syntax even when the name has run out.
            let mut first = match_from(&p[1..], n)?;
            let mut i = 0;
            while !first && i < n.len() {
                i += 1;
                first = match_from(&p[1..], &n[i..])?;
            }
            Ok(first)
        }
        Some('?') => {
            let rest = match_from(&p[1..], n.get(1..).unwrap_or(&[]))?;
            Ok(!n.is_empty() && rest)
        }
        Some('[') => {
            let (hit, used) = class(&p[1..], n.first().copied())?;
            let rest = match_from(&p[1 + used..], n.get(1..).unwrap_or(&[]))?;
            Ok(hit && !n.is_empty() && rest)
        }
        Some('\\') => {
            let c = *p.get(1).ok_or(BAD_PATTERN)?;
            let rest = match_from(&p[2..], n.get(1..).unwrap_or(&[]))?;
            Ok(n.first() == Some(&c) && rest)
        }
        Some(c) => {
            let rest = match_from(&p[1..], n.get(1..).unwrap_or(&[]))?;
            Ok(n.first() == Some(c) && rest)
        }
    }
}

/// A `[...]` class after its `[`: whether `c` is in it, and how many pattern chars it used.
fn class(p: &[char], c: Option<char>) -> Result<(bool, usize), &'static str> {
    let mut i = 0;
    let negate = p.first() == Some(&'^');
    if negate {
        i += 1;
    }
    let mut hit = false;
    let mut any = false;
    loop {
        let lo = match p.get(i) {
            None => return Err(BAD_PATTERN),
            Some(']') if any => break,
            Some('\\') => {
                i += 1;
                *p.get(i).ok_or(BAD_PATTERN)?
            }
            Some('-') | Some(']') => return Err(BAD_PATTERN),
            Some(ch) => *ch,
        };
        i += 1;
        let mut hi = lo;
        if p.get(i) == Some(&'-') {
            i += 1;
            hi = match p.get(i) {
                None | Some(']') | Some('-') => return Err(BAD_PATTERN),
                Some('\\') => {
                    i += 1;
                    *p.get(i).ok_or(BAD_PATTERN)?
                }
                Some(ch) => *ch,
            };
            i += 1;
        }
        any = true;
        if c.is_some_and(|c| lo <= c && c <= hi) {
            hit = true;
        }
    }
    Ok((hit != negate, i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ws(names: &[&str]) -> BTreeMap<String, String> {
        names
            .iter()
            .map(|n| (n.to_string(), format!("# {n}\n")))
            .collect()
    }

    #[test]
    fn clean_spells_paths_as_the_workspace_does() {
        assert_eq!(clean("./a//b/"), "a/b");
        assert_eq!(clean("/home/learner/web.yaml"), "web.yaml");
        assert_eq!(clean("/etc/x"), "/etc/x");
        assert_eq!(clean("a/../b"), "b");
        assert_eq!(clean("./"), ".");
        assert_eq!(join("./d/", "x.yaml"), "d/x.yaml");
        assert_eq!(join("/abs/d", "x.yaml"), "/abs/d/x.yaml");
    }

    #[test]
    fn a_directory_walk_keeps_manifests_in_lexical_order() {
        let m = ws(&[
            "d/b.yaml",
            "d/a.json",
            "d/notes.txt",
            "d/sub/c.yml",
            "d/z.yml",
        ]);
        let names = |r: bool| -> Vec<String> {
            expand(&m, None, "d/", r)
                .unwrap()
                .into_iter()
                .map(|(n, _)| n)
                .collect()
        };
        assert_eq!(names(false), ["d/a.json", "d/b.yaml", "d/z.yml"]);
        assert_eq!(
            names(true),
            ["d/a.json", "d/b.yaml", "d/sub/c.yml", "d/z.yml"]
        );
        // A file named on its own is read whatever its extension.
        assert_eq!(
            expand(&m, None, "./d/notes.txt", false).unwrap(),
            [("./d/notes.txt".to_string(), "# d/notes.txt\n".to_string())]
        );
        assert_eq!(expand(&m, None, "nope", false), Err(FileError::NotFound));
    }

    #[test]
    fn globs_match_as_go_filepath_does() {
        let m = ws(&["gl/a.yaml", "gl/b.yaml", "gl/c.txt", "g2/x.yml", "top.yaml"]);
        assert_eq!(
            glob(&m, None, "gl/*.yaml").unwrap(),
            ["gl/a.yaml", "gl/b.yaml"]
        );
        assert_eq!(
            glob(&m, None, "g?/*.y*ml").unwrap(),
            ["g2/x.yml", "gl/a.yaml", "gl/b.yaml"]
        );
        assert_eq!(
            glob(&m, None, "./gl/[ab].*").unwrap(),
            ["gl/a.yaml", "gl/b.yaml"]
        );
        assert_eq!(glob(&m, None, "gl/[^a-b]*").unwrap(), ["gl/c.txt"]);
        assert_eq!(glob(&m, None, "*.yaml").unwrap(), ["top.yaml"]);
        assert_eq!(glob(&m, None, "nope*").unwrap(), Vec::<String>::new());
        assert_eq!(glob(&m, None, "gl/["), Err(BAD_PATTERN));
        assert_eq!(glob(&m, None, "none/[z-"), Err(BAD_PATTERN));
    }

    #[test]
    fn files_past_the_bound_are_refused() {
        let mut m = BTreeMap::new();
        m.insert(
            "big.yaml".to_string(),
            "#".repeat(MAX_FILE_BYTES as usize + 1),
        );
        let e = read(&m, None, "big.yaml").unwrap_err();
        assert_eq!(
            e.describe("big.yaml"),
            "file is 1048577 bytes, larger than the 1048576-byte limit"
        );
    }
}
