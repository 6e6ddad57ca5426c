//! The write stage: build into a temporary folder beside the destination, then swap it in,
//! so a failed build never leaves a half-written site.

use crate::render::pages::OutputFile;
use rayon::prelude::*;
use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

/// Assets copied from the content folder: (absolute source, path in the site).
pub type Asset = (PathBuf, String);

/// A site being written: files go into a temporary folder beside the destination, which
/// [`Staging::commit`] swaps in whole. Dropped without a commit, the destination is untouched.
/// [`Staging::write`] may be called from several threads at once (the build writes pages while
/// the search index is still being encoded).
///
/// The site replaced by a commit is kept beside the destination as `.{name}.spare`, and the
/// next build writes into it instead of a new folder: its files are overwritten in place and
/// those the new site does not have are removed. Creating and deleting every file of a large
/// site on each build was most of the kernel's share of a build, and on ext4 a build right
/// after another one slowed down run after run (a file system allocating new inodes skips the
/// ones deleted in the last half minute): 10,000 pages rebuilt on disk in 6.7–7.9 s, now 2.4–2.7.
pub struct Staging {
    dest: PathBuf,
    tmp: PathBuf,
    old: PathBuf,
    spare: PathBuf,
    /// `[build] keep-previous`: keep the replaced site as the spare and write into it.
    keep: bool,
    /// What the reused spare held before this build's files were written: its files and its
    /// folders (relative, `/`-separated). `None` when the staging folder started empty.
    leftover: Option<(HashSet<String>, Vec<String>)>,
    /// A claimed spare not listed yet ([`Staging::list_spare`]).
    unlisted: bool,
    /// Every path written, when there is a leftover to sweep at commit.
    written: Mutex<Vec<String>>,
    committed: bool,
    /// A write failed for want of disk space: the half-written folder is not kept as the
    /// spare (it would hold the disk full), it is removed.
    disk_full: AtomicBool,
}

/// Files and assets that several threads write into a [`Staging`] together, each claiming a
/// few at a time ([`Staging::batch`], [`Staging::help`]). It owns them, so that whichever
/// thread is the last to let go of it frees their bytes.
pub struct Batch {
    files: Vec<OutputFile>,
    assets: Vec<Asset>,
    next: AtomicUsize,
    failed: AtomicBool,
}

impl Batch {
    /// Files claimed at a time: few enough that the threads finish together, enough that
    /// they do not contend for the counter.
    const CLAIM: usize = 8;
}

impl Staging {
    pub fn new(dest: &Path, keep_previous: bool) -> io::Result<Staging> {
        let mut stage = Staging::claim(dest, keep_previous)?;
        stage.list_spare()?;
        Ok(stage)
    }

    /// The quick half of [`Staging::new`]: makes the staging folder, or claims the spare as it
    /// (one rename: two builds at once cannot both get it), without listing what the spare
    /// holds yet ([`Staging::list_spare`] must follow before anything is written). A folder
    /// that cannot be made fails here, before the build spends seconds on its search index.
    pub fn claim(dest: &Path, keep_previous: bool) -> io::Result<Staging> {
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
        static SWAPS: AtomicUsize = AtomicUsize::new(0);
        let n = SWAPS.fetch_add(1, Ordering::Relaxed);
        let tmp = parent.join(format!(".{name}.tmp-{pid}-{n}"));
        let old = parent.join(format!(".{name}.old-{pid}-{n}"));
        let spare = parent.join(spare_name(&name));
        let _ = std::fs::remove_dir_all(&tmp);
        sweep_abandoned(&parent, &name, dest, &spare, keep_previous);
        let mut claimed = keep_previous && std::fs::rename(&spare, &tmp).is_ok();
        if claimed && !writable(&tmp) {
            // A spare this user cannot write in (a site once built with sudo, or a read-only
            // site that `serve` moved aside): put back, and this build made afresh.
            let _ = std::fs::rename(&tmp, &spare);
            eprintln!(
                "{}",
                t!(
                    "warning: {}: cannot write in this folder (made by another user, or read-only?); building into a new folder instead\n  = help: delete it (sudo rm -r {}) to make rebuilds fast again",
                    "警告: {}: 无法写入这个文件夹（是别的用户建的，或者是只读的？）；改为生成到一个新文件夹\n  = 提示: 删掉它（sudo rm -r {}），重新生成就又快了",
                    spare.display(),
                    spare.display()
                )
            );
            claimed = false;
        }
        if !claimed {
            std::fs::create_dir_all(&tmp)?;
        }
        Ok(Staging {
            dest: dest.to_path_buf(),
            tmp,
            old,
            spare,
            keep: keep_previous,
            leftover: None,
            unlisted: claimed,
            written: Mutex::new(Vec::new()),
            committed: false,
            disk_full: AtomicBool::new(false),
        })
    }

    /// Lists what a claimed spare holds (every folder read: the slow half of making a
    /// staging folder, done beside the index's encoding). A spare that cannot be listed is
    /// emptied instead.
    pub fn list_spare(&mut self) -> io::Result<()> {
        if !std::mem::take(&mut self.unlisted) {
            return Ok(());
        }
        match scan_spare(&self.tmp) {
            Ok(l) => self.leftover = Some(l),
            Err(_) => {
                let _ = std::fs::remove_dir_all(&self.tmp);
                std::fs::create_dir_all(&self.tmp)?;
            }
        }
        Ok(())
    }

    /// Writes files and copies assets into the staged site, in parallel.
    pub fn write(&self, files: &[OutputFile], assets: &[Asset]) -> io::Result<()> {
        self.prepare(files, assets)?;
        files.par_iter().try_for_each(|f| self.write_file(f))?;
        assets.par_iter().try_for_each(|a| self.copy_asset(a))
    }

    /// Makes the folders of a set of files and takes them over as a [`Batch`] that any number
    /// of threads may then write together with [`Staging::help`]: the build starts writing the
    /// pages on a thread of its own beside the search index's encoding, and the thread pool
    /// joins in once the encoding is done (on a disk, one thread writes 10,000 pages more
    /// slowly than two encode the index).
    pub fn batch(&self, files: Vec<OutputFile>, assets: Vec<Asset>) -> io::Result<Batch> {
        self.prepare(&files, &assets)?;
        Ok(Batch {
            files,
            assets,
            next: AtomicUsize::new(0),
            failed: AtomicBool::new(false),
        })
    }

