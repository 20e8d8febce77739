//! Files in the simulated cluster. Every container has a writable root filesystem (its image's
//! files plus what it wrote; lost when the container restarts or the pod goes away); volumes
//! are separate trees: emptyDir (lives as long as the pod), hostPath (lives on the node) and
//! PersistentVolumes (live until the PV is deleted — that is what makes StatefulSet storage
//! stable; keyed by the PV, so every pod on one claim shares its files, ST5). A container sees
//! one [`View`]: its root filesystem with its volume mounts on top.

use std::collections::BTreeMap;

/// Largest file the simulation stores.
pub const MAX_FILE_BYTES: usize = 1 << 20;
/// Most entries (files, directories, links) in one tree.
pub const MAX_ENTRIES: usize = 4096;
/// Most bytes (paths, file contents, link targets) all the cluster's trees hold together: with
/// 1 MiB files and 4,096 entries a tree alone could hold 4 GiB, so writes past this are "No
/// space left on device" (docs/memory.md).
pub const MAX_TOTAL_BYTES: usize = 64 << 20;
/// Linux's limit on nested symlinks is 40; busybox images hit ELOOP much like this.
const MAX_SYMLINK_HOPS: usize = 16;

/// Why a file operation failed, in errno terms; `path` is the path as the caller wrote it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FsError {
    NotFound(String),
    NotADirectory(String),
    IsADirectory(String),
    AlreadyExists(String),
    DirectoryNotEmpty(String),
    ReadOnly(String),
    NoSpace(String),
    TooManyLinks(String),
    InvalidArgument(String),
    /// The pod does not exist.
    PodNotFound {
        namespace: String,
        pod: String,
    },
    /// The pod has no container of that name.
    ContainerNotFound {
        pod: String,
        container: String,
    },
    /// The container exists but is not running (exec needs a running container).
    ContainerNotRunning {
        pod: String,
        container: String,
    },
    /// The pod's kubelet cannot be reached (stopped or cut off from the network).
    NodeUnreachable {
        node: String,
    },
}

impl FsError {
    /// The C library's text for the error (`strerror`), as busybox prints it after the path.
    pub fn strerror(&self) -> &'static str {
        match self {
            FsError::NotFound(_) => "No such file or directory",
            FsError::NotADirectory(_) => "Not a directory",
            FsError::IsADirectory(_) => "Is a directory",
            FsError::AlreadyExists(_) => "File exists",
            FsError::DirectoryNotEmpty(_) => "Directory not empty",
            FsError::ReadOnly(_) => "Read-only file system",
            FsError::NoSpace(_) => "No space left on device",
            FsError::TooManyLinks(_) => "Symbolic link loop",
            FsError::InvalidArgument(_) => "Invalid argument",
            FsError::PodNotFound { .. }
            | FsError::ContainerNotFound { .. }
            | FsError::ContainerNotRunning { .. }
            | FsError::NodeUnreachable { .. } => "",
        }
    }

    /// The path the error is about, for the file errors.
    pub fn path(&self) -> Option<&str> {
        match self {
            FsError::NotFound(p)
            | FsError::NotADirectory(p)
            | FsError::IsADirectory(p)
            | FsError::AlreadyExists(p)
            | FsError::DirectoryNotEmpty(p)
            | FsError::ReadOnly(p)
            | FsError::NoSpace(p)
            | FsError::TooManyLinks(p)
            | FsError::InvalidArgument(p) => Some(p),
            _ => None,
        }
    }
}

impl std::fmt::Display for FsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FsError::PodNotFound { namespace, pod } => {
                write!(f, "pods \"{pod}\" not found in namespace \"{namespace}\"")
            }
            FsError::ContainerNotFound { pod, container } => {
                write!(f, "container {container} is not valid for pod {pod}")
            }
            FsError::ContainerNotRunning { pod, container } => {
                write!(f, "container {container} in pod {pod} is not running")
            }
            FsError::NodeUnreachable { node } => {
                write!(f, "the kubelet on node {node} cannot be reached")
            }
            other => write!(f, "{}: {}", other.path().unwrap_or(""), other.strerror()),
        }
    }
}

