//! `handbook serve`: build, serve the output, watch the sources, rebuild on change and reload
//! open tabs; a failed rebuild shows its errors in the browser while the last good site keeps
//! being served.

pub mod server;

use crate::BuildOptions;
use notify::{RecursiveMode, Watcher};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

pub struct ServeOptions {
    pub root: PathBuf,
    pub port: u16,
    pub bind: String,
    pub open: bool,
    pub dest: Option<PathBuf>,
    /// `--drafts`: build the lessons with `draft: true` too.
    pub drafts: bool,
    /// `--audience`: the readers to preview the book for, in place of book.toml's.
    pub audience: Option<Vec<crate::content::lesson::Audience>>,
}

/// Live-reload polls held at once before the oldest are let go; past [`POLLS_MAX`] (the
/// oldest not gone yet), refused.
pub const POLLS: usize = 64;
pub const POLLS_MAX: usize = 96;

/// What open tabs learn by long-polling: a build generation and its error text, if any.
#[derive(Clone, Debug, Default)]
pub struct BuildState {
    pub generation: i64,
    pub error: Option<String>,
    /// The last build's warnings (【待填写】 left, a heading without its space ...): open
    /// pages show them in a bar, not only the terminal.
    pub warnings: Option<String>,
}

pub struct Shared {
    pub dest: PathBuf,
    state: Mutex<BuildState>,
    changed: Condvar,
    /// Bound to a loopback address: requests must name this computer as their host (a page
    /// elsewhere whose name an attacker points at 127.0.0.1 must not read the preview).
    pub local_only: std::sync::atomic::AtomicBool,
    /// Live-reload polls waiting now (each on a thread of its own).
    pub polls: std::sync::atomic::AtomicUsize,
    /// Each poll's number, in the order they came; the polls numbered below `released` are
    /// let go (a page left keeps its poll until it times out: past [`POLLS`] waiting, the
    /// oldest make room for the newest).
    tickets: std::sync::atomic::AtomicU64,
    released: std::sync::atomic::AtomicU64,
    /// Held for writing while the search index is written, each file where it is
    /// ([`crate::output::overwrite_changed`]); the server reads an index file holding it for
    /// reading, and so never sends half of one.
    index: std::sync::RwLock<()>,
}

impl Shared {
    pub fn new(dest: PathBuf) -> Self {
        Shared {
            dest,
            // Generations counted from the server's start time: a tab opened on an earlier
            // run of `serve` (stopped, the content edited, started again) has a generation
            // this one never had, and reloads at its first answer (trainer review: both
            // counted from 1, and the tab kept its old page).
            state: Mutex::new(BuildState {
                generation: std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_millis() as i64),
                ..BuildState::default()
            }),
            changed: Condvar::new(),
            local_only: std::sync::atomic::AtomicBool::new(false),
            polls: std::sync::atomic::AtomicUsize::new(0),
            tickets: std::sync::atomic::AtomicU64::new(0),
            released: std::sync::atomic::AtomicU64::new(0),
            index: std::sync::RwLock::new(()),
        }
    }

    /// Reads a file of the site, waiting while the search index is being written when it is
    /// one of the index's.
    pub fn read(&self, file: &Path) -> std::io::Result<Vec<u8>> {
        let in_index = (self.dest.canonicalize()).is_ok_and(|d| file.starts_with(d.join("search")));
        let _writer_done = in_index.then(|| self.index.read().unwrap_or_else(|e| e.into_inner()));
        std::fs::read(file)
    }

    /// Writes a rebuild's search index, the server's readers of it waiting meanwhile.
    pub fn write_index(
        &self,
        index: crate::EncodedSearch,
        cache: &mut crate::Incremental,
    ) -> std::io::Result<usize> {
        let _readers_wait = self.index.write().unwrap_or_else(|e| e.into_inner());
        index.write(cache)
    }

    /// The generation of the site being served now: read before a page is, so that the page
    /// is at least that new (a rebuild published meanwhile only reloads it once more).
    pub fn generation(&self) -> i64 {
        self.state
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .generation
    }

    pub fn publish(&self, outcome: Outcome) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        s.generation += 1;
        s.error = outcome.error;
        s.warnings = outcome.warnings;
        self.changed.notify_all();
    }

    /// A new live-reload poll's number; past [`POLLS`] waiting, the oldest are let go to make
    /// room (most are of pages left: a fast walk through the site, tabs closed).
    pub fn poll_ticket(&self) -> u64 {
        use std::sync::atomic::Ordering;
        let ticket = self.tickets.fetch_add(1, Ordering::Relaxed);
        if self.polls.load(Ordering::Relaxed) >= POLLS {
            // (The waiting are among the tickets before this one: those older than the
            // newest POLLS - 1 include the oldest waiting.)
            let below = ticket.saturating_sub(POLLS as u64 - 1);
            if self.released.fetch_max(below, Ordering::Relaxed) < below {
                let _wake = self.state.lock().unwrap_or_else(|e| e.into_inner());
                self.changed.notify_all();
            }
        }
        ticket
    }

    /// Returns as soon as the generation differs from `since`, or after `timeout`; `None`
    /// when poll `ticket` was let go meanwhile (see [`Shared::poll_ticket`]).
    pub fn wait_for_change_or_release(
        &self,
        since: i64,
        timeout: Duration,
        ticket: u64,
    ) -> Option<BuildState> {
        use std::sync::atomic::Ordering;
        let released = || self.released.load(Ordering::Relaxed) > ticket;
        let guard = self.state.lock().unwrap_or_else(|e| e.into_inner());
        let (guard, _) = self
            .changed
            .wait_timeout_while(guard, timeout, |s| s.generation == since && !released())
            .unwrap_or_else(|e| e.into_inner());
        (guard.generation != since || !released()).then(|| guard.clone())
    }
}