    /// Writes the batch's files until none is left unclaimed (or a writer failed: the first
    /// error is returned by the thread that met it, the others stop).
    pub fn help(&self, batch: &Batch) -> io::Result<()> {
        let (files, assets) = (batch.files.len(), batch.assets.len());
        loop {
            if batch.failed.load(Ordering::Relaxed) {
                return Ok(());
            }
            let start = batch.next.fetch_add(Batch::CLAIM, Ordering::Relaxed);
            if start >= files + assets {
                return Ok(());
            }
            for i in start..(start + Batch::CLAIM).min(files + assets) {
                let done = match i.checked_sub(files) {
                    None => self.write_file(&batch.files[i]),
                    Some(a) => self.copy_asset(&batch.assets[a]),
                };
                if done.is_err() {
                    batch.failed.store(true, Ordering::Relaxed);
                    return done;
                }
            }
        }
    }

    /// Folders first (create_dir_all tolerates another writer creating the same one), and
    /// the paths noted when a reused spare is to be swept at commit.
    fn prepare(&self, files: &[OutputFile], assets: &[Asset]) -> io::Result<()> {
        let mut dirs: Vec<&Path> = files
            .iter()
            .map(|(p, _)| p.as_str())
            .chain(assets.iter().map(|a| a.1.as_str()))
            .filter_map(|p| Path::new(p).parent())
            .collect();
        dirs.sort_unstable();
        dirs.dedup();
        for d in dirs {
            self.make_dir(d)?;
        }
        if self.leftover.is_some() {
            let mut w = self.written.lock().unwrap_or_else(|e| e.into_inner());
            w.extend(files.iter().map(|f| f.0.clone()));
            w.extend(assets.iter().map(|a| a.1.clone()));
        }
        Ok(())
    }

    fn write_file(&self, (p, bytes): &OutputFile) -> io::Result<()> {
        if !self.unchanged(p, bytes) {
            self.replace(p, |t| std::fs::write(t, bytes))?;
        }
        self.keep_time(p, |live| live == bytes.as_slice(), bytes.len() as u64);
        Ok(())
    }

    fn copy_asset(&self, (src, p): &Asset) -> io::Result<()> {
        self.unshare(p);
        match self.replace(p, |t| std::fs::copy(src, t).map(|_| ())) {
            // Gone since the content was read (a file an editor or a program makes for a
            // moment, `flow.png` saved through a temporary name): left out. Under `serve` its
            // removal is a change, and the next build sees the folder as it is.
            Err(e) if e.kind() == io::ErrorKind::NotFound && !src.exists() => return Ok(()),
            r => r?,
        }
        let len = std::fs::metadata(src).map_or(u64::MAX, |m| m.len());
        self.keep_time(p, |live| std::fs::read(src).is_ok_and(|b| b == live), len);
        Ok(())
    }

    /// Gives the staged file at `rel` the live site's modification time when the live site has
    /// it with the same bytes (`same`, asked only when the sizes agree): from build to build a
    /// file that did not change keeps its time, so `rsync -a` (which compares sizes and
    /// times), `robocopy /MIR` and a web server's validator (nginx's ETag: time and size) see
    /// it unchanged and a browser's cached copy stays good. Without it a reused spare's files
    /// had the time of two builds ago and the rest the build's: every file changed every time.
    fn keep_time(&self, rel: &str, same: impl Fn(&[u8]) -> bool, len: u64) {
        let live = self.dest.join(rel);
        let Ok(m) = std::fs::metadata(&live) else {
            return;
        };
        let Ok(time) = m.modified() else {
            return;
        };
        if !m.is_file() || m.len() != len {
            return;
        }
        let staged = self.tmp.join(rel);
        // (A file with other hard links, a live copy made with `cp -al`, is not touched.)
        match std::fs::metadata(&staged) {
            Ok(s) if s.modified().is_ok_and(|t| t == time) || shared(&s) => return,
            Err(_) => return,
            Ok(_) => {}
        }
        if !std::fs::read(&live).is_ok_and(|b| same(&b)) {
            return;
        }
        if let Ok(f) = std::fs::File::options().write(true).open(&staged) {
            let _ = f.set_modified(time);
        }
    }

    /// Whether a reused spare already holds exactly these bytes at `rel`: then the file is left
    /// as it is (reading it is cheaper than writing it: no new pages for the file system to
    /// fill, nothing to write back to disk). (The spare is the site of two builds ago: its
    /// time is then the live site's, [`Staging::keep_time`].)
    fn unchanged(&self, rel: &str, bytes: &[u8]) -> bool {
        use std::io::Read;
        if !self.held(rel) {
            return false;
        }
        let path = self.tmp.join(rel);
        let Ok(mut f) = std::fs::File::open(&path) else {
            return false;
        };
        let Ok(m) = f.metadata() else {
            return false;
        };
        let same = m.is_file() && m.len() == bytes.len() as u64 && {
            let mut old = Vec::with_capacity(bytes.len());
            f.read_to_end(&mut old).is_ok() && old == bytes
        };
        // A file with other hard links is not written through (see [`shared`]): removed, it
        // is written anew.
        if !same && m.is_file() && shared(&m) {
            let _ = std::fs::remove_file(&path);
        }
        same
    }