impl std::error::Error for FsError {}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    Dir,
    File(String),
    Symlink(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryKind {
    Dir,
    File,
    Symlink,
}

/// One line of a directory listing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DirEntry {
    pub name: String,
    pub kind: EntryKind,
    pub size: usize,
    /// A symlink's target.
    pub target: Option<String>,
}

/// A directory tree keyed by relative path (`a/b.txt`); the root (`""`) is always a directory.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tree {
    entries: BTreeMap<String, Entry>,
    /// What the entries hold, as `entry_bytes` counts it (kept current by every change).
    bytes: usize,
}

/// What one entry costs: its path and its content or link target.
fn entry_bytes(rel: &str, e: &Entry) -> usize {
    rel.len()
        + match e {
            Entry::Dir => 0,
            Entry::File(c) | Entry::Symlink(c) => c.len(),
        }
}

impl Tree {
    /// A tree holding `files` (absolute paths) with their parent directories and `dirs`.
    pub fn from_files(dirs: &[&str], files: &[(&str, &str)]) -> Tree {
        let mut t = Tree::default();
        for d in dirs {
            t.mkdir_all(&rel_of(d));
        }
        for (path, content) in files {
            let rel = rel_of(path);
            if let Some((parent, _)) = rel.rsplit_once('/') {
                t.mkdir_all(parent);
            }
            t.insert(rel, Entry::File((*content).to_string()));
        }
        t
    }

    pub fn get(&self, rel: &str) -> Option<&Entry> {
        if rel.is_empty() {
            return Some(&Entry::Dir);
        }
        self.entries.get(rel)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Bytes held (paths, contents, link targets).
    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Inserts or replaces an entry, keeping `bytes` current.
    fn insert(&mut self, rel: String, e: Entry) {
        self.bytes += entry_bytes(&rel, &e);
        if let Some(old) = self.entries.insert(rel, e) {
            // The path is counted once: the new entry's already is.
            self.bytes -= entry_bytes("", &old);
        }
    }

    fn mkdir_all(&mut self, rel: &str) {
        let mut acc = String::new();
        for c in rel.split('/').filter(|c| !c.is_empty()) {
            if !acc.is_empty() {
                acc.push('/');
            }
            acc.push_str(c);
            if !self.entries.contains_key(&acc) {
                self.insert(acc.clone(), Entry::Dir);
            }
        }
    }

    fn children(&self, rel: &str) -> Vec<(String, &Entry)> {
        let prefix = if rel.is_empty() {
            String::new()
        } else {
            format!("{rel}/")
        };
        self.entries
            .range(prefix.clone()..)
            .take_while(|(k, _)| k.starts_with(&prefix))
            .filter(|(k, _)| !k[prefix.len()..].contains('/'))
            .map(|(k, e)| (k[prefix.len()..].to_string(), e))
            .collect()
    }

    fn put(&mut self, rel: &str, entry: Entry, shown: &str) -> Result<(), FsError> {
        if let Entry::File(c) = &entry {
            if c.len() > MAX_FILE_BYTES {
                return Err(FsError::NoSpace(shown.into()));
            }
        }
        if !self.entries.contains_key(rel) && self.entries.len() >= MAX_ENTRIES {
            return Err(FsError::NoSpace(shown.into()));
        }
        self.insert(rel.to_string(), entry);
        Ok(())
    }

    fn remove_subtree(&mut self, rel: &str) -> Vec<(String, Entry)> {
        let prefix = format!("{rel}/");
        let keys: Vec<String> = self
            .entries
            .range(rel.to_string()..)
            .take_while(|(k, _)| *k == rel || k.starts_with(&prefix))
            .map(|(k, _)| k.clone())
            .collect();
        let removed: Vec<(String, Entry)> = keys
            .into_iter()
            .filter_map(|k| self.entries.remove(&k).map(|e| (k, e)))
            .collect();
        self.bytes -= removed
            .iter()
            .map(|(k, e)| entry_bytes(k, e))
            .sum::<usize>();
        removed
    }
}

/// Where a tree lives.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Backing {
    /// A PersistentVolume's data, by PV name.
    Volume(String),
    /// An emptyDir volume: (pod UID, volume name).
    EmptyDir(String, String),
    /// A hostPath volume: (node, host path).
    HostPath(String, String),
    /// A container's root filesystem: (pod UID, container name).
    Rootfs(String, String),
}