/// What a build tells open pages: its errors (the page is not rebuilt), its warnings.
#[derive(Default)]
pub struct Outcome {
    pub error: Option<String>,
    pub warnings: Option<String>,
}

/// `warned`: the last build's warnings, as its [`Outcome`] has them (None for the first).
fn run_build(
    root: &Path,
    dest: &Path,
    drafts: bool,
    audience: Option<&[crate::content::lesson::Audience]>,
    cache: &mut crate::Incremental,
    warned: Option<&str>,
) -> (Outcome, Option<crate::PendingSearch>) {
    // (The first build is no rebuild: said as `build` says it.)
    let first = cache.is_fresh();
    let (report, pending) = crate::build_incremental(
        root,
        &BuildOptions {
            dest: Some(dest.to_path_buf()),
            progress: false,
            background_cleanup: true,
            exit_after: false,
            strict: false,
            drafts,
            audience: audience.map(<[_]>::to_vec),
            book_audience: false,
        },
        cache,
    );
    let text = |errors: bool| {
        let all = report.diagnostics.grouped(|d| d.is_error() == errors);
        (!all.is_empty()).then(|| all.join("\n\n"))
    };
    let outcome = Outcome {
        error: if report.ok() { None } else { text(true) },
        warnings: text(false),
    };
    // The warnings said again only when they change: a 【待填写】 left in another file was
    // three lines at every save (trainer serve review); errors always.
    let again = !first && outcome.warnings.is_some() && outcome.warnings.as_deref() == warned;
    for line in report.diagnostics.grouped(|d| d.is_error() || !again) {
        eprintln!("{line}");
    }
    if again {
        let n = report.diagnostics.warning_count();
        eprintln!(
            "{}",
            t!(
                "(the {n} warnings as before, unchanged)",
                "（上次的 {n} 条警告没有变化）"
            )
        );
    }
    // (Where the preview is built: said at the first build, not at every save.)
    let mut report = report;
    if !first {
        report.dest = None;
    }
    eprintln!(
        "{}",
        report.summary(&match (report.ok(), first) {
            (true, true) => t!("built", "已生成"),
            (true, false) => t!("rebuilt", "已重新生成"),
            (false, true) => t!("build failed:", "生成失败："),
            (false, false) => t!("rebuild failed:", "重新生成失败："),
        })
    );
    (outcome, pending)
}