    /// Before a copy into a reused spare: a file there with other hard links is removed (see
    /// [`shared`]), so that the copy makes a file of its own.
    fn unshare(&self, rel: &str) {
        if !self.held(rel) {
            return;
        }
        let path = self.tmp.join(rel);
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_file() && shared(&m)) {
            let _ = std::fs::remove_file(&path);
        }
    }

    /// Whether the reused spare held a file at `rel` before this build.
    fn held(&self, rel: &str) -> bool {
        self.leftover
            .as_ref()
            .is_some_and(|(files, _)| files.contains(rel))
    }

    /// Creates a folder of the staged site; in a reused spare, a file where the folder (or one
    /// of its parents) must be is removed first.
    fn make_dir(&self, rel: &Path) -> io::Result<()> {
        let target = self.tmp.join(rel);
        if std::fs::create_dir_all(&target).is_ok() {
            return Ok(());
        }
        let mut at = self.tmp.clone();
        for c in rel.components() {
            at.push(c);
            if std::fs::symlink_metadata(&at).is_ok_and(|m| !m.is_dir()) {
                std::fs::remove_file(&at)?;
            }
        }
        std::fs::create_dir_all(&target)
    }

    /// Writes one file of the staged site; in a reused spare, a folder where the file must be
    /// is removed first.
    fn replace(&self, rel: &str, write: impl Fn(&Path) -> io::Result<()>) -> io::Result<()> {
        let target = self.tmp.join(rel);
        let r = match write(&target) {
            Err(e) if self.leftover.is_some() && target.is_dir() => {
                std::fs::remove_dir_all(&target).map_err(|_| e)?;
                write(&target)
            }
            r => r,
        };
        if let Err(e) = &r {
            if matches!(
                e.kind(),
                io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded
            ) {
                self.disk_full.store(true, Ordering::Relaxed);
            }
        }
        r
    }

    /// Swaps the staged site in: the old site stays whole until the new one is complete. The
    /// replaced site becomes the spare the next build writes into (or is deleted, if a spare
    /// is already there).
    pub fn commit(mut self, background_cleanup: bool) -> io::Result<()> {
        if let Some((files, dirs)) = self.leftover.take() {
            let written =
                std::mem::take(&mut *self.written.lock().unwrap_or_else(|e| e.into_inner()));
            sweep(&self.tmp, files, dirs, &written)?;
        }
        let had_old = self.dest.exists();
        if had_old {
            keep_access(&self.dest, &self.tmp);
            let _ = std::fs::remove_dir_all(&self.old);
        }
        if had_old && exchange(&self.tmp, &self.dest) {
            // (The old site is where the new one was staged: out of the way, as the old one.)
            if std::fs::rename(&self.tmp, &self.old).is_err() {
                self.old = self.tmp.clone();
            }
        } else {
            if had_old {
                std::fs::rename(&self.dest, &self.old)?;
            }
            if let Err(e) = std::fs::rename(&self.tmp, &self.dest) {
                if had_old {
                    let _ = std::fs::rename(&self.old, &self.dest);
                }
                return Err(e);
            }
        }
        self.committed = true;
        if !self.keep {
            // (A spare from when it was on is not wanted either.)
            let _ = remove_tree(&self.spare);
        }
        let kept = had_old && self.keep && std::fs::rename(&self.old, &self.spare).is_ok();
        if kept {
            retire(&self.spare, &self.dest);
        }
        if had_old && !kept {
            let old = std::mem::take(&mut self.old);
            if background_cleanup {
                std::thread::spawn(move || remove_tree(&old));
            } else {
                let _ = remove_tree(&old);
            }
        }
        Ok(())
    }
}

/// Swaps folders `a` and `b` in one step, so that a web server reading `b` never finds it
/// missing (the two renames otherwise leave a moment without it, IT audit): Linux's
/// `renameat2(RENAME_EXCHANGE)` (kernel 3.15; ext4, xfs, btrfs, tmpfs …). False where the
/// system or its file system cannot (an older kernel, some network shares): nothing moved.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use std::os::unix::ffi::OsStrExt;
    let (Ok(a), Ok(b)) = (
        std::ffi::CString::new(a.as_os_str().as_bytes()),
        std::ffi::CString::new(b.as_os_str().as_bytes()),
    ) else {
        return false;
    };
    // SAFETY: two NUL-terminated paths that live across the call; the system call reads them
    // and nothing else (by the raw number, so no glibc version is required).
    let r = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    r == 0
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

impl Drop for Staging {
    fn drop(&mut self) {
        // An abandoned staging folder is as good a spare as any (the next build sweeps it);
        // but for a first build's, beside no site: a failed build that "wrote nothing" left a
        // hidden folder of half a site (IT admin review).
        if self.committed {
            return;
        }
        let full = self.disk_full.load(Ordering::Relaxed);
        let first = !self.dest.is_dir();
        if full || first || !(self.keep && std::fs::rename(&self.tmp, &self.spare).is_ok()) {
            let _ = std::fs::remove_dir_all(&self.tmp);
        } else {
            retire(&self.spare, &self.dest);
        }
    }
}

/// The published folder's access, kept (IT audit H2). The new site is a new folder (or the
/// spare), its files made with the build's user, group and umask: an operator who had given
/// the web server's group read access (`chgrp -R www-data site; chmod -R g+rX,o-rwx site`), or
/// who builds with a hardened umask (027), found every page unreadable to the web server after
/// the next monthly build. The new site's folder takes the old one's mode (setgid included)
/// and group, and each file and folder in it the read (folders: and search) bits for group
/// and others that the old folder had, and its group. Only walked when something differs
/// (a build with umask 022 into a folder of its own user's changes nothing). Best effort:
/// what the user may not change is left as it is.
#[cfg(unix)]
fn keep_access(old: &Path, new: &Path) {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let (Ok(o), Ok(n)) = (std::fs::metadata(old), std::fs::metadata(new)) else {
        return;
    };
    let (mode, gid) = (o.mode() & 0o7777, o.gid());
    let (want_dir, want_file) = (mode & 0o055, mode & 0o044);
    // What a file and a folder made now get (the umask, the group), tried: a spare reused as
    // the new site holds files of earlier builds beside the ones made now.
    let probe = new.join(".handbook-access-probe");
    let fresh = std::fs::create_dir(&probe).ok().and_then(|()| {
        let dir = std::fs::metadata(&probe).ok()?.mode();
        let file = probe.join("f");
        std::fs::write(&file, b"").ok()?;
        let f = std::fs::metadata(&file).ok()?;
        Some((dir, f.mode(), f.gid()))
    });
    let _ = std::fs::remove_dir_all(&probe);
    let short = |(d, f, g): (u32, u32, u32)| {
        d & want_dir != want_dir || f & want_file != want_file || g != gid
    };
    let regroup = n.gid() != gid;
    if regroup || fresh.is_none_or(short) {
        for e in walkdir::WalkDir::new(new)
            .min_depth(1)
            .into_iter()
            .flatten()
        {
            let Ok(m) = e.path().symlink_metadata() else {
                continue;
            };
            if m.file_type().is_symlink() {
                continue;
            }
            if m.gid() != gid {
                let _ = std::os::unix::fs::lchown(e.path(), None, Some(gid));
            }
            let want = if m.is_dir() { want_dir } else { want_file };
            let has = m.mode() & 0o7777;
            if has & want != want {
                let _ =
                    std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(has | want));
            }
        }
    }
    if regroup {
        let _ = std::os::unix::fs::lchown(new, None, Some(gid));
    }
    if n.mode() & 0o7777 != mode {
        let _ = std::fs::set_permissions(new, std::fs::Permissions::from_mode(mode));
    }
}

#[cfg(not(unix))]
fn keep_access(_old: &Path, _new: &Path) {}

