//! A harness that times the search index alone on a book (not run by default):
//! `HANDBOOK_BENCH_BOOK=/path/to/book cargo test --release --lib bench_index -- --ignored --nocapture`.
//! Prints the CPU time of preparing (sections) and encoding, and a hash of the files.

use super::*;

fn cpu() -> f64 {
    // utime + stime of the process, in clock ticks (1/100 s).
    let s = std::fs::read_to_string("/proc/self/stat").unwrap();
    let f: Vec<&str> = s.rsplit(')').next().unwrap().split_whitespace().collect();
    (f[11].parse::<f64>().unwrap() + f[12].parse::<f64>().unwrap()) / 100.0
}

#[test]
#[ignore]
fn bench_index() {
    let Some(root) = std::env::var_os("HANDBOOK_BENCH_BOOK") else {
        return;
    };
    let root = std::path::PathBuf::from(root);
    let reps: usize = std::env::var("HANDBOOK_BENCH_REPS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let config = crate::config::Config::load_all(&root).ok().unwrap();
    let (theme, theme_at) = (config.build.theme.clone(), config.build.theme_at);
    let templates = crate::render::templates::Templates::load(&root, &theme, theme_at)
        .ok()
        .unwrap();
    let mut report = crate::Report::default();
    let book = crate::load_book(&root, config, &mut report, false, None);
    let renderer = crate::render::pages::Renderer::new(&book, &templates);
    let rendered = renderer.render_markdown(None);
    let (mut prep, mut enc) = (Vec::new(), Vec::new());
    let mut hash = String::new();
    for _ in 0..reps {
        let t = cpu();
        let p = prepare(&book, &rendered);
        let t1 = cpu();
        let idx = encode(p);
        let t2 = cpu();
        prep.push(t1 - t);
        enc.push(t2 - t1);
        use std::hash::Hasher;
        let mut h = rustc_hash::FxHasher::default();
        for (name, bytes) in &idx.files {
            h.write(name.as_bytes());
            h.write(bytes);
        }
        hash = format!("{:x} files {}", h.finish(), idx.files.len());
        drop(idx);
    }
    let med = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    eprintln!(
        "BENCH prepare {:.2} s (all {prep:?}) encode {:.2} s (all {enc:?}) hash {hash}",
        med(&mut prep.clone()),
        med(&mut enc.clone())
    );
}

// The allocator of `handbook` itself (src/main.rs), so that the times are those of a build.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