/// Starts the server; returns the bound address and keeps serving on background threads.
pub fn start(
    opts: &ServeOptions,
) -> anyhow::Result<(
    SocketAddr,
    Arc<Shared>,
    Arc<std::sync::Mutex<notify::RecommendedWatcher>>,
)> {
    // Absolute: the watcher reports absolute paths (it joins a relative one onto the current
    // folder), and they must match the watched folders, or `handbook serve` started inside the
    // book (root `.`) never rebuilds.
    let root = absolute(&opts.root);
    // (main says `error:` before the message.)
    let config =
        crate::config::Config::load(&root).map_err(|d| anyhow::anyhow!("{}", d.unlabelled()))?;
    // The port first: a second `serve` of the same book on a port in use must fail before it
    // rebuilds the folder the first one serves.
    let addr = format!("{}:{}", opts.bind, opts.port);
    let server = tiny_http::Server::http(&addr).map_err(|e| {
        // Most often another `handbook serve` (or another program) already has the port.
        let taken = e
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::AddrInUse);
        if taken {
            // A port free now to offer (the next one may be taken too: a third preview).
            let free = (1..=50u16)
                .filter_map(|k| opts.port.checked_add(k))
                .find(|p| std::net::TcpListener::bind((opts.bind.as_str(), *p)).is_ok())
                .unwrap_or(opts.port.wrapping_add(1));
            anyhow::anyhow!(t!(
                "cannot listen on {addr}: the port is already in use (another `handbook serve`?)\n  = help: stop the other server, or choose another port: `handbook serve --port {free}`",
                "无法在 {addr} 上提供服务：端口已被占用（另一个 `handbook serve`？）\n  = 提示: 停掉另一个预览，或者换一个端口：`handbook serve --port {free}`"
            ))
        } else {
            anyhow::anyhow!(t!("cannot listen on {addr}: {e}", "无法在 {addr} 上提供服务：{e}"))
        }
    })?;
    let local = server
        .server_addr()
        .to_ip()
        .ok_or_else(|| anyhow::anyhow!(t!("not an IP address: {addr}", "不是 IP 地址：{addr}")))?;
    // The preview is built apart (in a folder of the system's temporary folder), never into
    // the site folder `handbook build` publishes: a half-written lesson saved while previewing
    // must not reach colleagues who open that folder (a share, an intranet server's folder).
    // `--dest` chooses a folder instead.
    let dest = match &opts.dest {
        Some(d) => d.clone(),
        None => preview_folder(&root, opts.drafts)?,
    };
    let shared = Arc::new(Shared::new(dest.clone()));
    shared.local_only.store(
        local.ip().is_loopback(),
        std::sync::atomic::Ordering::Relaxed,
    );
    let mut cache = crate::Incremental::default();
    let (first, _) = run_build(
        &root,
        &dest,
        opts.drafts,
        opts.audience.as_deref(),
        &mut cache,
        None,
    );
    // (Whether the last build failed: the next good one says the errors are mended; and its
    // warnings, said again only once they change.)
    let mut failing = first.error.is_some();
    let mut warned = first.warnings.clone();
    shared.publish(first);
    let server = Arc::new(server);
    for _ in 0..8 {
        let server = Arc::clone(&server);
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || {
            while let Ok(req) = server.recv() {
                server::handle(req, &shared);
            }
        });
    }

    // Watch sources; rebuild after a short quiet period so one save triggers one build.
    let (tx, rx) = std::sync::mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(tx)?;
    let src = root.join(&config.build.src);
    let mut watching: Vec<PathBuf> = Vec::new();
    for dir in [src.clone(), root.join("themes"), root.join("templates")] {
        if dir.is_dir() {
            watcher.watch(&dir, RecursiveMode::Recursive)?;
            watching.push(dir);
        }
    }
    watcher.watch(&root, RecursiveMode::NonRecursive)?;
    // (Shared with the rebuilding thread: a folder made after the start, `templates/` for an
    // override or `themes/`, is watched from when it appears.)
    let watcher = Arc::new(std::sync::Mutex::new(watcher));
    let watcher2 = Arc::clone(&watcher);
    let book_toml = root.join("book.toml");
    let watched_dirs = [src, root.join("themes"), root.join("templates")];
    let dest_abs = absolute(&dest);
    let watched = {
        let book_toml = book_toml.clone();
        move |p: &Path, dirs: &[PathBuf]| {
            !absolute(p).starts_with(&dest_abs)
                && (p == book_toml || dirs.iter().any(|d| p.starts_with(d)))
        }
    };
    // Reads and metadata-only changes (atime, permissions) never change the site.
    let relevant = |e: &notify::Event| {
        use notify::event::{EventKind, ModifyKind};
        !matches!(
            e.kind,
            EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))
        )
    };
    let shared2 = Arc::clone(&shared);
    let drafts = opts.drafts;
    let audience = opts.audience.clone();
    let mut snapshot = fingerprint(&book_toml, &watched_dirs, &dest);
    let mut watched_dirs = watched_dirs;
    std::thread::spawn(move || {
        while let Ok(ev) = rx.recv() {
            let mut paths: Vec<PathBuf> = Vec::new();
            let mut note = |ev: &notify::Result<notify::Event>| match ev {
                Ok(e) if relevant(e) => paths.extend(
                    e.paths
                        .iter()
                        .filter(|p| watched(p, &watched_dirs))
                        .cloned(),
                ),
                Ok(_) => {}
                // The watcher lost events (queue overflow): assume something changed.
                Err(_) => paths.push(PathBuf::new()),
            };
            note(&ev);
            // Drain the burst of events an editor's save produces.
            let quiet = Duration::from_millis(30);
            let deadline = Instant::now() + Duration::from_millis(500);
            while let Ok(ev) = rx.recv_timeout(quiet) {
                note(&ev);
                if Instant::now() > deadline {
                    break;
                }
            }
            paths.sort();
            paths.dedup();
            watching.retain(|d| d.is_dir());
            for p in &paths {
                // (Watched again whenever an event names it: removed and made again within
                // one burst, it is in `watching` but its old watch is gone.)
                if watched_dirs.contains(p) && p.is_dir() {
                    let mut w = watcher2.lock().unwrap_or_else(|e| e.into_inner());
                    let _ = w.unwatch(p);
                    if w.watch(p, RecursiveMode::Recursive).is_ok() && !watching.contains(p) {
                        watching.push(p.clone());
                    }
                }
            }
            let overflow = paths.first().is_some_and(|p| p.as_os_str().is_empty());
            if overflow {
                snapshot = fingerprint(&book_toml, &watched_dirs, &shared2.dest);
            }
            // (The files known before this burst: one made and removed within it, vim's probe
            // `4913` before a save, is no change to name.)
            let known_before: std::collections::HashSet<PathBuf> = (paths.iter())
                .filter(|p| snapshot.contains_key(*p))
                .cloned()
                .collect();
            // Rebuild only when a source really changed: stray events (a file system that
            // reports reads, an editor touching a file) must not rebuild or reload in a loop.
            if overflow || really_changed(&mut snapshot, &paths, &shared2.dest) {
                let start = Instant::now();
                // A content folder book.toml now names is watched from now on (the build
                // reads it already).
                if let Some(src) = crate::config::Config::load(&root)
                    .ok()
                    .map(|c| root.join(&c.build.src))
                    .filter(|s| *s != watched_dirs[0] && s.is_dir())
                {
                    let mut w = watcher2.lock().unwrap_or_else(|e| e.into_inner());
                    let _ = w.unwatch(&watched_dirs[0]);
                    if w.watch(&src, RecursiveMode::Recursive).is_ok() {
                        eprintln!(
                            "{}",
                            t!(
                                "book.toml names another content folder: watching {} now",
                                "book.toml 换了内容文件夹：现在监视 {}",
                                src.display()
                            )
                        );
                        watching.retain(|d| *d != watched_dirs[0]);
                        watching.push(src.clone());
                        watched_dirs[0] = src;
                        snapshot = fingerprint(&book_toml, &watched_dirs, &shared2.dest);
                    }
                }
                // Which files: the terminal beside the editor says what it rebuilt for.
                let files: Vec<String> = (paths.iter())
                    .filter(|p| !p.as_os_str().is_empty() && !never_read(p))
                    .filter(|p| p.exists() || known_before.contains(*p))
                    .map(|p| p.strip_prefix(&root).unwrap_or(p).display().to_string())
                    .collect();
                if let Some(first) = files.first() {
                    let rest = files.len() - 1;
                    let more = match rest {
                        0 => String::new(),
                        _ => t!(" and {rest} more", " 及另外 {rest} 个文件"),
                    };
                    eprintln!("{}", t!("changed: {first}{more}", "改动：{first}{more}"));
                }
                let (outcome, pending) = run_build(
                    &root,
                    &shared2.dest,
                    drafts,
                    audience.as_deref(),
                    &mut cache,
                    warned.as_deref(),
                );
                warned = outcome.warnings.clone();
                let failed = outcome.error.is_some();
                if failing && !failed {
                    eprintln!("{}", t!("the errors are mended", "错误都已改正"));
                }
                failing = failed;
                shared2.publish(outcome);
                let ms = start.elapsed().as_millis();
                eprintln!(
                    "{}",
                    match failed {
                        true => t!(
                            "showed the errors in open pages ({ms} ms after the change was seen)",
                            "已在打开的页面上显示错误（发现改动后 {ms} 毫秒）"
                        ),
                        false => t!(
                            "reloaded open pages ({ms} ms after the change was seen)",
                            "已刷新打开的页面（发现改动后 {ms} 毫秒）"
                        ),
                    }
                );
                // The search index follows the reload.
                if let Some(p) = pending {
                    // (Encoded before the server's readers of the index are held up.)
                    let index = p.encode();
                    if let Err(e) = shared2.write_index(index, &mut cache) {
                        eprintln!(
                            "{}",
                            t!(
                                "error: cannot write the search index: {e}",
                                "错误: 无法写入搜索索引：{e}"
                            )
                        );
                    }
                }
            }
        }
    });
    Ok((local, shared, watcher))
}