/// One volume mount of a container.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mount {
    pub path: String,
    pub backing: Backing,
    pub read_only: bool,
}

/// What one container sees: its root filesystem with volumes mounted on top (longest mount
/// path wins, like the kernel's mount table).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct View {
    pub rootfs: Backing,
    pub mounts: Vec<Mount>,
}

struct Located<'a> {
    backing: &'a Backing,
    rel: String,
    read_only: bool,
}

impl View {
    fn locate(&self, comps: &[String]) -> Located<'_> {
        let mut best: Option<(&Mount, usize)> = None;
        for m in &self.mounts {
            let mc = components(&m.path);
            if mc.len() <= comps.len()
                && mc.iter().zip(comps).all(|(a, b)| a == b)
                && best.is_none_or(|(_, n)| mc.len() > n)
            {
                best = Some((m, mc.len()));
            }
        }
        match best {
            Some((m, n)) => Located {
                backing: &m.backing,
                rel: comps[n..].join("/"),
                read_only: m.read_only,
            },
            None => Located {
                backing: &self.rootfs,
                rel: comps.join("/"),
                read_only: false,
            },
        }
    }

    /// A directory above some mount point exists even if the image lacks it.
    fn is_mount_ancestor(&self, comps: &[String]) -> bool {
        self.mounts.iter().any(|m| {
            let mc = components(&m.path);
            mc.len() > comps.len() && mc.iter().zip(comps).all(|(a, b)| a == b)
        })
    }
}

/// Path components of an absolute or root-relative path, with `.` and `..` applied.
fn components(path: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in path.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            c => out.push(c.to_string()),
        }
    }
    out
}

fn rel_of(path: &str) -> String {
    components(path).join("/")
}

/// Every tree in the cluster.
#[derive(Clone, Debug, Default)]
pub struct Filesystems {
    trees: BTreeMap<Backing, Tree>,
}

impl Filesystems {
    pub fn tree(&self, b: &Backing) -> Option<&Tree> {
        self.trees.get(b)
    }

    /// Replaces a container's root filesystem (a new container starts from its image).
    pub fn reset_rootfs(&mut self, uid: &str, container: &str, image_layer: Tree) {
        self.trees
            .insert(Backing::Rootfs(uid.into(), container.into()), image_layer);
    }

    /// Forgets everything that lives only as long as the pod: root filesystems and emptyDirs.
    pub fn drop_pod(&mut self, uid: &str) {
        self.trees.retain(|b, _| match b {
            Backing::Rootfs(u, _) | Backing::EmptyDir(u, _) => u != uid,
            _ => true,
        });
    }

    /// A deleted PersistentVolume takes its data with it.
    pub fn drop_volume(&mut self, pv: &str) {
        self.trees.remove(&Backing::Volume(pv.into()));
    }

    /// Number of trees (for bounds checks and tests).
    pub fn tree_count(&self) -> usize {
        self.trees.len()
    }

    fn entry(&self, view: &View, comps: &[String]) -> Option<Entry> {
        let loc = view.locate(comps);
        match self.trees.get(loc.backing).and_then(|t| t.get(&loc.rel)) {
            Some(e) => Some(e.clone()),
            None if loc.rel.is_empty() || view.is_mount_ancestor(comps) => Some(Entry::Dir),
            None => None,
        }
    }