/// Marks the spare's pages as an old copy: on a shared drive (or in a web root) the folder is
/// in plain sight, and its pages, opened there, showed the old time limits with nothing to say
/// so. Its `nav.js` (read by every page) gets `"build":"retired"`, the current site's folder
/// name, its own (`.site.spare`) and the build it was, so each page opened there says at its
/// top that it is an old copy, with a link to the current site (handbook.js, `setupStalePage`),
/// and a rollback (the spare renamed into the site's place) is the current site again. The
/// next build writes `nav.js` whole again.
fn retire(spare: &Path, dest: &Path) {
    let nav = spare.join("nav.js");
    let Some(name) = dest.file_name().and_then(|n| n.to_str()) else {
        return;
    };
    let Ok(text) = std::fs::read_to_string(&nav) else {
        return;
    };
    const KEY: &str = "\"build\":\"";
    let Some(at) = text
        .rfind(KEY)
        .filter(|_| text.starts_with("window.HANDBOOK_NAV = "))
    else {
        return;
    };
    let start = at + KEY.len();
    let Some(len) = text[start..].find('"') else {
        return;
    };
    // (`spare`: the folder's own name, which tells an old copy over http, where the address
    // need not name the folder; `was`: the build, for the footer after a rollback.)
    let was = serde_json::to_string(&text[start..start + len]).unwrap_or_default();
    let kept = spare.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let kept = serde_json::to_string(kept).unwrap_or_default();
    let name = serde_json::to_string(name).unwrap_or_default();
    let out = format!(
        "{}retired\",\"retired\":{name},\"spare\":{kept},\"was\":{was}{}",
        &text[..start],
        &text[start + len + 1..]
    );
    // (Through a new file renamed over it: the old one may have other hard links, a live copy
    // made with `cp -al` or `rsync --link-dest`, which must not change.)
    let tmp = spare.join(".nav.js.retire");
    if std::fs::write(&tmp, out).is_err() || std::fs::rename(&tmp, &nav).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// The name of the replaced site kept beside a site folder called `name`: `.site.spare`.
pub fn spare_name(name: &str) -> String {
    format!(".{name}.spare")
}

/// Whether files can be made in `dir` (tried).
pub(crate) fn writable(dir: &Path) -> bool {
    let probe = dir.join(format!(".handbook-probe-{}", std::process::id()));
    let ok = std::fs::write(&probe, b"").is_ok();
    let _ = std::fs::remove_file(&probe);
    ok
}

/// The staging and replaced folders of builds that were stopped (Ctrl-C, a killed process),
/// which no later build would otherwise remove: `.{name}.tmp-PID-N` and `.{name}.old-PID-N`
/// of a process no longer running. A replaced site stopped between the two renames of a
/// commit is put back when the site is missing; otherwise the first becomes the spare when
/// there is none (it is as good a spare as any: the build sweeps it), and the rest are
/// removed. Where no /proc tells which processes run (Windows, macOS), a folder untouched for
/// six hours is taken for abandoned: no build takes that long, and a killed build's full copy
/// of the site stayed beside it for ever there, in plain sight on a shared drive (IT audit L4).
fn sweep_abandoned(parent: &Path, name: &str, dest: &Path, spare: &Path, keep_previous: bool) {
    let procfs = Path::new("/proc/self").exists();
    sweep_abandoned_with(parent, name, dest, spare, keep_previous, procfs);
}

fn sweep_abandoned_with(
    parent: &Path,
    name: &str,
    dest: &Path,
    spare: &Path,
    keep_previous: bool,
    procfs: bool,
) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let me = std::process::id().to_string();
    let (tmp, old) = (format!(".{name}.tmp-"), format!(".{name}.old-"));
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = file.strip_prefix(&tmp).or_else(|| file.strip_prefix(&old)) else {
            continue;
        };
        let pid = rest.split('-').next().unwrap_or("");
        if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) || pid == me {
            continue;
        }
        if procfs && Path::new("/proc").join(pid).exists() {
            continue; // another build at work
        }
        let path = e.path();
        if !path.is_dir() || path.is_symlink() {
            continue;
        }
        // (And untouched for ten minutes: a build in another PID namespace, a container on
        // the same folder, is not in this /proc.)
        let idle = std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|d| {
                d >= std::time::Duration::from_secs(if procfs { 600 } else { 6 * 3600 })
            });
        if !idle {
            continue;
        }
        if file.starts_with(&old) && !dest.exists() && std::fs::rename(&path, dest).is_ok() {
            continue;
        }
        if !(keep_previous && !spare.exists() && std::fs::rename(&path, spare).is_ok()) {
            let _ = remove_tree(&path);
        }
    }
}

/// Lists a reused spare's files and folders, removing anything else in it first (links,
/// sockets ...): nothing written into the spare may land outside it. (Files with other hard
/// links are removed when they would be written: [`Staging::unchanged`], [`Staging::unshare`].)
fn scan_spare(root: &Path) -> io::Result<(HashSet<String>, Vec<String>)> {
    let mut files = HashSet::new();
    let mut dirs = Vec::new();
    for e in walkdir::WalkDir::new(root).min_depth(1).follow_links(false) {
        let e = e.map_err(io::Error::other)?;
        let rel = e
            .path()
            .strip_prefix(root)
            .map_err(io::Error::other)?
            .to_string_lossy()
            .replace('\\', "/");
        let t = e.file_type();
        if t.is_dir() {
            dirs.push(rel);
        } else if t.is_file() {
            // (Files with other hard links are dealt with when written: see `shared`.)
            files.insert(rel);
        } else {
            std::fs::remove_file(e.path())?;
        }
    }
    Ok((files, dirs))
}

/// The error of removing what is not there any more: the path, or one of its parents, was
/// replaced by this build (a folder `c/` by a file `c`).
fn vanished(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
    )
}

/// A file with other hard links (a copy made with `cp -al` or `rsync --link-dest`, say) is
/// not overwritten in place: that would change the copy too.
fn shared(m: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        m.nlink() > 1
    }
    #[cfg(not(unix))]
    {
        let _ = m;
        false
    }
}