fn absolute(p: &Path) -> PathBuf {
    std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
}

/// A content hash of every watched source file, so that only real changes trigger a rebuild.
fn fingerprint(book_toml: &Path, dirs: &[PathBuf], dest: &Path) -> HashMap<PathBuf, u64> {
    let dest = absolute(dest);
    let mut out = HashMap::new();
    out.extend(file_hash(book_toml).map(|h| (book_toml.to_path_buf(), h)));
    for dir in dirs {
        hash_tree(dir, &dest, &mut out);
    }
    out
}

/// Adds the content hash of every file under `dir` to `out`, outside `dest` (absolute).
fn hash_tree(dir: &Path, dest: &Path, out: &mut HashMap<PathBuf, u64>) {
    for entry in walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| !absolute(e.path()).starts_with(dest))
        .flatten()
    {
        if entry.file_type().is_file() {
            out.extend(file_hash(entry.path()).map(|h| (entry.path().to_path_buf(), h)));
        }
    }
}

fn file_hash(p: &Path) -> Option<u64> {
    std::fs::read(p).ok().map(|b| crate::output::hash_bytes(&b))
}

/// Updates `known` with the files named by the events; true if any of them really changed
/// (content, creation, removal) or an event names a folder (renames, new sections).
/// A file the build never reads (vim's swap file, rewritten every few seconds while the trainer
/// types; an editor's temporary file; a dotfile but the web server's own): no change, no
/// rebuild, no reload of every open tab.
fn never_read(p: &Path) -> bool {
    p.file_name()
        .is_some_and(|n| crate::content::never_read(&n.to_string_lossy()))
}