    /// Resolves symlinks in `path`; the last component is followed only if `follow_last`.
    fn resolve(&self, view: &View, path: &str, follow_last: bool) -> Result<Vec<String>, FsError> {
        let mut comps = components(path);
        let mut hops = 0;
        let mut i = 0;
        while i < comps.len() {
            let last = i + 1 == comps.len();
            match self.entry(view, &comps[..=i]) {
                Some(Entry::Symlink(target)) if !last || follow_last => {
                    hops += 1;
                    if hops > MAX_SYMLINK_HOPS {
                        return Err(FsError::TooManyLinks(path.into()));
                    }
                    let base = if target.starts_with('/') {
                        String::new()
                    } else {
                        comps[..i].join("/")
                    };
                    let rest = comps[i + 1..].join("/");
                    comps = components(&format!("/{base}/{target}/{rest}"));
                    i = 0;
                    continue;
                }
                Some(Entry::File(_)) if !last => return Err(FsError::NotADirectory(path.into())),
                None if !last => return Err(FsError::NotFound(path.into())),
                _ => {}
            }
            i += 1;
        }
        Ok(comps)
    }

    /// What is at `path` (following symlinks), if anything.
    pub fn stat(&self, view: &View, path: &str) -> Result<EntryKind, FsError> {
        let comps = self.resolve(view, path, true)?;
        match self.entry(view, &comps) {
            Some(Entry::Dir) => Ok(EntryKind::Dir),
            Some(Entry::File(_)) => Ok(EntryKind::File),
            Some(Entry::Symlink(_)) => Ok(EntryKind::Symlink),
            None => Err(FsError::NotFound(path.into())),
        }
    }

    pub fn read(&self, view: &View, path: &str) -> Result<String, FsError> {
        let comps = self.resolve(view, path, true)?;
        match self.entry(view, &comps) {
            Some(Entry::File(c)) => Ok(c),
            Some(_) => Err(FsError::IsADirectory(path.into())),
            None => Err(FsError::NotFound(path.into())),
        }
    }

    /// Writes (or appends to) a file; its directory must exist, like `echo x > path`.
    pub fn write(
        &mut self,
        view: &View,
        path: &str,
        content: &str,
        append: bool,
    ) -> Result<(), FsError> {
        let comps = self.resolve(view, path, true)?;
        if comps.is_empty() {
            return Err(FsError::IsADirectory(path.into()));
        }
        self.require_parent_dir(view, &comps, path)?;
        let existing = self.entry(view, &comps);
        let new = match existing {
            Some(Entry::Dir) => return Err(FsError::IsADirectory(path.into())),
            Some(Entry::File(old)) if append => format!("{old}{content}"),
            _ => content.to_string(),
        };
        self.put(view, &comps, Entry::File(new), path)
    }

    pub fn mkdir(&mut self, view: &View, path: &str, parents: bool) -> Result<(), FsError> {
        if parents {
            let mut cur: Vec<String> = Vec::new();
            for c in components(path) {
                cur.push(c);
                match self.entry(view, &cur) {
                    Some(Entry::Dir) => {}
                    Some(Entry::Symlink(_)) => {
                        cur = self.resolve(view, &format!("/{}", cur.join("/")), true)?
                    }
                    Some(Entry::File(_)) => return Err(FsError::NotADirectory(path.into())),
                    None => self.put(view, &cur, Entry::Dir, path)?,
                }
            }
            return Ok(());
        }
        let comps = self.resolve(view, path, true)?;
        if self.entry(view, &comps).is_some() {
            return Err(FsError::AlreadyExists(path.into()));
        }
        self.require_parent_dir(view, &comps, path)?;
        self.put(view, &comps, Entry::Dir, path)
    }

    /// `ln -s target path`.
    pub fn symlink(&mut self, view: &View, target: &str, path: &str) -> Result<(), FsError> {
        let comps = self.resolve(view, path, false)?;
        if comps.is_empty() || self.entry(view, &comps).is_some() {
            return Err(FsError::AlreadyExists(path.into()));
        }
        self.require_parent_dir(view, &comps, path)?;
        self.put(view, &comps, Entry::Symlink(target.into()), path)
    }