/// Removes from a reused spare what this build did not write: its files, then the folders
/// that hold nothing written (outermost first).
fn sweep(
    root: &Path,
    mut files: HashSet<String>,
    dirs: Vec<String>,
    written: &[String],
) -> io::Result<()> {
    let mut keep_dirs: HashSet<&str> = HashSet::new();
    for w in written {
        files.remove(w.as_str());
        let mut p = w.as_str();
        while let Some(i) = p.rfind('/') {
            p = &p[..i];
            if !keep_dirs.insert(p) {
                break;
            }
        }
    }
    // (A file that a folder of this build replaced is gone already.)
    let stale: Vec<String> = files
        .into_iter()
        .filter(|f| !keep_dirs.contains(f.as_str()))
        .collect();
    stale
        .par_iter()
        .try_for_each(|f| match std::fs::remove_file(root.join(f)) {
            Err(e) if !vanished(&e) => Err(e),
            _ => Ok(()),
        })?;
    let mut gone: Vec<&str> = dirs
        .iter()
        .map(String::as_str)
        .filter(|d| !keep_dirs.contains(d))
        .collect();
    gone.sort_unstable_by_key(|d| d.len());
    let mut removed: HashSet<&str> = HashSet::new();
    for d in gone {
        let mut p = d;
        let mut inside = false;
        while let Some(i) = p.rfind('/') {
            p = &p[..i];
            if removed.contains(p) {
                inside = true;
                break;
            }
        }
        if inside {
            continue;
        }
        match std::fs::remove_dir_all(root.join(d)) {
            Err(e) if !vanished(&e) => return Err(e),
            _ => {
                removed.insert(d);
            }
        }
    }
    Ok(())
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
    keep_previous: bool,
) -> io::Result<()> {
    let stage = Staging::new(dest, keep_previous)?;
    stage.write(files, assets)?;
    stage.commit(background_cleanup)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Without /proc (Windows, macOS) a stopped build's staging folder is swept once it has
    /// been left for six hours, not before (a build may be at work in it); with /proc, a
    /// running process's folder is left alone whatever its age.
    #[test]
    fn abandoned_staging_folders_are_swept_by_age_where_no_proc_says_who_runs() {
        let t = tempfile::tempdir().unwrap();
        let (dest, spare) = (t.path().join("site"), t.path().join(".site.spare"));
        std::fs::create_dir(&dest).unwrap();
        let left = |pid: u32, hours: u64| {
            let p = t.path().join(format!(".site.tmp-{pid}-0"));
            std::fs::create_dir_all(p.join("basics")).unwrap();
            let when = std::time::SystemTime::now() - std::time::Duration::from_secs(hours * 3600);
            std::fs::File::open(&p).unwrap().set_modified(when).unwrap();
            p
        };
        let (fresh, old) = (left(4_000_001, 1), left(4_000_002, 7));
        sweep_abandoned_with(t.path(), "site", &dest, &spare, false, false);
        assert!(
            fresh.exists(),
            "an hour old: a build may still be writing it"
        );
        assert!(!old.exists(), "seven hours old: swept");
        // With /proc: this process's own number is skipped, a running one's kept at any age.
        let running = t.path().join(format!(".site.tmp-{}-1", std::process::id()));
        std::fs::create_dir(&running).unwrap();
        sweep_abandoned_with(t.path(), "site", &dest, &spare, false, true);
        assert!(running.exists());
    }

    /// The spare's nav.js is marked as an old copy's, and a hard-linked live copy of it (cp -al)
    /// is left as it was.
    #[test]
    fn retiring_the_spare_marks_its_nav_and_leaves_a_hard_linked_copy_alone() {
        let t = tempfile::tempdir().unwrap();
        let spare = t.path().join(".site.spare");
        let live = t.path().join("published");
        std::fs::create_dir_all(&spare).unwrap();
        std::fs::create_dir_all(&live).unwrap();
        let nav = "window.HANDBOOK_NAV = {\"items\":[],\"build\":\"abc123\"};\n";
        std::fs::write(spare.join("nav.js"), nav).unwrap();
        std::fs::hard_link(spare.join("nav.js"), live.join("nav.js")).unwrap();
        retire(&spare, &t.path().join("site"));
        assert_eq!(
            std::fs::read_to_string(spare.join("nav.js")).unwrap(),
            "window.HANDBOOK_NAV = {\"items\":[],\"build\":\"retired\",\"retired\":\"site\",\"spare\":\".site.spare\",\"was\":\"abc123\"};\n"
        );
        assert_eq!(std::fs::read_to_string(live.join("nav.js")).unwrap(), nav);
        assert_eq!(entries(&spare), ["nav.js"]);
    }

    /// A build that fails before its site is swapped in leaves its staging folder as the
    /// spare beside a site, and nothing beside no site (a first build's half a site).
    #[test]
    fn a_failed_first_build_leaves_no_folder_and_a_later_one_its_spare() {
        let t = tempfile::tempdir().unwrap();
        let (dest, spare) = (t.path().join("site"), t.path().join(".site.spare"));
        let files = vec![("index.html".to_string(), b"<p>1</p>".to_vec())];
        let stage = Staging::new(&dest, true).unwrap();
        stage.write(&files, &[]).unwrap();
        drop(stage);
        assert!(entries(t.path()).is_empty(), "{:?}", entries(t.path()));
        write_site(&dest, &files, &[], false, true).unwrap();
        let stage = Staging::new(&dest, true).unwrap();
        stage.write(&files, &[]).unwrap();
        drop(stage);
        assert!(spare.is_dir());
        assert_eq!(entries(t.path()), ["site", ".site.spare"]);
    }

    /// The names in a folder, the destination first, then the rest sorted.
    fn entries(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort_by_key(|n| (n != "site", n.clone()));
        v
    }

    fn files_of(dir: &Path) -> Vec<(String, String)> {
        let mut v: Vec<(String, String)> = walkdir::WalkDir::new(dir)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| !e.file_type().is_dir())
            .map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                (rel, std::fs::read_to_string(e.path()).unwrap_or_default())
            })
            .collect();
        v.sort();
        v
    }

    fn site(files: &[(&str, &str)]) -> Vec<OutputFile> {
        files
            .iter()
            .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn a_file_the_spare_already_holds_unchanged_is_left_as_it_is() {
        let t = tempfile::tempdir().unwrap();
        let dest = t.path().join("site");
        let v = site(&[
            ("a/index.html", "same"),
            ("b/index.html", "b1"),
            ("c", "c1"),
        ]);
        write_site(&dest, &v, &[], false, true).unwrap();
        // Mark the first site's files with an old time: a file written again gets a new one.
        let old = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
        for f in ["a/index.html", "b/index.html", "c"] {
            let file = std::fs::File::options()
                .write(true)
                .open(dest.join(f))
                .unwrap();
            file.set_modified(old).unwrap();
        }
        let mtime = |p: &str| std::fs::metadata(dest.join(p)).unwrap().modified().unwrap();
        write_site(&dest, &v, &[], false, true).unwrap();
        // The third build writes into the first's folder: same bytes, same length but other
        // bytes, other length.
        let v3 = site(&[
            ("a/index.html", "same"),
            ("b/index.html", "b3"),
            ("c", "c33"),
        ]);
        write_site(&dest, &v3, &[], false, true).unwrap();
        assert_eq!(
            files_of(&dest),
            [
                ("a/index.html".into(), "same".into()),
                ("b/index.html".into(), "b3".into()),
                ("c".into(), "c33".into())
            ]
        );
        assert_eq!(mtime("a/index.html"), old, "unchanged: not written again");
        assert_ne!(mtime("b/index.html"), old);
        assert_ne!(mtime("c"), old);
    }

    #[test]
    fn a_rebuild_writes_into_the_spare_and_leaves_exactly_the_new_site() {
        let t = tempfile::tempdir().unwrap();
        let dest = t.path().join("site");
        let v1 = site(&[
            ("a/index.html", "a1"),
            ("b/index.html", "b1"),
            ("c/d/e.html", "e1"),
            ("f", "f1"),
        ]);
        let v2 = site(&[("a/index.html", "a2"), ("x/index.html", "x2")]);
        // Three builds: the third writes into the first's folder (now the spare), where a
        // folder `c` and a file `f` stand where v3 has a file `c` and a folder `f`.
        let v3 = site(&[
            ("a/index.html", "a3"),
            ("c", "c3"),
            ("f/g/index.html", "g3"),
        ]);
        write_site(&dest, &v1, &[], false, true).unwrap();
        #[cfg(unix)]
        let inode = |p: &Path| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(p).unwrap());
        #[cfg(unix)]
        let first = inode(&dest.join("a/index.html"));
        write_site(&dest, &v2, &[], false, true).unwrap();
        assert_eq!(
            files_of(&dest),
            [
                ("a/index.html".into(), "a2".into()),
                ("x/index.html".into(), "x2".into())
            ]
        );
        assert_eq!(
            files_of(&t.path().join(".site.spare")).len(),
            4,
            "the first site, kept"
        );
        write_site(&dest, &v3, &[], false, true).unwrap();
        assert_eq!(
            files_of(&dest),
            [
                ("a/index.html".into(), "a3".into()),
                ("c".into(), "c3".into()),
                ("f/g/index.html".into(), "g3".into())
            ]
        );
        #[cfg(unix)]
        assert_eq!(
            inode(&dest.join("a/index.html")),
            first,
            "the file was rewritten in place"
        );
        assert_eq!(entries(t.path()), ["site", ".site.spare"]);
        assert_eq!(
            files_of(&t.path().join(".site.spare")).len(),
            2,
            "the second site, kept"
        );
    }

    #[test]
    fn folders_of_a_stopped_build_are_put_back_reused_or_removed() {
        if !Path::new("/proc/self").exists() {
            return;
        }
        // A process that has ended: its folders were left by a build stopped with Ctrl-C.
        let mut child = std::process::Command::new("true").spawn().unwrap();
        child.wait().unwrap();
        let dead = child.id();
        let t = tempfile::tempdir().unwrap();
        let dest = t.path().join("site");
        let stale = |kind: &str, n: usize, file: &str| {
            let d = t.path().join(format!(".site.{kind}-{dead}-{n}"));
            std::fs::create_dir_all(&d).unwrap();
            std::fs::write(d.join(file), file).unwrap();
            // Left an hour ago.
            let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
            std::fs::File::open(&d)
                .unwrap()
                .set_modified(hour_ago)
                .unwrap();
        };
        // Stopped between the commit's two renames: no site, the replaced one aside.
        stale("old", 0, "old.html");
        stale("tmp", 1, "half.html");
        stale("tmp", 2, "half2.html");
        write_site(&dest, &site(&[("new.html", "n")]), &[], false, true).unwrap();
        assert_eq!(files_of(&dest), [("new.html".into(), "n".into())]);
        // The replaced site came back and became the spare; the staging folders are gone.
        assert_eq!(entries(t.path()), ["site", ".site.spare"]);
        assert_eq!(
            files_of(&t.path().join(".site.spare")),
            [("old.html".into(), "old.html".into())]
        );
        // With a site there and no spare, one stopped build's staging folder becomes the spare.
        std::fs::remove_dir_all(t.path().join(".site.spare")).unwrap();
        stale("tmp", 3, "half3.html");
        stale("old", 4, "old4.html");
        write_site(&dest, &site(&[("new.html", "n2")]), &[], false, true).unwrap();
        assert_eq!(files_of(&dest), [("new.html".into(), "n2".into())]);
        assert_eq!(entries(t.path()), ["site", ".site.spare"]);
        // A running build's folders (this process's) are never touched, nor a dead one's
        // touched in the last ten minutes (a build in a container, whose process is not seen).
        let mine = t
            .path()
            .join(format!(".site.tmp-{}-99", std::process::id()));
        std::fs::create_dir_all(&mine).unwrap();
        let recent = t.path().join(format!(".site.tmp-{dead}-98"));
        std::fs::create_dir_all(&recent).unwrap();
        write_site(&dest, &site(&[("new.html", "n3")]), &[], false, true).unwrap();
        assert!(mine.is_dir() && recent.is_dir());
    }

    #[test]
    fn without_keep_previous_the_replaced_site_is_deleted_and_so_is_an_old_spare() {
        let t = tempfile::tempdir().unwrap();
        let dest = t.path().join("site");
        let v = site(&[("a/index.html", "1")]);
        write_site(&dest, &v, &[], false, true).unwrap();
        write_site(&dest, &v, &[], false, true).unwrap();
        assert_eq!(entries(t.path()), ["site", ".site.spare"]);
        write_site(&dest, &site(&[("b/index.html", "2")]), &[], false, false).unwrap();
        assert_eq!(entries(t.path()), ["site"]);
        assert_eq!(files_of(&dest), [("b/index.html".into(), "2".into())]);
        {
            let stage = Staging::new(&dest, false).unwrap();
            stage.write(&v, &[]).unwrap();
        }
        assert_eq!(
            entries(t.path()),
            ["site"],
            "an abandoned staging is removed"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_or_a_hard_linked_file_in_the_spare_is_never_written_through() {
        let t = tempfile::tempdir().unwrap();
        let dest = t.path().join("site");
        let v = site(&[("a/index.html", "new"), ("b/index.html", "new")]);
        let spare = t.path().join(".site.spare");
        std::fs::create_dir_all(spare.join("a")).unwrap();
        std::fs::create_dir_all(spare.join("b")).unwrap();
        let outside = t.path().join("outside.txt");
        std::fs::write(&outside, "keep").unwrap();
        std::os::unix::fs::symlink(&outside, spare.join("a/index.html")).unwrap();
        let copy = t.path().join("deployed.html");
        std::fs::write(&copy, "deployed").unwrap();
        std::fs::hard_link(&copy, spare.join("b/index.html")).unwrap();
        // An asset too (copied, not written from bytes).
        let logo = t.path().join("logo.png");
        std::fs::write(&logo, "new logo").unwrap();
        let deployed_logo = t.path().join("deployed-logo.png");
        std::fs::write(&deployed_logo, "old logo").unwrap();
        std::fs::hard_link(&deployed_logo, spare.join("logo.png")).unwrap();
        let assets = [(logo, "logo.png".to_string())];
        write_site(&dest, &v, &assets, false, true).unwrap();
        assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep");
        assert_eq!(std::fs::read_to_string(&copy).unwrap(), "deployed");
        assert_eq!(std::fs::read_to_string(&deployed_logo).unwrap(), "old logo");
        assert_eq!(
            files_of(&dest),
            [
                ("a/index.html".into(), "new".into()),
                ("b/index.html".into(), "new".into()),
                ("logo.png".into(), "new logo".into())
            ]
        );
    }

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
        write_site(&dest, &site(&[("a/index.html", "1")]), &[], false, true).unwrap();
        write_site(&dest, &site(&[("b/index.html", "2")]), &[], false, true).unwrap();
        assert!(!dest.join("a/index.html").exists());
        assert_eq!(std::fs::read(dest.join("b/index.html")).unwrap(), b"2");
        assert_eq!(entries(t.path()), ["site", ".site.spare"]);
    }

    /// A web server reading the published folder while a build replaces it never finds it
    /// missing (IT audit: the swap was two renames, with a moment between them without
    /// `site/`). Where the system swaps two folders in one step (Linux's renameat2): there
    /// others keep two renames.
    #[cfg(target_os = "linux")]
    #[test]
    fn the_published_folder_is_never_missing_while_a_build_replaces_it() {
        let t = tempfile::tempdir().unwrap();
        let dest = t.path().join("site");
        write_site(&dest, &site(&[("index.html", "0")]), &[], false, true).unwrap();
        let done = std::sync::atomic::AtomicBool::new(false);
        let missing = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|s| {
            s.spawn(|| {
                while !done.load(Ordering::Relaxed) {
                    if std::fs::symlink_metadata(dest.join("index.html")).is_err() || !dest.is_dir()
                    {
                        missing.fetch_add(1, Ordering::Relaxed);
                    }
                }
            });
            for i in 1..=200 {
                let page = i.to_string();
                write_site(&dest, &site(&[("index.html", &page)]), &[], false, true).unwrap();
            }
            done.store(true, Ordering::Relaxed);
        });
        assert_eq!(std::fs::read(dest.join("index.html")).unwrap(), b"200");
        assert_eq!(missing.load(Ordering::Relaxed), 0, "site/ was missing");
        assert_eq!(entries(t.path()), ["site", ".site.spare"]);
    }

    #[test]
    fn threads_helping_with_a_batch_write_every_file_once_and_an_error_stops_them() {
        let t = tempfile::tempdir().unwrap();
        let dest = t.path().join("site");
        let src = t.path().join("logo.png");
        std::fs::write(&src, "png").unwrap();
        let files: Vec<OutputFile> = (0..203)
            .map(|i| (format!("p{}/{i}.html", i % 7), i.to_string().into_bytes()))
            .collect();
        let assets = vec![(src.clone(), "static/logo.png".to_string())];
        let stage = Staging::new(&dest, true).unwrap();
        let batch = stage.batch(files.clone(), assets).unwrap();
        std::thread::scope(|s| {
            let helpers: Vec<_> = (0..3).map(|_| s.spawn(|| stage.help(&batch))).collect();
            for h in helpers {
                h.join().unwrap().unwrap();
            }
        });
        // Every item was claimed once, and each thread then made one claim past the end.
        let claims = (files.len() + 1).div_ceil(Batch::CLAIM) + 3;
        assert_eq!(batch.next.load(Ordering::Relaxed), claims * Batch::CLAIM);
        stage.commit(false).unwrap();
        let mut want: Vec<(String, String)> = files
            .iter()
            .map(|(p, b)| (p.clone(), String::from_utf8(b.clone()).unwrap()))
            .collect();
        want.push(("static/logo.png".into(), "png".into()));
        want.sort();
        assert_eq!(files_of(&dest), want);

        // Files that cannot be written (their folder is a file by then): the error reaches the
        // thread that met it (both threads may meet one at once), and no more is claimed.
        let stage = Staging::new(&dest, false).unwrap();
        let batch = stage.batch(files.clone(), vec![]).unwrap();
        std::fs::remove_dir_all(stage.tmp.join("p3")).unwrap();
        std::fs::write(stage.tmp.join("p3"), "in the way").unwrap();
        let results: Vec<io::Result<()>> = std::thread::scope(|s| {
            let helpers: Vec<_> = (0..2).map(|_| s.spawn(|| stage.help(&batch))).collect();
            helpers.into_iter().map(|h| h.join().unwrap()).collect()
        });
        assert!(results.iter().any(|r| r.is_err()));
        assert!(batch.failed.load(Ordering::Relaxed));
        assert!(!stage.tmp.join("p6/202.html").exists());
        drop(stage);
        assert_eq!(
            files_of(&dest).len(),
            files.len() + 1,
            "the old site is intact"
        );

        // A content file gone since it was read (saved through a temporary name, a picture
        // replaced) is left out, not a failed build that says the site cannot be written.
        let stage = Staging::new(&dest, false).unwrap();
        let gone = t.path().join("flow.png");
        stage
            .write(&files, &[(gone.clone(), "flow.png".into())])
            .unwrap();
        assert!(!stage.tmp.join("flow.png").exists());
    }

    #[test]
    fn an_abandoned_staging_leaves_the_old_site_and_no_temporary_folder() {
        let t = tempfile::tempdir().unwrap();
        let dest = t.path().join("site");
        write_site(&dest, &site(&[("a/index.html", "1")]), &[], false, true).unwrap();
        {
            let stage = Staging::new(&dest, true).unwrap();
            stage.write(&site(&[("b/index.html", "2")]), &[]).unwrap();
        }
        assert_eq!(std::fs::read(dest.join("a/index.html")).unwrap(), b"1");
        assert_eq!(entries(t.path()), ["site", ".site.spare"]);
    }

    /// A build that ran out of disk space leaves no half-written spare holding the disk full
    /// (it was kept as the next build's spare); the site stays.
    #[test]
    fn a_staging_abandoned_for_want_of_space_is_removed_not_kept() {
        let t = tempfile::tempdir().unwrap();
        let dest = t.path().join("site");
        write_site(&dest, &site(&[("a/index.html", "1")]), &[], false, true).unwrap();
        {
            let stage = Staging::new(&dest, true).unwrap();
            stage.write(&site(&[("b/index.html", "2")]), &[]).unwrap();
            // A write that fails as on a full disk.
            let full = stage.replace("c/index.html", |_| {
                Err(io::Error::from(io::ErrorKind::StorageFull))
            });
            assert!(full.is_err());
        }
        assert_eq!(std::fs::read(dest.join("a/index.html")).unwrap(), b"1");
        assert_eq!(entries(t.path()), ["site"]);
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
    write_changed_as(dest, files, assets, written, false)
}