fn really_changed(known: &mut HashMap<PathBuf, u64>, paths: &[PathBuf], dest: &Path) -> bool {
    let mut changed = false;
    for p in paths {
        if never_read(p) {
            continue;
        }
        if p.is_dir() {
            // (A folder made or renamed: its files are known from now, so that their removal
            // later is seen.)
            hash_tree(p, &absolute(dest), known);
            changed = true;
            continue;
        }
        let now = file_hash(p);
        let before = known.get(p).copied();
        if now != before {
            changed = true;
            match now {
                Some(h) => known.insert(p.clone(), h),
                None => known.remove(p),
            };
        } else if now.is_none() && known.keys().any(|k| k.starts_with(p)) {
            // A removed folder: its files are gone.
            known.retain(|k, _| !k.starts_with(p));
            changed = true;
        }
    }
    changed
}

/// Where `serve` builds its preview: `site` in a folder of the system's temporary folder named
/// for the book (and for drafts shown or not), the same for every run, so a preview started
/// again rebuilds only what changed. On a computer several people use, that folder is the
/// user's own (made readable by its owner only; one another user made first is passed over
/// for the next, `-2`): drafts and unfinished text are not for everyone's eyes.
pub fn preview_folder(root: &Path, drafts: bool) -> anyhow::Result<PathBuf> {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    root.hash(&mut h);
    std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_default()
        .hash(&mut h);
    let kind = PREVIEW_KINDS[usize::from(drafts)];
    let base = std::env::temp_dir().join(format!("handbook-{kind}-{:016x}", h.finish()));
    // A second preview of the same book running at once (another port) takes the next
    // folder: two servers writing one folder would each serve the other's half-written files.
    // The lock is the operating system's, let go when the process ends however it ends.
    for n in 1..=20 {
        let dir = match n {
            1 => base.clone(),
            n => PathBuf::from(format!("{}-{n}", base.display())),
        };
        let cannot = |e: std::io::Error| {
            anyhow::anyhow!(t!(
                "cannot make the preview folder {}: {e}\n  = help: choose a folder for the preview with `--dest DIR`, or point TMPDIR (TEMP on Windows) at a folder you may write",
                "无法建立预览文件夹 {}：{e}\n  = 提示: 用 `--dest 文件夹` 给预览另选一个文件夹，或者把 TMPDIR（Windows 上是 TEMP）指向一个你能写入的文件夹",
                dir.display()
            ))
        };
        // (Another user's folder of the same name, with USER unset: the next one.)
        if !own_folder(&dir).map_err(cannot)? {
            continue;
        }
        let lock = std::fs::File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(".lock"))
            .map_err(cannot)?;
        match lock.try_lock() {
            Ok(()) => {
                // (Swept by another preview's start while this one opened it: a folder gone,
                // which the build would make again open to all; the next one is taken.)
                if !dir.join(".lock").exists() {
                    continue;
                }
                // (Held until the process ends.)
                std::mem::forget(lock);
                // Which book this folder previews, for the sweep of folders left over.
                let book = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
                let _ = std::fs::write(dir.join(BOOK_FILE), book.to_string_lossy().as_bytes());
                sweep_previews(&std::env::temp_dir(), &dir, PREVIEW_KEPT);
                return Ok(dir.join("site"));
            }
            Err(std::fs::TryLockError::WouldBlock) => continue,
            Err(std::fs::TryLockError::Error(e)) => return Err(cannot(e)),
        }
    }
    anyhow::bail!(t!(
        "twenty preview folders of this book are in use (or not yours): stop some previews, or choose a folder with --dest",
        "这本手册的二十个预览文件夹都在用（或者不属于你）：停掉一些预览，或者用 --dest 另选一个文件夹"
    ))
}