    /// Lists a directory (sorted by name), or describes a single file.
    pub fn list(&self, view: &View, path: &str) -> Result<Vec<DirEntry>, FsError> {
        let comps = self.resolve(view, path, true)?;
        match self.entry(view, &comps) {
            None => Err(FsError::NotFound(path.into())),
            Some(Entry::Dir) => {
                let loc = view.locate(&comps);
                let mut out: BTreeMap<String, DirEntry> = BTreeMap::new();
                if let Some(t) = self.trees.get(loc.backing) {
                    for (name, e) in t.children(&loc.rel) {
                        out.insert(name.clone(), dir_entry(name, e));
                    }
                }
                // Mount points directly below this directory show up as directories.
                for m in &view.mounts {
                    let mc = components(&m.path);
                    if mc.len() == comps.len() + 1 && mc[..comps.len()] == comps[..] {
                        let name = mc[comps.len()].clone();
                        out.insert(
                            name.clone(),
                            DirEntry {
                                name,
                                kind: EntryKind::Dir,
                                size: 0,
                                target: None,
                            },
                        );
                    }
                }
                Ok(out.into_values().collect())
            }
            Some(e) => Ok(vec![dir_entry(
                comps.last().cloned().unwrap_or_default(),
                &e,
            )]),
        }
    }

    /// `rm` (files and links) or `rm -r` (also directories).
    pub fn remove(&mut self, view: &View, path: &str, recursive: bool) -> Result<(), FsError> {
        let comps = self.resolve(view, path, false)?;
        let loc = view.locate(&comps);
        if loc.rel.is_empty() {
            // A mount point (or /) cannot be removed from inside the container.
            return Err(FsError::InvalidArgument(path.into()));
        }
        if loc.read_only {
            return Err(FsError::ReadOnly(path.into()));
        }
        let backing = loc.backing.clone();
        let rel = loc.rel.clone();
        match self.entry(view, &comps) {
            None => Err(FsError::NotFound(path.into())),
            Some(Entry::Dir) if !recursive => Err(FsError::IsADirectory(path.into())),
            Some(_) => {
                if let Some(t) = self.trees.get_mut(&backing) {
                    t.remove_subtree(&rel);
                }
                Ok(())
            }
        }
    }

    /// `mv from to`; moving into an existing directory puts the entry inside it. Works across
    /// mounts (copy then delete, as `mv` does).
    pub fn rename(&mut self, view: &View, from: &str, to: &str) -> Result<(), FsError> {
        let src = self.resolve(view, from, false)?;
        if self.entry(view, &src).is_none() {
            return Err(FsError::NotFound(from.into()));
        }
        let mut dst = self.resolve(view, to, true)?;
        if let Some(Entry::Dir) = self.entry(view, &dst) {
            if let Some(name) = src.last() {
                dst.push(name.clone());
            }
        }
        if dst.len() >= src.len() && dst[..src.len()] == src[..] {
            return Err(FsError::InvalidArgument(to.into()));
        }
        self.require_parent_dir(view, &dst, to)?;
        let (sloc, dloc) = (view.locate(&src), view.locate(&dst));
        if sloc.rel.is_empty() {
            return Err(FsError::InvalidArgument(from.into()));
        }
        if sloc.read_only {
            return Err(FsError::ReadOnly(from.into()));
        }
        if dloc.read_only {
            return Err(FsError::ReadOnly(to.into()));
        }
        let (sb, srel, db, drel) = (
            sloc.backing.clone(),
            sloc.rel,
            dloc.backing.clone(),
            dloc.rel,
        );
        let moved = self
            .trees
            .get_mut(&sb)
            .map(|t| t.remove_subtree(&srel))
            .unwrap_or_default();
        if let Some(t) = self.trees.get_mut(&db) {
            t.remove_subtree(&drel);
        }
        let dest = self.trees.entry(db).or_default();
        for (k, e) in moved {
            let suffix = &k[srel.len()..];
            let key = if drel.is_empty() {
                suffix.trim_start_matches('/').to_string()
            } else {
                format!("{drel}{suffix}")
            };
            dest.put(&key, e, to)?;
        }
        Ok(())
    }

