//! The write stage: build into a temporary folder beside the destination, then swap it in,
//! so a failed build never leaves a half-written site.

use crate::render::pages::OutputFile;
use rayon::prelude::*;
use std::io;
use std::path::{Path, PathBuf};

/// Assets copied from the content folder: (absolute source, path in the site).
pub type Asset = (PathBuf, String);

/// A site being written: files go into a temporary folder beside the destination, which
/// [`Staging::commit`] swaps in whole. Dropped without a commit, the temporary folder is
/// removed and the destination is untouched. [`Staging::write`] may be called from several
/// threads at once (the build writes pages while the search index is still being encoded).
pub struct Staging {
    dest: PathBuf,
    tmp: PathBuf,
    old: PathBuf,
    committed: bool,
}

impl Staging {
    pub fn new(dest: &Path) -> io::Result<Staging> {
        let parent = match dest.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent)?;
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "site".into());
        let pid = std::process::id();
        static SWAPS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = SWAPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = parent.join(format!(".{name}.tmp-{pid}-{n}"));
        let old = parent.join(format!(".{name}.old-{pid}-{n}"));
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir_all(&tmp)?;
        Ok(Staging {
            dest: dest.to_path_buf(),
            tmp,
            old,
            committed: false,
        })
    }

    /// Writes files and copies assets into the staged site, in parallel.
    pub fn write(&self, files: &[OutputFile], assets: &[Asset]) -> io::Result<()> {
        // Folders first (create_dir_all tolerates another writer creating the same one).
        let mut dirs: Vec<&Path> = files
            .iter()
            .map(|(p, _)| p.as_str())
            .chain(assets.iter().map(|a| a.1.as_str()))
            .filter_map(|p| Path::new(p).parent())
            .collect();
        dirs.sort_unstable();
        dirs.dedup();
        for d in dirs {
            std::fs::create_dir_all(self.tmp.join(d))?;
        }
        files
            .par_iter()
            .try_for_each(|(p, bytes)| std::fs::write(self.tmp.join(p), bytes))?;
        assets
            .par_iter()
            .try_for_each(|(src, p)| std::fs::copy(src, self.tmp.join(p)).map(|_| ()))
    }

    /// Swaps the staged site in: the old site stays whole until the new one is complete. With
    /// `background_cleanup` the replaced tree is deleted on another thread (the preview server
    /// uses it, so a reload does not wait for the deletion).
    pub fn commit(mut self, background_cleanup: bool) -> io::Result<()> {
        let had_old = self.dest.exists();
        if had_old {
            let _ = std::fs::remove_dir_all(&self.old);
            std::fs::rename(&self.dest, &self.old)?;
        }
        if let Err(e) = std::fs::rename(&self.tmp, &self.dest) {
            if had_old {
                let _ = std::fs::rename(&self.old, &self.dest);
            }
            return Err(e);
        }
        self.committed = true;
        if had_old {
            // Removing the old tree can be slow; it no longer matters to readers.
            let old = std::mem::take(&mut self.old);
            if background_cleanup {
                std::thread::spawn(move || std::fs::remove_dir_all(&old));
            } else {
                let _ = remove_tree(&old);
            }
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Removes a folder and everything in it, the entries two levels down in parallel: a large
/// site is tens of thousands of files in a few folders, and unlinking is CPU work in the kernel
/// that one thread does at half the speed of two. Links are removed, never followed.
pub fn remove_tree(root: &Path) -> io::Result<()> {
    let mut entries: Vec<(PathBuf, bool)> = Vec::new();
    for e in std::fs::read_dir(root)? {
        let e = e?;
        if e.file_type()?.is_dir() {
            for c in std::fs::read_dir(e.path())? {
                let c = c?;
                entries.push((c.path(), c.file_type()?.is_dir()));
            }
        }
    }
    entries.par_iter().try_for_each(|(p, is_dir)| {
        if *is_dir {
            std::fs::remove_dir_all(p)
        } else {
            std::fs::remove_file(p)
        }
    })?;
    std::fs::remove_dir_all(root)
}

/// Writes a whole site atomically (see [`Staging`]).
pub fn write_site(
    dest: &Path,
    files: &[OutputFile],
    assets: &[Asset],
    background_cleanup: bool,
) -> io::Result<()> {
    let stage = Staging::new(dest)?;
    stage.write(files, assets)?;
    stage.commit(background_cleanup)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_a_tree_with_files_folders_and_links() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path().join("old");
        for p in ["a.html", "d/b.html", "d/e/c.html", "f/g/h/i.html"] {
            std::fs::create_dir_all(root.join(p).parent().unwrap()).unwrap();
            std::fs::write(root.join(p), b"x").unwrap();
        }
        std::fs::create_dir_all(root.join("empty/inner")).unwrap();
        let outside = t.path().join("keep.txt");
        std::fs::write(&outside, b"keep").unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(&outside, root.join("d/link")).unwrap();
            std::os::unix::fs::symlink(t.path(), root.join("dirlink")).unwrap();
            std::os::unix::fs::symlink(t.path(), root.join("d/dirlink")).unwrap();
        }
        remove_tree(&root).unwrap();
        assert!(!root.exists());
        assert_eq!(std::fs::read(&outside).unwrap(), b"keep");
    }

    #[test]
    fn swaps_in_complete_site() {
        let t = tempfile::tempdir().unwrap();
        let dest = t.path().join("site");
        write_site(&dest, &[("a/index.html".into(), b"1".to_vec())], &[], false).unwrap();
        write_site(&dest, &[("b/index.html".into(), b"2".to_vec())], &[], false).unwrap();
        assert!(!dest.join("a/index.html").exists());
        assert_eq!(std::fs::read(dest.join("b/index.html")).unwrap(), b"2");
        let leftovers: Vec<_> = std::fs::read_dir(t.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
    }

    #[test]
    fn an_abandoned_staging_leaves_the_old_site_and_no_temporary_folder() {
        let t = tempfile::tempdir().unwrap();
        let dest = t.path().join("site");
        write_site(&dest, &[("a/index.html".into(), b"1".to_vec())], &[], false).unwrap();
        {
            let stage = Staging::new(&dest).unwrap();
            stage
                .write(&[("b/index.html".into(), b"2".to_vec())], &[])
                .unwrap();
        }
        assert_eq!(std::fs::read(dest.join("a/index.html")).unwrap(), b"1");
        let leftovers: Vec<_> = std::fs::read_dir(t.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
    }
}

/// What the site folder holds, as last written by [`write_changed`]: path -> content hash,
/// and for assets the source's size and modification time.
#[derive(Debug, Default)]
pub struct Written {
    files: std::collections::HashMap<String, u64>,
    assets: std::collections::HashMap<String, (u64, Option<std::time::SystemTime>)>,
}

impl Written {
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// A fast content hash, for noticing changed files within one process.
pub(crate) fn hash_bytes(b: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(b);
    h.write_usize(b.len());
    h.finish()
}

fn stamp(src: &Path) -> (u64, Option<std::time::SystemTime>) {
    std::fs::metadata(src).map_or((0, None), |m| (m.len(), m.modified().ok()))
}

/// Records a site written whole by [`write_site`], so later edits can use [`write_changed`].
pub fn remember(files: &[OutputFile], assets: &[Asset], written: &mut Written) {
    written.files = files
        .par_iter()
        .map(|(p, b)| (p.clone(), hash_bytes(b)))
        .collect();
    written.assets = assets.iter().map(|(s, p)| (p.clone(), stamp(s))).collect();
}

/// The preview server's write: only the files whose bytes changed are replaced, each by a
/// rename so a reader never sees half a file; files no longer produced are removed.
/// Returns how many files were written or removed.
pub fn write_changed(
    dest: &Path,
    files: &[OutputFile],
    assets: &[Asset],
    written: &mut Written,
) -> io::Result<usize> {
    let hashes: Vec<u64> = files.par_iter().map(|(_, b)| hash_bytes(b)).collect();
    let changed: Vec<usize> = (0..files.len())
        .filter(|&i| written.files.get(&files[i].0) != Some(&hashes[i]))
        .collect();
    let replace = |rel: &str, write: &dyn Fn(&Path) -> io::Result<()>| -> io::Result<()> {
        let target = dest.join(rel);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let tmp = target.with_file_name(format!(
            ".{}.tmp",
            target
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        ));
        write(&tmp)?;
        std::fs::rename(&tmp, &target)
    };
    changed
        .par_iter()
        .try_for_each(|&i| replace(&files[i].0, &|t: &Path| std::fs::write(t, &files[i].1)))?;
    let mut count = changed.len();
    let mut new_assets = std::collections::HashMap::new();
    for (src, rel) in assets {
        let s = stamp(src);
        if written.assets.get(rel) != Some(&s) {
            replace(rel, &|t: &Path| std::fs::copy(src, t).map(|_| ()))?;
            count += 1;
        }
        new_assets.insert(rel.clone(), s);
    }
    let mut new_files = std::collections::HashMap::with_capacity(files.len());
    for (i, (p, _)) in files.iter().enumerate() {
        new_files.insert(p.clone(), hashes[i]);
    }
    for old in written.files.keys().chain(written.assets.keys()) {
        if !new_files.contains_key(old) && !new_assets.contains_key(old) {
            let _ = std::fs::remove_file(dest.join(old));
            count += 1;
        }
    }
    written.files = new_files;
    written.assets = new_assets;
    Ok(count)
}

#[cfg(test)]
mod incremental_tests {
    use super::*;

    #[test]
    fn writes_only_what_changed_and_removes_what_is_gone() {
        let t = tempfile::tempdir().unwrap();
        let dest = t.path().join("site");
        let v1: Vec<OutputFile> = vec![
            ("a/index.html".into(), b"1".to_vec()),
            ("b/index.html".into(), b"2".to_vec()),
        ];
        write_site(&dest, &v1, &[], false).unwrap();
        let mut w = Written::default();
        remember(&v1, &[], &mut w);
        let v2: Vec<OutputFile> = vec![
            ("a/index.html".into(), b"1".to_vec()),
            ("c/index.html".into(), b"3".to_vec()),
        ];
        assert_eq!(write_changed(&dest, &v2, &[], &mut w).unwrap(), 2);
        assert!(!dest.join("b/index.html").exists());
        assert_eq!(std::fs::read(dest.join("c/index.html")).unwrap(), b"3");
        assert_eq!(write_changed(&dest, &v2, &[], &mut w).unwrap(), 0);
    }
}