/// The preview folders' kinds, `handbook-<kind>-<hash>`: without drafts, and with them.
const PREVIEW_KINDS: [&str; 2] = ["preview", "drafts"];
/// The file in a preview folder that names the book it previews.
const BOOK_FILE: &str = "book-root.txt";
/// How long a preview folder not used is kept (it makes a restarted preview fast).
const PREVIEW_KEPT: std::time::Duration = std::time::Duration::from_secs(30 * 24 * 3600);

/// Removes this user's preview folders in `tmp` (but `mine`) that no preview is using and
/// that are of a book no longer there (a book tried out in a temporary folder, moved or
/// deleted) or not used for `kept`: each run of `serve` on a new book left one behind, and
/// an admin found twenty (IT admin review). Best effort: what cannot be read or removed is
/// left.
fn sweep_previews(tmp: &Path, mine: &Path, kept: std::time::Duration) {
    let Ok(entries) = std::fs::read_dir(tmp) else {
        return;
    };
    for e in entries.flatten() {
        let dir = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        let ours = PREVIEW_KINDS
            .iter()
            .any(|k| name.starts_with(&format!("handbook-{k}-")));
        if !ours || dir == mine || !own_folder(&dir).unwrap_or(false) {
            continue;
        }
        // (In use: its server holds the lock. One with no lock file is being made.)
        let Ok(lock) = std::fs::File::options().write(true).open(dir.join(".lock")) else {
            continue;
        };
        if lock.try_lock().is_err() {
            continue;
        }
        let gone = std::fs::read_to_string(dir.join(BOOK_FILE))
            .is_ok_and(|book| !Path::new(book.trim()).is_dir());
        // (Last used: the book file is written at each start of a preview.)
        let used = std::fs::metadata(dir.join(BOOK_FILE))
            .or_else(|_| std::fs::metadata(&dir))
            .and_then(|m| m.modified());
        let old = used.is_ok_and(|t| t.elapsed().is_ok_and(|age| age > kept));
        if gone || old {
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
}

/// Makes `dir` (readable by its owner only), or checks that it is this user's alone: false
/// when it is someone else's (or others may read it). Also `check --search`'s scratch folder:
/// a book's trainer-only text must not be readable by other users of a shared computer.
pub(crate) fn own_folder(dir: &Path) -> std::io::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
        if !dir.exists() {
            std::fs::DirBuilder::new().mode(0o700).create(dir)?;
        }
        let meta = std::fs::symlink_metadata(dir)?;
        // Who we are: the owner of a file made now (no /proc on macOS).
        let probe = std::env::temp_dir().join(format!(".handbook-uid-{}", std::process::id()));
        let me = std::fs::File::create(&probe)
            .and_then(|f| f.metadata())
            .map(|m| m.uid())
            .ok();
        let _ = std::fs::remove_file(&probe);
        let theirs = me.is_some_and(|uid| uid != meta.uid());
        if !meta.is_dir() || theirs || meta.permissions().mode() & 0o077 != 0 {
            return Ok(false);
        }
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(dir)?;
    Ok(true)
}

/// The address other computers reach this one at: the local end of a route to an outside
/// address (a UDP socket only picks its route when connected; nothing is sent).
fn lan_address(v6: bool) -> Option<std::net::IpAddr> {
    let (bind, probe) = if v6 {
        ("[::]:0", "[2001:db8::1]:80")
    } else {
        ("0.0.0.0:0", "192.0.2.1:80")
    };
    let socket = std::net::UdpSocket::bind(bind).ok()?;
    socket.connect(probe).ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_unspecified() && !ip.is_loopback()).then_some(ip)
}

fn url_of(ip: std::net::IpAddr, port: u16) -> String {
    format!("http://{}/", std::net::SocketAddr::new(ip, port))
}

/// The line `serve` prints when it listens beyond this computer (`--bind 0.0.0.0`, an
/// address of the network): the preview has no password, and with `--drafts` it shows drafts
/// and exam papers with their answer keys to whoever opens it.
pub fn network_warning(drafts: bool) -> String {
    let drafts = match drafts {
        true => t!(
            " (with --drafts, the drafts and the exam papers with their answer keys too)",
            "（加了 --drafts，草稿和带参考答案的考试试卷他们也都能看到）"
        ),
        false => String::new(),
    };
    t!(
        "warning: anyone on the network can open this preview, with no password{drafts}. It is a preview, not for publishing: publish the site `handbook build` makes.",
        "警告: 网络上的任何人都能打开这个预览，不需要密码{drafts}。这只是预览，不要用来正式发布：发布请用 `handbook build` 生成的网站。"
    )
}