    fn require_parent_dir(
        &self,
        view: &View,
        comps: &[String],
        shown: &str,
    ) -> Result<(), FsError> {
        let parent = &comps[..comps.len().saturating_sub(1)];
        match self.entry(view, parent) {
            Some(Entry::Dir) => Ok(()),
            Some(_) => Err(FsError::NotADirectory(shown.into())),
            None => Err(FsError::NotFound(shown.into())),
        }
    }

    fn put(&mut self, view: &View, comps: &[String], e: Entry, shown: &str) -> Result<(), FsError> {
        let loc = view.locate(comps);
        if loc.read_only {
            return Err(FsError::ReadOnly(shown.into()));
        }
        if loc.rel.is_empty() {
            return Err(FsError::IsADirectory(shown.into()));
        }
        let (backing, rel) = (loc.backing.clone(), loc.rel);
        let replaced = self
            .trees
            .get(&backing)
            .and_then(|t| t.entries.get(&rel))
            .map_or(0, |old| entry_bytes(&rel, old));
        if self.total_bytes() - replaced + entry_bytes(&rel, &e) > MAX_TOTAL_BYTES {
            return Err(FsError::NoSpace(shown.into()));
        }
        self.trees.entry(backing).or_default().put(&rel, e, shown)
    }

    /// Bytes every tree holds together (bounded by `MAX_TOTAL_BYTES`).
    pub fn total_bytes(&self) -> usize {
        self.trees.values().map(Tree::bytes).sum()
    }
}