/// [`write_changed`] for the search index: a file already there is overwritten where it is
/// instead of replaced by a rename. Every index file names its build, so an edit anywhere
/// changes nearly all of them (~860 of a 326-page book's), nearly all by those 12 characters
/// only; a rename frees the old file's blocks and makes a new file each time, which on an
/// ext4 disk mounted with `discard` cost 200-360 ms for them against ~10 ms in place. A reader
/// could then see half a file: the preview server reads the index under
/// [`crate::serve::Shared`]'s lock, which the writer holds meanwhile. A file that is a link,
/// or has more than one name, is replaced by a rename all the same (not written through).
pub fn overwrite_changed(
    dest: &Path,
    files: &[OutputFile],
    written: &mut Written,
) -> io::Result<usize> {
    write_changed_as(dest, files, &[], written, true)
}

/// Overwrites the file `target` with `bytes` where it is (its length set to theirs after).
/// `false` when there is no plain file of one name there to overwrite.
fn overwrite(target: &Path, bytes: &[u8]) -> io::Result<bool> {
    use std::io::Write;
    match std::fs::symlink_metadata(target) {
        Ok(m) if m.file_type().is_file() =>
        {
            #[cfg(unix)]
            if std::os::unix::fs::MetadataExt::nlink(&m) > 1 {
                return Ok(false);
            }
        }
        Ok(_) => return Ok(false),
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(e),
    }
    let mut f = std::fs::OpenOptions::new().write(true).open(target)?;
    f.write_all(bytes)?;
    if f.metadata()?.len() != bytes.len() as u64 {
        f.set_len(bytes.len() as u64)?;
    }
    Ok(true)
}