/// `handbook serve`: runs until interrupted.
pub fn serve(opts: ServeOptions) -> anyhow::Result<()> {
    let (addr, shared, _watcher) = start(&opts)?;
    let url = format!("http://{addr}/");
    if addr.ip().is_loopback() {
        println!("{}", t!("Serving the handbook at {url} (this computer only; use --bind 0.0.0.0 to share it on the network)", "手册预览地址：{url}（只有本机能打开；加 --bind 0.0.0.0 可以让网络上的其他电脑打开）"));
    } else if addr.ip().is_unspecified() {
        // 0.0.0.0 is no address a colleague can open: the one this computer is reached at.
        let port = addr.port();
        // (Bound to `::`, most systems take IPv4 connections too: an intranet is often IPv4
        // only, so its address comes first.)
        match lan_address(false).or_else(|| lan_address(addr.is_ipv6()).filter(|_| addr.is_ipv6())) {
            Some(ip) => println!(
                "{}",
                t!(
                    "Serving the handbook at {} for other computers on the network, and at {} on this one",
                    "手册预览地址：网络上的其他电脑打开 {}，本机打开 {}",
                    url_of(ip, port),
                    url_of(if addr.is_ipv6() { std::net::Ipv6Addr::LOCALHOST.into() } else { std::net::Ipv4Addr::LOCALHOST.into() }, port),
                )
            ),
            None => println!("{}", t!("Serving the handbook on every address of this computer, port {port} (reachable from other computers on the network)", "手册预览在本机的所有地址上提供，端口 {port}（网络上的其他电脑也能打开）")),
        }
    } else {
        println!(
            "{}",
            t!(
                "Serving the handbook at {url} (reachable from other computers on the network)",
                "手册预览地址：{url}（网络上的其他电脑也能打开）"
            )
        );
    }
    if !addr.ip().is_loopback() {
        println!("{}", network_warning(opts.drafts));
    }
    if opts.drafts {
        println!(
            "{}",
            t!(
                "Drafts (draft: true) are shown too, marked 草稿.",
                "草稿（draft: true）也会显示，标着“草稿”。"
            )
        );
    }
    let folder = shared.dest.display();
    println!(
        "{}",
        match opts.dest.is_some() {
            true => t!("This preview is built in {folder}.", "预览生成在 {folder}。"),
            false => t!(
                "This preview is built in {folder}, apart from the site `handbook build` writes for publishing.",
                "预览生成在 {folder}，和 `handbook build` 为发布生成的网站分开。"
            ),
        }
    );
    println!(
        "{}",
        t!(
            "Watching for changes. Press Ctrl+C to stop.",
            "正在监视改动。按 Ctrl+C 停止。"
        )
    );
    use std::io::Write;
    let _ = std::io::stdout().flush();
    if opts.open {
        open_browser(&url);
    }
    loop {
        std::thread::park();
    }
}

fn open_browser(url: &str) {
    #[cfg(target_os = "windows")]
    let r = std::process::Command::new("cmd")
        .args(["/C", "start", "", url])
        .spawn();
    #[cfg(target_os = "macos")]
    let r = std::process::Command::new("open").arg(url).spawn();
    #[cfg(not(any(target_os = "windows", target_os = "macos")))]
    let r = std::process::Command::new("xdg-open").arg(url).spawn();
    if let Err(e) = r {
        eprintln!(
            "{}",
            t!(
                "could not open a browser ({e}); open {url} yourself",
                "无法打开浏览器（{e}）；请自己打开 {url}"
            )
        );
    }
}