fn dir_entry(name: String, e: &Entry) -> DirEntry {
    match e {
        Entry::Dir => DirEntry {
            name,
            kind: EntryKind::Dir,
            size: 0,
            target: None,
        },
        Entry::File(c) => DirEntry {
            name,
            kind: EntryKind::File,
            size: c.len(),
            target: None,
        },
        Entry::Symlink(t) => DirEntry {
            name,
            kind: EntryKind::Symlink,
            size: t.len(),
            target: Some(t.clone()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> View {
        View {
            rootfs: Backing::Rootfs("u1".into(), "c".into()),
            mounts: vec![
                Mount {
                    path: "/data".into(),
                    backing: Backing::Volume("pv-1".into()),
                    read_only: false,
                },
                Mount {
                    path: "/cfg".into(),
                    backing: Backing::Volume("pv-2".into()),
                    read_only: true,
                },
            ],
        }
    }

    fn fs() -> Filesystems {
        let mut f = Filesystems::default();
        f.reset_rootfs(
            "u1",
            "c",
            Tree::from_files(&["/tmp"], &[("/etc/hostname", "web-0\n")]),
        );
        f
    }

    #[test]
    fn writes_land_on_the_mounted_volume_and_survive_the_pod() {
        let (mut f, v) = (fs(), view());
        f.write(&v, "/data/hostname", "web-0\n", false).unwrap();
        f.write(&v, "/data/hostname", "more\n", true).unwrap();
        f.drop_pod("u1");
        let v2 = View {
            rootfs: Backing::Rootfs("u2".into(), "c".into()),
            ..view()
        };
        assert_eq!(f.read(&v2, "/data/hostname").unwrap(), "web-0\nmore\n");
        assert_eq!(
            f.read(&v2, "/etc/hostname"),
            Err(FsError::NotFound("/etc/hostname".into()))
        );
        f.drop_volume("pv-1");
        assert!(f.read(&v2, "/data/hostname").is_err());
    }

    #[test]
    fn errors_match_the_shell() {
        let (mut f, v) = (fs(), view());
        assert_eq!(
            f.write(&v, "/nope/x", "1", false),
            Err(FsError::NotFound("/nope/x".into()))
        );
        assert_eq!(
            f.read(&v, "/tmp"),
            Err(FsError::IsADirectory("/tmp".into()))
        );
        assert_eq!(
            f.write(&v, "/cfg/x", "1", false),
            Err(FsError::ReadOnly("/cfg/x".into()))
        );
        assert_eq!(
            f.write(&v, "/etc/hostname/x", "1", false),
            Err(FsError::NotADirectory("/etc/hostname/x".into()))
        );
        assert_eq!(
            f.mkdir(&v, "/tmp", false),
            Err(FsError::AlreadyExists("/tmp".into()))
        );
        assert_eq!(
            FsError::NotFound("/x".into()).to_string(),
            "/x: No such file or directory"
        );
    }

    #[test]
    fn symlinks_rename_and_listing() {
        let (mut f, v) = (fs(), view());
        f.write(&v, "/data/hostname", "web-0", false).unwrap();
        f.symlink(&v, "/data/hostname", "/data/link").unwrap();
        assert_eq!(f.read(&v, "/data/link").unwrap(), "web-0");
        f.mkdir(&v, "/data/a/b", true).unwrap();
        f.rename(&v, "/data/hostname", "/data/a/b").unwrap();
        assert_eq!(f.read(&v, "/data/a/b/hostname").unwrap(), "web-0");
        assert_eq!(
            f.read(&v, "/data/link"),
            Err(FsError::NotFound("/data/link".into()))
        );
        let names: Vec<String> = f
            .list(&v, "/data")
            .unwrap()
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["a", "link"]);
        let root: Vec<String> = f
            .list(&v, "/")
            .unwrap()
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(root, ["cfg", "data", "etc", "tmp"]);
        f.rename(&v, "/data/a/b/hostname", "/tmp/h").unwrap();
        assert_eq!(f.read(&v, "/tmp/h").unwrap(), "web-0");
        assert_eq!(
            f.remove(&v, "/data/a", false),
            Err(FsError::IsADirectory("/data/a".into()))
        );
        f.remove(&v, "/data/a", true).unwrap();
        assert_eq!(
            f.stat(&v, "/data/a/b"),
            Err(FsError::NotFound("/data/a/b".into()))
        );
    }

    #[test]
    fn bounded() {
        let (mut f, v) = (fs(), view());
        let big = "x".repeat(MAX_FILE_BYTES + 1);
        assert_eq!(
            f.write(&v, "/tmp/big", &big, false),
            Err(FsError::NoSpace("/tmp/big".into()))
        );
        f.symlink(&v, "/tmp/loop", "/tmp/loop").unwrap();
        assert_eq!(
            f.read(&v, "/tmp/loop"),
            Err(FsError::TooManyLinks("/tmp/loop".into()))
        );
    }

    #[test]
    fn all_trees_together_hold_at_most_the_total() {
        let (mut f, v) = (fs(), view());
        let mb = "x".repeat(MAX_FILE_BYTES);
        let files = MAX_TOTAL_BYTES / MAX_FILE_BYTES;
        // Half on the container's own root filesystem, half on its claim's volume.
        for i in 0..files {
            let dir = if i % 2 == 0 { "/tmp" } else { "/data" };
            match f.write(&v, &format!("{dir}/f{i}"), &mb, false) {
                Ok(()) => {}
                Err(e) => {
                    assert_eq!(e, FsError::NoSpace(format!("{dir}/f{i}")));
                    assert!(
                        f.total_bytes() + MAX_FILE_BYTES > MAX_TOTAL_BYTES,
                        "refused early"
                    );
                    // Removing a file frees its bytes: the same write then succeeds.
                    f.remove(&v, "/tmp/f0", false).unwrap();
                    f.write(&v, &format!("{dir}/f{i}"), &mb, false).unwrap();
                    assert!(f.total_bytes() <= MAX_TOTAL_BYTES);
                    // Overwriting a file in place costs only the difference.
                    f.write(&v, "/tmp/f2", "small", false).unwrap();
                    f.write(&v, "/tmp/f2", &mb, false).unwrap();
                    return;
                }
            }
        }
        panic!(
            "{files} files of 1 MiB were all accepted: {} bytes",
            f.total_bytes()
        );
    }
}