fn write_changed_as(
    dest: &Path,
    files: &[OutputFile],
    assets: &[Asset],
    written: &mut Written,
    in_place: bool,
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
    changed.par_iter().try_for_each(|&i| {
        let (rel, bytes) = &files[i];
        if in_place && overwrite(&dest.join(rel), bytes)? {
            return Ok(());
        }
        replace(rel, &|t: &Path| std::fs::write(t, bytes))
    })?;
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
            // A removed page leaves no empty folder behind (a web server would list it or
            // answer 403 where the page was): each folder up that is now empty goes too.
            let mut dir = Path::new(old.as_str()).parent();
            while let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
                if std::fs::remove_dir(dest.join(d)).is_err() {
                    break;
                }
                dir = d.parent();
            }
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
        write_site(&dest, &v1, &[], false, true).unwrap();
        let mut w = Written::default();
        remember(&v1, &[], &mut w);
        let v2: Vec<OutputFile> = vec![
            ("a/index.html".into(), b"1".to_vec()),
            ("c/index.html".into(), b"3".to_vec()),
        ];
        assert_eq!(write_changed(&dest, &v2, &[], &mut w).unwrap(), 2);
        assert!(!dest.join("b/index.html").exists());
        assert!(
            !dest.join("b").exists(),
            "no empty folder where the page was"
        );
        assert_eq!(std::fs::read(dest.join("c/index.html")).unwrap(), b"3");
        assert_eq!(write_changed(&dest, &v2, &[], &mut w).unwrap(), 0);
        // Folders still holding something stay, and the site folder itself always does.
        let v3: Vec<OutputFile> = vec![
            ("a/index.html".into(), b"1".to_vec()),
            ("a/x/y/index.html".into(), b"4".to_vec()),
        ];
        write_changed(&dest, &v3, &[], &mut w).unwrap();
        std::fs::write(dest.join("a/x/keep.txt"), "a file of the user's").unwrap();
        let v4: Vec<OutputFile> = vec![("a/index.html".into(), b"1".to_vec())];
        write_changed(&dest, &v4, &[], &mut w).unwrap();
        assert!(!dest.join("a/x/y").exists() && dest.join("a/x/keep.txt").exists());
        assert!(!dest.join("c").exists());
        write_changed(&dest, &[], &[], &mut w).unwrap();
        assert!(dest.is_dir() && !dest.join("a/index.html").exists());
    }

    #[cfg(unix)]
    #[test]
    fn the_search_index_is_overwritten_where_it_is() {
        use std::os::unix::fs::MetadataExt;
        let t = tempfile::tempdir().unwrap();
        let dest = t.path().join("site");
        let v1: Vec<OutputFile> = vec![
            ("search/s0.js".into(), b"build=aaaa;0123456789".to_vec()),
            ("search/s1.js".into(), b"build=aaaa;0123456789".to_vec()),
            ("search/s2.js".into(), b"build=aaaa;0123456789".to_vec()),
            ("search/s3.js".into(), b"build=aaaa;0123456789".to_vec()),
        ];
        write_site(&dest, &v1, &[], false, true).unwrap();
        let mut w = Written::default();
        remember(&v1, &[], &mut w);
        let ino = |rel: &str| std::fs::metadata(dest.join(rel)).unwrap().ino();
        let before: Vec<u64> = v1.iter().map(|(p, _)| ino(p)).collect();
        // A file of another name elsewhere, and a link to it where s3.js was: not written
        // through.
        std::fs::write(t.path().join("theirs.js"), "theirs").unwrap();
        std::fs::remove_file(dest.join("search/s3.js")).unwrap();
        std::os::unix::fs::symlink(t.path().join("theirs.js"), dest.join("search/s3.js")).unwrap();
        // The same length, shorter, longer, and a new file.
        let v2: Vec<OutputFile> = vec![
            ("search/s0.js".into(), b"build=bbbb;0123456789".to_vec()),
            ("search/s1.js".into(), b"build=bbbb;01".to_vec()),
            (
                "search/s2.js".into(),
                b"build=bbbb;0123456789abcdef".to_vec(),
            ),
            ("search/s3.js".into(), b"build=bbbb;3".to_vec()),
            ("search/s4.js".into(), b"build=bbbb;4".to_vec()),
        ];
        assert_eq!(overwrite_changed(&dest, &v2, &mut w).unwrap(), 5);
        for (p, b) in &v2 {
            assert_eq!(&std::fs::read(dest.join(p)).unwrap(), b, "{p}");
        }
        let after: Vec<u64> = v1[..3].iter().map(|(p, _)| ino(p)).collect();
        assert_eq!(after, before[..3], "the same files, overwritten");
        assert_eq!(
            std::fs::read(t.path().join("theirs.js")).unwrap(),
            b"theirs"
        );
        assert!(!std::fs::symlink_metadata(dest.join("search/s3.js"))
            .unwrap()
            .file_type()
            .is_symlink());
        // Unchanged: not written again.
        assert_eq!(overwrite_changed(&dest, &v2, &mut w).unwrap(), 0);
    }
}
