//! The CLI's file reader: the disk, with relative paths resolved against the script's directory
//! (as a shell started there would), bounded in size.

use ordinal_kubectl::input::files::MAX_FILE_BYTES;
use ordinal_kubectl::{FileError, Files, Node};
use std::io::{ErrorKind, Read};
use std::path::{Path, PathBuf};

pub struct DiskFiles {
    /// The directory relative paths start from.
    pub base: PathBuf,
}

impl DiskFiles {
    fn resolve(&self, path: &str) -> PathBuf {
        let p = Path::new(path);
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            self.base.join(p)
        }
    }
}

fn io_error(e: std::io::Error, path: &str) -> FileError {
    match e.kind() {
        ErrorKind::NotFound => FileError::NotFound,
        ErrorKind::PermissionDenied => FileError::Other(format!("open {path}: permission denied")),
        _ => FileError::Other(format!("open {path}: {e}")),
    }
}

impl Files for DiskFiles {
    fn open(&self, path: &str) -> Result<Node, FileError> {
        let full = self.resolve(path);
        let meta = std::fs::metadata(&full).map_err(|e| io_error(e, path))?;
        if meta.is_dir() {
            let mut entries = Vec::new();
            for e in std::fs::read_dir(&full).map_err(|e| io_error(e, path))? {
                let e = e.map_err(|e| io_error(e, path))?;
                let dir = std::fs::metadata(e.path()).is_ok_and(|m| m.is_dir());
                entries.push((e.file_name().to_string_lossy().into_owned(), dir));
            }
            return Ok(Node::Dir(entries));
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(FileError::TooLarge { size: meta.len() });
        }
        // A device or pipe reports no size (`/dev/zero`): the read itself is bounded too.
        let file = std::fs::File::open(&full).map_err(|e| io_error(e, path))?;
        let bytes = read_bounded(file)
            .map_err(|e| io_error(e, path))?
            .ok_or_else(|| FileError::Other(too_large()))?;
        String::from_utf8(bytes)
            .map(Node::File)
            .map_err(|_| FileError::Other(format!("{path}: not UTF-8 text")))
    }
}

/// Reads at most `MAX_FILE_BYTES`; `None` when there is more.
pub fn read_bounded(r: impl Read) -> std::io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    r.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= MAX_FILE_BYTES).then_some(bytes))
}

/// The message for a stream past the bound, whose size is unknown.
pub fn too_large() -> String {
    format!("file is larger than the {MAX_FILE_BYTES}-byte limit")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_relative_to_the_base_and_absolute_paths() {
        let dir = std::env::temp_dir().join(format!("ordinal-files-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("sub/a.yaml"), "kind: A\n").unwrap();
        std::fs::write(
            dir.join("big.yaml"),
            "#".repeat(MAX_FILE_BYTES as usize + 1),
        )
        .unwrap();
        let f = DiskFiles { base: dir.clone() };
        assert_eq!(f.open("sub/a.yaml"), Ok(Node::File("kind: A\n".into())));
        let abs = dir.join("sub/a.yaml").to_string_lossy().into_owned();
        assert_eq!(f.open(&abs), Ok(Node::File("kind: A\n".into())));
        assert_eq!(f.open("sub"), Ok(Node::Dir(vec![("a.yaml".into(), false)])));
        assert_eq!(f.open("nope.yaml"), Err(FileError::NotFound));
        assert_eq!(
            f.open("big.yaml"),
            Err(FileError::TooLarge {
                size: MAX_FILE_BYTES + 1
            })
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn devices_without_a_size_are_read_only_up_to_the_bound() {
        let f = DiskFiles { base: "/".into() };
        assert_eq!(
            f.open("/dev/zero"),
            Err(FileError::Other(
                "file is larger than the 1048576-byte limit".into()
            ))
        );
    }
}