#[cfg(test)]
mod tests {
    /// Preview folders left over are swept: a book no longer there, or one not used for the
    /// time kept; one in use (its lock held), one just being made (no lock file yet), and
    /// what is not a preview folder are left.
    #[cfg(unix)]
    #[test]
    fn preview_folders_of_books_gone_or_long_unused_are_swept() {
        use std::os::unix::fs::DirBuilderExt;
        let tmp = tempfile::tempdir().unwrap();
        let book = tempfile::tempdir().unwrap();
        let make = |name: &str, of: Option<&std::path::Path>| {
            let d = tmp.path().join(name);
            std::fs::DirBuilder::new().mode(0o700).create(&d).unwrap();
            std::fs::create_dir(d.join("site")).unwrap();
            std::fs::write(d.join(".lock"), "").unwrap();
            if let Some(b) = of {
                std::fs::write(d.join(super::BOOK_FILE), b.to_string_lossy().as_bytes()).unwrap();
            }
            d
        };
        let mine = make("handbook-preview-0000000000000001", Some(book.path()));
        let gone = make(
            "handbook-preview-0000000000000002",
            Some(&tmp.path().join("deleted")),
        );
        let drafts_gone = make(
            "handbook-drafts-0000000000000003",
            Some(&tmp.path().join("x")),
        );
        let live = make("handbook-preview-0000000000000004", Some(book.path()));
        let busy = make(
            "handbook-preview-0000000000000005",
            Some(&tmp.path().join("y")),
        );
        let held = std::fs::File::options()
            .write(true)
            .open(busy.join(".lock"))
            .unwrap();
        held.lock().unwrap();
        let making = make("handbook-preview-0000000000000006", None);
        std::fs::remove_file(making.join(".lock")).unwrap();
        let other = make(
            "someone-elses-0000000000000007",
            Some(&tmp.path().join("z")),
        );
        super::sweep_previews(tmp.path(), &mine, super::PREVIEW_KEPT);
        for (d, kept) in [
            (&mine, true),
            (&gone, false),
            (&drafts_gone, false),
            (&live, true),
            (&busy, true),
            (&making, true),
            (&other, true),
        ] {
            assert_eq!(d.exists(), kept, "{}", d.display());
        }
        // Not used for longer than kept: swept, its book there or not.
        super::sweep_previews(tmp.path(), &mine, std::time::Duration::ZERO);
        assert!(!live.exists() && mine.exists() && busy.exists());
        drop(held);
    }
    /// The index is overwritten where it is: the server must not read an index file while
    /// the rebuild writes it, or it could send half of one (the old build's stamp line, the new
    /// build's postings). Other files are read at once.
    #[test]
    fn the_server_reads_no_index_file_while_the_index_is_written() {
        use std::sync::mpsc;
        use std::time::Duration;
        let t = tempfile::tempdir().unwrap();
        let dest = t.path().join("site");
        std::fs::create_dir_all(dest.join("search")).unwrap();
        std::fs::write(dest.join("search/s0.js"), "old").unwrap();
        std::fs::write(dest.join("index.html"), "page").unwrap();
        let shared = std::sync::Arc::new(super::Shared::new(dest.clone()));
        let writing = shared.index.write().unwrap();
        let (tx, rx) = mpsc::channel();
        for rel in ["index.html", "search/s0.js"] {
            let (shared, tx) = (std::sync::Arc::clone(&shared), tx.clone());
            let file = dest.canonicalize().unwrap().join(rel);
            std::thread::spawn(move || tx.send(shared.read(&file).unwrap()).unwrap());
        }
        let page = rx.recv_timeout(Duration::from_secs(10)).unwrap();
        assert_eq!(page, b"page");
        assert!(
            rx.recv_timeout(Duration::from_millis(300)).is_err(),
            "an index file read while the index is written"
        );
        std::fs::write(dest.join("search/s0.js"), "new").unwrap();
        drop(writing);
        assert_eq!(rx.recv_timeout(Duration::from_secs(10)).unwrap(), b"new");
    }

    /// vim's swap file, rewritten every few seconds while the trainer types, an editor's
    /// temporary file and Emacs's lock are no change; a lesson is, and so is .htaccess.
    #[test]
    fn files_the_build_never_reads_are_no_change() {
        let t = tempfile::tempdir().unwrap();
        let dest = t.path().join("site");
        let mut known = std::collections::HashMap::new();
        for name in [
            ".time-limits.md.swp",
            "time-limits.md.tmp",
            "~WRL0005.tmp",
            ".#x.md",
            "x.md~",
        ] {
            let p = t.path().join(name);
            std::fs::write(&p, "x").unwrap();
            assert!(!super::really_changed(&mut known, &[p], &dest), "{name}");
        }
        for name in ["time-limits.md", ".htaccess"] {
            let p = t.path().join(name);
            std::fs::write(&p, "x").unwrap();
            assert!(super::really_changed(&mut known, &[p], &dest), "{name}");
        }
    }

    #[test]
    fn the_network_warning_says_no_password_and_with_drafts_the_answer_keys() {
        let plain = super::network_warning(false);
        assert!(plain.contains("no password"), "{plain}");
        assert!(!plain.contains("answer keys"), "{plain}");
        assert!(super::network_warning(true).contains("exam papers with their answer keys"));
        let zh = crate::i18n::in_chinese(|| super::network_warning(true));
        assert!(zh.starts_with("警告: 网络上的任何人都能打开"), "{zh}");
        assert!(
            zh.contains("不需要密码") && zh.contains("带参考答案的考试试卷"),
            "{zh}"
        );
        let zh = crate::i18n::in_chinese(|| super::network_warning(false));
        assert!(!zh.contains("草稿") && zh.ends_with("。"), "{zh}");
    }
}
