//! The write stage: build into a temporary folder beside the destination, then swap it in,
//! so a failed build never leaves a half-written site.

use crate::render::pages::OutputFile;
use rayon::prelude::*;
use std::io;
use std::path::{Path, PathBuf};

/// Assets copied from the content folder: (absolute source, path in the site).
pub type Asset = (PathBuf, String);

/// Writes the site. With `background_cleanup` the replaced tree is deleted on another thread
/// (the preview server uses it, so a reload does not wait for the deletion).
pub fn write_site(
    dest: &Path,
    files: &[OutputFile],
    assets: &[Asset],
    background_cleanup: bool,
) -> io::Result<()> {
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
    let tmp = parent.join(format!(".{name}.tmp-{pid}"));
    static SWAPS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = SWAPS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let old = parent.join(format!(".{name}.old-{pid}-{n}"));
    let _ = std::fs::remove_dir_all(&tmp);
    let result = (|| {
        std::fs::create_dir_all(&tmp)?;
        // Create folders first (sequentially), then write files in parallel.
        let mut dirs: Vec<PathBuf> = files
            .iter()
            .map(|(p, _)| p.as_str())
            .chain(assets.iter().map(|a| a.1.as_str()))
            .filter_map(|p| Path::new(p).parent().map(Path::to_path_buf))
            .collect();
        dirs.sort();
        dirs.dedup();
        for d in dirs {
            std::fs::create_dir_all(tmp.join(d))?;
        }
        files
            .par_iter()
            .try_for_each(|(p, bytes)| std::fs::write(tmp.join(p), bytes))?;
        assets
            .par_iter()
            .try_for_each(|(src, p)| std::fs::copy(src, tmp.join(p)).map(|_| ()))?;
        Ok::<(), io::Error>(())
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    // Swap: the old site stays whole until the new one is complete.
    let had_old = dest.exists();
    if had_old {
        let _ = std::fs::remove_dir_all(&old);
        std::fs::rename(dest, &old)?;
    }
    if let Err(e) = std::fs::rename(&tmp, dest) {
        if had_old {
            let _ = std::fs::rename(&old, dest);
        }
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    if had_old {
        // Removing the old tree can be slow; it no longer matters to readers.
        if background_cleanup {
            std::thread::spawn(move || std::fs::remove_dir_all(&old));
        } else {
            let _ = std::fs::remove_dir_all(&old);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
