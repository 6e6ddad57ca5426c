//! One function per kind of page. Templates get plain serialisable view models, never the
//! internal types, and nothing per page scales with the size of the book: the sidebar is
//! written once into `nav.js`.

use super::collate;
use super::markdown::{self, Rendered, TocEntry};
use super::paper;
use super::templates::Templates;
use crate::book::{urls, Book, CourseTarget, PageKind, PageLinks, TagGroup};
use crate::content::quiz::QuestionType;
use crate::content::rule::{format_value, Revision, Rule};
use crate::content::spans::TextAt;
use crate::diagnostics::Diagnostic;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

mod print;
use print::PrintLinks;

/// Rendered Markdown by page path, with the hash of what it was rendered from.
pub type MarkdownCache = std::sync::Mutex<HashMap<String, (u64, Rendered)>>;

/// What the preview server keeps of the rendering from one rebuild to the next, besides the
/// pages' Markdown ([`MarkdownCache`]): an edit to one lesson changes a page or two, yet every
/// rule card, quiz, print page and tag page used to be run through its template again, and
/// the Markdown of every rule's, quiz's and term's fields and of every printed page rendered
/// again (at 310 lessons and 400 rules, most of a rebuild). Each is found again by a hash of
/// everything it is made from: a page by its template and the whole of its template's context
/// (the same template with the same values writes the same bytes); a field by its text, the
/// page it is shown on and the book's link targets. Entries not used by a rebuild are dropped
/// after it; a change to any template empties the cache of pages.
#[derive(Default)]
pub struct RenderCache {
    /// Template and context -> the page's bytes.
    pages: Memo<Vec<u8>>,
    /// A field's Markdown and where it is shown -> its HTML and its mistakes (placed in the
    /// field's text: the field's place in its file is added when used).
    fields: Memo<(String, Vec<Diagnostic>)>,
    /// A page's Markdown as printed (`print/`) -> its HTML.
    printed: Memo<String>,
    /// The templates the pages were rendered with (their parsed form, by name).
    templates: std::sync::Mutex<HashMap<String, Vec<tera::ast::Node>>>,
    /// How many pages the last rebuild ran through their templates.
    templated: std::sync::atomic::AtomicUsize,
    /// Where each page names the build's scripts ([`super::versions::ScanCache`]).
    stamps: super::versions::ScanCache,
}

impl RenderCache {
    /// How many pages the last rebuild ran through their templates (the others were unchanged).
    pub fn templated(&self) -> usize {
        self.templated.load(std::sync::atomic::Ordering::Relaxed)
    }
}

/// Values kept by a 128-bit key, from one rebuild to the next: those a rebuild did not use
/// are dropped after it (`next` holds this rebuild's, `last` the previous one's).
struct Memo<V> {
    maps: std::sync::Mutex<(HashMap<u128, V>, HashMap<u128, V>)>,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo {
            maps: Default::default(),
        }
    }
}

impl<V: Clone> Memo<V> {
    fn get(&self, key: u128) -> Option<V> {
        let mut maps = self.maps.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(v) = maps.0.get(&key) {
            return Some(v.clone());
        }
        let v = maps.1.remove(&key)?;
        maps.0.insert(key, v.clone());
        Some(v)
    }

    fn put(&self, key: u128, v: V) {
        let mut maps = self.maps.lock().unwrap_or_else(|e| e.into_inner());
        maps.0.insert(key, v);
    }

    /// A rebuild starts: what the one before did not use is dropped.
    fn rebuild(&self) {
        let mut maps = self.maps.lock().unwrap_or_else(|e| e.into_inner());
        maps.1 = std::mem::take(&mut maps.0);
    }

    fn clear(&self) {
        let mut maps = self.maps.lock().unwrap_or_else(|e| e.into_inner());
        *maps = Default::default();
    }
}

/// A 128-bit key of the bytes written to it: SipHash (the standard library's) and FxHash of
/// the same bytes, and their count.
#[derive(Default)]
pub(crate) struct KeyWriter {
    sip: std::collections::hash_map::DefaultHasher,
    fx: rustc_hash::FxHasher,
    len: u64,
}

impl KeyWriter {
    pub(crate) fn key(&self) -> u128 {
        use std::hash::Hasher;
        (u128::from(self.sip.finish()) << 64) | u128::from(self.fx.finish() ^ self.len)
    }
}

impl std::io::Write for KeyWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        use std::hash::Hasher;
        self.sip.write(buf);
        self.fx.write(buf);
        self.len += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The key of `parts` (anything hashable), for [`Memo`].
fn key_of(parts: impl std::hash::Hash) -> u128 {
    let mut w = KeyWriter::default();
    parts.hash(&mut w.sip);
    parts.hash(&mut w.fx);
    w.key()
}

/// A file of the finished site: path relative to the output root, and its bytes.
pub type OutputFile = (String, Vec<u8>);

#[derive(Serialize, Clone)]
struct SiteView {
    title: String,
    /// book.toml's `id`, else the title: what learners' browsers keep their progress under.
    id: String,
    description: String,
    language: String,
    authors: Vec<String>,
    footer: Option<String>,
    /// The latest revision date of any rule or page (`YYYY-MM-DD`), for the footer: how
    /// current a copy is (on a shared drive or a laptop, it may not be).
    updated: Option<String>,
    /// `[output] site-url`, ending in `/`: lets the 404 page find the site from any depth.
    site_url: Option<String>,
    has_rules: bool,
    has_quizzes: bool,
    has_glossary: bool,
    /// `glossary/terms.js` is written and lessons load it ([`OutputConfig::glossary_hints`]).
    has_term_hints: bool,
    has_course: bool,
    /// `[search] enabled`: the search box, its script and the search page.
    has_search: bool,
    /// The print pages, `print/` (`[output] print`).
    has_print: bool,
    /// Some page has tags: `tags/` lists them.
    has_tags: bool,
    /// Some page has a good example dialogue: `phrases/` (话术汇编) collects them.
    has_phrases: bool,
    /// The theme (or a partial theme beside book.toml) has `static/css/custom.css`: every
    /// page loads it after the theme's styles.
    has_custom_css: bool,
    /// The theme's stamp: pages load `static/css/main.{{ site.stamp }}.css` and so on
    /// ([`Templates::stamp`]).
    stamp: String,
}

#[derive(Serialize, Clone, Debug)]
pub struct Link {
    pub title: String,
    pub href: String,
}

#[derive(Serialize)]
struct SourceView {
    id: String,
    title: String,
    description: String,
}

#[derive(Serialize)]
struct TreeNode {
    title: String,
    summary: String,
    href: String,
    children: Vec<TreeNode>,
}

#[derive(Serialize)]
struct PageView {
    kind: &'static str,
    title: String,
    /// The id the title heading carries (`# 标题 {#id}` at the top of the text).
    title_id: Option<String>,
    summary: String,
    dir: String,
    content: String,
    toc: Vec<TocEntry>,
    breadcrumbs: Vec<Link>,
    prev: Option<Link>,
    next: Option<Link>,
    tags: Vec<String>,
    /// The tags again, each with its page under `tags/`.
    tag_links: Vec<Link>,
    audience: Vec<&'static str>,
    sources: Vec<SourceView>,
    children: Vec<TreeNode>,
    reading_minutes: usize,
    /// Newest first.
    revised: Vec<Revision>,
    /// `draft: true` (built only with `--drafts`, for a preview).
    draft: bool,
    /// The sections that moved to other pages (a lesson split in two): id, title, and the
    /// page and link they are at now.
    moved_sections: Vec<serde_json::Value>,
}

pub struct Renderer<'a> {
    pub book: &'a Book,
    pub templates: &'a Templates,
    site: SiteView,
    tags: Vec<TagGroup>,
    /// Tag -> its folder name under `tags/`.
    tag_slugs: HashMap<String, String>,
    /// `path#id` -> heading text, for the lesson sections YAML lists name (`related:
    /// [lesson:path#id]`); filled by [`Renderer::check_anchors`].
    sections: std::sync::OnceLock<HashMap<String, String>>,
    /// Links to an anchor on a site page (`[[course#module-2]]`), with their files; filled by
    /// [`Renderer::check_anchors`], checked by [`Renderer::render_site`].
    site_anchors: std::sync::OnceLock<Vec<(std::path::PathBuf, markdown::AnchorCheck)>>,
    /// Heading text of each section that moved to another page (`aliases: [old#id]`), by the
    /// alias's index in the book's `section_aliases`; filled by [`Renderer::check_anchors`].
    moved_titles: std::sync::OnceLock<Vec<String>>,
    /// The course's items in order, and each page folder's first place among them: the course
    /// bar of a lesson, rule or quiz that is part of the course, and the list in nav.js.
    course_items: Vec<CourseItem>,
    course_at: HashMap<String, usize>,
    /// The preview server's, kept from one rebuild to the next ([`Renderer::with_cache`]).
    cache: Option<&'a RenderCache>,
    /// [`Book::link_universe`] and what else links resolve by ([`Renderer::universe`]).
    universe: std::sync::OnceLock<u64>,
    /// A key of the print pages' ids of what they print ([`Renderer::printing`]).
    printed: std::sync::RwLock<Option<u128>>,
}

/// An item of the course, in its order: its module, kind (lesson, rule, quiz), id (a lesson's
/// path), title as the course shows it, and page folder.
struct CourseItem {
    module: usize,
    kind: &'static str,
    id: String,
    title: String,
    dir: String,
}

/// Where a page is in the course (`course.yaml`): its module, its place in it, and the items
/// before and after it in the course's order (which is not the sidebar's).
#[derive(Serialize)]
struct CourseStep {
    course: Link,
    module: usize,
    module_title: String,
    /// The module on the course page.
    module_href: String,
    index: usize,
    count: usize,
    prev: Option<Link>,
    next: Option<Link>,
    /// The next item opens another module: its title.
    next_module: Option<String>,
}

impl<'a> Renderer<'a> {
    pub fn new(book: &'a Book, templates: &'a Templates) -> Self {
        let c = &book.config;
        let tags = book.tag_groups();
        let tag_slugs = tags
            .iter()
            .map(|g| (g.name.clone(), g.slug.clone()))
            .collect();
        let mut course_items = Vec::new();
        let mut course_at = HashMap::new();
        if let Some(course) = &book.course {
            for (mi, m) in course.value.modules.iter().enumerate() {
                for it in &m.items {
                    let (kind, id, title, dir) = match book.course_target(it) {
                        Some(CourseTarget::Lesson(p)) => {
                            ("lesson", p.path.clone(), p.front.title.clone(), p.dir())
                        }
                        Some(CourseTarget::Rule(x)) => (
                            "rule",
                            x.id.clone(),
                            format!("{}（{}）", x.title, x.id),
                            urls::rule(&x.id),
                        ),
                        Some(CourseTarget::Quiz(q)) => {
                            ("quiz", q.id.clone(), q.title.clone(), urls::quiz(&q.id))
                        }
                        None => continue,
                    };
                    course_at.entry(dir.clone()).or_insert(course_items.len());
                    course_items.push(CourseItem {
                        module: mi,
                        kind,
                        id,
                        title,
                        dir,
                    });
                }
            }
        }
        Renderer {
            book,
            templates,
            course_items,
            course_at,
            tag_slugs,
            sections: Default::default(),
            site_anchors: Default::default(),
            moved_titles: Default::default(),
            cache: None,
            universe: Default::default(),
            printed: Default::default(),
            site: SiteView {
                title: c.title.clone(),
                id: c.id.clone().unwrap_or_else(|| c.title.clone()),
                description: c.description.clone(),
                language: c.language.clone(),
                authors: c.authors.clone(),
                footer: c.output.footer.clone(),
                updated: book
                    .rules
                    .iter()
                    .flat_map(|r| &r.value.revised)
                    .chain(book.pages.iter().flat_map(|p| &p.front.revised))
                    .map(|r| r.date.trim())
                    // (A date after today is a slip, warned about by check.)
                    .filter(|d| {
                        crate::content::calendar::parse_day(d)
                            .is_some_and(|n| n <= crate::content::calendar::today() + 1)
                    })
                    .max()
                    .map(str::to_string),
                site_url: c.output.site_url.as_ref().map(|u| {
                    if u.ends_with('/') {
                        u.clone()
                    } else {
                        format!("{u}/")
                    }
                }),
                has_rules: !book.rules.is_empty(),
                has_quizzes: !book.quizzes.is_empty(),
                has_glossary: !book.glossary.is_empty(),
                has_term_hints: !book.glossary.is_empty()
                    && c.output.glossary_hints.unwrap_or(true),
                has_course: book.course.is_some(),
                has_search: c.search.enabled,
                has_print: c.output.print_enabled(book.pages.len()),
                has_tags: !tags.is_empty(),
                has_phrases: book.has_phrases(),
                has_custom_css: templates.statics.contains_key("css/custom.css"),
                stamp: templates.stamp.clone(),
            },
            tags,
        }
    }

    /// Keeps pages and fields' Markdown in `cache` (the preview server's) and takes them from
    /// it when what they are made from is unchanged. Starts a rebuild of `cache`: what the
    /// previous rebuild did not use is dropped after this one, and a change to any template
    /// empties its pages.
    pub fn with_cache(mut self, cache: &'a RenderCache) -> Self {
        let now = &self.templates.tera.templates;
        let mut seen = cache.templates.lock().unwrap_or_else(|e| e.into_inner());
        let same = seen.len() == now.len()
            && now
                .iter()
                .all(|(name, t)| seen.get(name).is_some_and(|ast| *ast == t.ast));
        if !same {
            *seen = now
                .iter()
                .map(|(name, t)| (name.clone(), t.ast.clone()))
                .collect();
            cache.pages.clear();
        }
        cache.pages.rebuild();
        cache
            .templated
            .store(0, std::sync::atomic::Ordering::Relaxed);
        cache.fields.rebuild();
        cache.printed.rebuild();
        self.cache = Some(cache);
        self
    }

    /// What a link in Markdown resolves by: [`Book::link_universe`], the pages', rules' and
    /// quizzes' former names, whether drafts are shown, and the day (a link to a repealed
    /// rule is warned about from the day it is repealed).
    fn universe(&self) -> u64 {
        *self.universe.get_or_init(|| {
            use std::hash::{Hash, Hasher};
            let b = self.book;
            let mut h = rustc_hash::FxHasher::default();
            b.link_universe().hash(&mut h);
            b.aliases.hash(&mut h);
            let mut old: Vec<_> = b.rule_aliases.iter().chain(&b.quiz_aliases).collect();
            old.sort();
            old.hash(&mut h);
            for s in &b.section_aliases {
                (&s.old, &s.anchor, s.page).hash(&mut h);
            }
            (b.preview, crate::content::calendar::today()).hash(&mut h);
            // (And the readers the site is for: parts for others are left out.)
            b.config.build.readers.hash(&mut h);
            // (And the language of its messages.)
            crate::i18n::zh().hash(&mut h);
            h.finish()
        })
    }

    /// Notes the key of the print pages' map of what they print (href -> id), before their
    /// fields' Markdown is rendered with it.
    fn printing(&self, map: &HashMap<String, String>) {
        if self.cache.is_some() {
            let mut all: Vec<_> = map.iter().collect();
            all.sort_unstable();
            *self.printed.write().unwrap_or_else(|e| e.into_inner()) = Some(key_of(all));
        }
    }

    /// `template` rendered with `ctx`; with a cache, taken from it when the same template was
    /// rendered with the same values before.
    fn render_page(&self, template: &str, ctx: &mut tera::Context) -> Result<Vec<u8>, Diagnostic> {
        let Some(cache) = self.cache else {
            return self.templates.render(template, ctx);
        };
        // (The context's values moved out and back: tera keeps them as JSON values.)
        let values = std::mem::take(ctx).into_json();
        let mut w = std::io::BufWriter::with_capacity(16 * 1024, KeyWriter::default());
        {
            use std::io::Write;
            let _ = w.write_all(template.as_bytes());
            let _ = w.write_all(&[0]);
        }
        let written = serde_json::to_writer(&mut w, &values);
        *ctx = tera::Context::from_value(values).unwrap_or_default();
        let key = match (written, w.into_inner()) {
            (Ok(()), Ok(k)) => Some(k.key()),
            _ => None,
        };
        if let Some(html) = key.and_then(|k| cache.pages.get(k)) {
            return Ok(html);
        }
        let html = self.templates.render(template, ctx)?;
        cache
            .templated
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if let Some(k) = key {
            cache.pages.put(k, html.clone());
        }
        Ok(html)
    }

    fn context(&self, dir: &str) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("site", &self.site);
        ctx.insert("root", &urls::root_prefix(dir));
        ctx.insert("dir", dir);
        if let Some(step) = self.course_step(dir) {
            ctx.insert("course_step", &step);
        }
        ctx
    }

    /// The course bar of the page in `dir`, if the course has it.
    fn course_step(&self, dir: &str) -> Option<CourseStep> {
        let &n = self.course_at.get(dir)?;
        let course = self.book.course.as_ref()?;
        let mi = self.course_items[n].module;
        let module = &course.value.modules[mi];
        // (Items of a module are consecutive: its first and its count.)
        let start = self.course_items[..n]
            .iter()
            .rposition(|it| it.module != mi)
            .map_or(0, |k| k + 1);
        let count = self.course_items[start..]
            .iter()
            .take_while(|it| it.module == mi)
            .count();
        let link = |k: usize| {
            let it = &self.course_items[k];
            Link {
                title: it.title.clone(),
                href: urls::href(dir, &it.dir),
            }
        };
        let next = self.course_items.get(n + 1).map(|_| n + 1);
        Some(CourseStep {
            course: Link {
                title: course.value.title.clone(),
                href: urls::href(dir, urls::COURSE),
            },
            module: mi + 1,
            module_title: module.title.clone(),
            module_href: format!("{}#{}", urls::href(dir, urls::COURSE), module.anchor(mi)),
            index: n - start + 1,
            count,
            prev: n.checked_sub(1).map(link),
            next: next.map(link),
            next_module: next
                .map(|k| self.course_items[k].module)
                .filter(|&m| m != mi)
                .map(|m| course.value.modules[m].title.clone()),
        })
    }

    fn link_to(&self, from: &str, page: usize) -> Link {
        let p = &self.book.pages[page];
        Link {
            title: p.front.title.clone(),
            href: urls::href(from, &p.dir()),
        }
    }

    fn tree(&self, from: &str, page: usize, depth: usize) -> Vec<TreeNode> {
        self.book.pages[page]
            .children
            .iter()
            .map(|&c| {
                let p = &self.book.pages[c];
                TreeNode {
                    title: p.front.title.clone(),
                    summary: p.front.summary.clone(),
                    href: urls::href(from, &p.dir()),
                    children: if depth > 1 {
                        self.tree(from, c, depth - 1)
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect()
    }

    /// Renders Markdown from a YAML field; links resolve relative to the page at `dir`.
    fn field_md(
        &self,
        text: &str,
        dir: &str,
        file: &Path,
        at: TextAt,
        diags: &mut Vec<Diagnostic>,
    ) -> String {
        self.field_md_on(text, dir, None, file, at, diags)
    }

    /// A field's Markdown as shown on the page in `dir`; on the print pages (`printed`: see
    /// [`Renderer::print_pages`]) its links to what is printed there jump within it. Errors in
    /// it are placed in the YAML file by where the field's text is (`at`).
    fn field_md_on(
        &self,
        text: &str,
        dir: &str,
        printed: Option<(&HashMap<String, String>, &str)>,
        file: &Path,
        at: TextAt,
        diags: &mut Vec<Diagnostic>,
    ) -> String {
        if text.trim().is_empty() {
            return String::new();
        }
        // (Where it is printed: the ids its links jump to there, noted by the print pages.)
        let printed_key = match printed {
            None => Some(None),
            Some((_, prefix)) => self
                .printed
                .read()
                .unwrap_or_else(|e| e.into_inner())
                .map(|map| Some((map, prefix))),
        };
        let key = self
            .cache
            .zip(printed_key)
            .map(|(c, printed)| (c, key_of((self.universe(), text, dir, printed, file))));
        let place = |ds: Vec<Diagnostic>, diags: &mut Vec<Diagnostic>| {
            diags.extend(ds.into_iter().map(|mut d| {
                (d.line, d.col) = at.place(d.line, d.col.max(1));
                d
            }));
        };
        if let Some((html, ds)) = key.and_then(|(c, k)| c.fields.get(k)) {
            place(ds, diags);
            return html;
        }
        let links = PageLinks::for_fields(self.book, dir);
        let r = match printed {
            Some((printed, prefix)) => markdown::render(
                text,
                file,
                1,
                &PrintLinks {
                    inner: links,
                    prefix: prefix.to_string(),
                    printed,
                },
            ),
            None => markdown::render(text, file, 1, &links),
        };
        if let Some((c, k)) = key {
            c.fields.put(k, (r.html.clone(), r.diagnostics.clone()));
        }
        place(r.diagnostics, diags);
        r.html
    }

    /// Like `field_md` but without the wrapping paragraph for one-paragraph text.
    fn field_inline(
        &self,
        text: &str,
        dir: &str,
        file: &Path,
        at: TextAt,
        diags: &mut Vec<Diagnostic>,
    ) -> String {
        unwrap_paragraph(&self.field_md(text, dir, file, at, diags))
    }

    /// Renders every page's Markdown. With a cache (the preview server), a page whose source
    /// and link targets are unchanged since the last build is not rendered again.
    pub fn render_markdown(&self, cache: Option<&MarkdownCache>) -> Vec<Rendered> {
        let universe = cache.map(|_| self.universe());
        self.book
            .pages
            .par_iter()
            .map(|p| {
                let key = universe.map(|u| {
                    use std::hash::{Hash, Hasher};
                    let mut h = rustc_hash::FxHasher::default();
                    // (Where the lines came from too: a snippet moved, or lines added above the
                    // part included, leave the text as it was but its places changed.)
                    // (And the title's own id, which no heading of the text may take.)
                    let title_id = &p.front.title_id;
                    (u, &p.body, p.body_line, &p.file, &p.path, &p.origins, title_id).hash(&mut h);
                    h.finish()
                });
                if let (Some(c), Some(k)) = (cache, key) {
                    let map = c.lock().unwrap_or_else(|e| e.into_inner());
                    if let Some((old, r)) = map.get(&p.path) {
                        if *old == k {
                            return r.clone();
                        }
                    }
                }
                let links = PageLinks::new(self.book, p);
                let r = markdown::render_with(
                    &p.body,
                    &p.file,
                    p.body_line,
                    &links,
                    p.origins.as_deref(),
                    p.front.title_id.as_ref().map(|(id, l)| (id.as_str(), *l)),
                );
                if let (Some(c), Some(k)) = (cache, key) {
                    c.lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .insert(p.path.clone(), (k, r.clone()));
                }
                r
            })
            .zip(self.book.pages.par_iter())
            .map(|(mut r, p)| {
                // The title's own id (`# 标题 {#id}` it opened with) is one of the page's.
                if let Some((id, line)) = &p.front.title_id {
                    if !r.anchors.insert(id.clone()) {
                        r.diagnostics.push(
                            Diagnostic::error(
                                &p.file,
                                *line,
                                1,
                                t!(
                                    "heading id `{id}` is used twice on this page (the title has it)",
                                    "标题 id `{id}` 在这个页面上用了两次（页面标题已经用了它）"
                                ),
                            )
                            .with_hint(t!(
                                "give each heading its own {{#id}}",
                                "请给每个标题写一个不同的 {{#id}}"
                            )),
                        );
                    }
                }
                r
            })
            .collect()
    }

    /// Checks `#anchor` links against the anchors each page actually has: in the pages'
    /// Markdown, and the lesson sections named in YAML lists (`related: [lesson:path#id]`,
    /// a question's `lessons`), whose headings it keeps for the links' titles.
    pub fn check_anchors(&self, rendered: &[Rendered]) -> Vec<Diagnostic> {
        let mut out = self.check_section_aliases(rendered);
        out.extend(self.check_listed_sections(rendered));
        out.extend(self.check_markdown_anchors(rendered));
        out
    }

    /// Checks each section alias (`aliases: [old#id]`, a section that moved here) against the
    /// pages' ids: the section must be on the page that lists it, and gone from the old page
    /// (else old links would land on the old one and the alias would never act). Keeps the
    /// sections' headings, for the note the old page shows.
    fn check_section_aliases(&self, rendered: &[Rendered]) -> Vec<Diagnostic> {
        let book = self.book;
        let mut out = Vec::new();
        let mut titles = Vec::new();
        for s in &book.section_aliases {
            let p = &book.pages[s.page];
            let written = format!("{}#{}", s.old, s.anchor);
            let here = rendered.get(s.page);
            // (A section split out into a lesson of its own is its title, carrying its id.)
            let title = here
                .and_then(|r| r.toc.iter().find(|t| t.id == s.anchor))
                .map(|t| t.title.clone())
                .or_else(|| {
                    let own = p
                        .front
                        .title_id
                        .as_ref()
                        .is_some_and(|(id, _)| *id == s.anchor);
                    own.then(|| p.front.title.clone())
                })
                .unwrap_or_else(|| s.anchor.clone());
            titles.push(title);
            if here.is_some_and(|r| !r.anchors.contains(&s.anchor)) {
                let a = &s.anchor;
                let hint = t!("keep the section's old id on its heading here, `## 标题 {{#{a}}}`, so old links land on it", "请在这个页面的相应标题上保留这一小节原来的 id：`## 标题 {{#{a}}}`，这样旧链接才能跳到这里");
                out.push(
                    Diagnostic::error(
                        &p.file,
                        s.line,
                        s.col,
                        t!("alias `{written}` says the section `#{a}` moved to this page, and this page has no such section", "别名 `{written}` 说小节 `#{a}` 搬到了这个页面，可是这个页面没有这个小节"),
                    )
                    .with_hint(hint),
                );
                continue;
            }
            let Some(&old) = book.page_index.get(&s.old) else {
                continue;
            };
            if rendered
                .get(old)
                .is_some_and(|r| r.anchors.contains(&s.anchor))
            {
                let file = crate::diagnostics::display_path(&book.root, &book.pages[old].file);
                let shown = file.display();
                out.push(
                    Diagnostic::error(
                        &p.file,
                        s.line,
                        s.col,
                        t!(
                            "alias `{written}` names a section that is still on `{shown}`",
                            "别名 `{written}` 指的小节还在 `{shown}` 里"
                        ),
                    )
                    .with_hint(t!(
                        "links to `{written}` land there, not here: once the section is moved out of {shown} remove or rename its heading there; if it did not move, remove the alias",
                        "指向 `{written}` 的链接会跳到那里，而不是这里：小节从 {shown} 搬出来以后，请把那里的这个标题删掉或改名；如果小节并没有搬，请删掉这个别名"
                    ))
                    .naming(&file),
                );
            }
        }
        let _ = self.moved_titles.set(titles);
        out
    }

    /// The sections that moved from page `i` to others (see [`Renderer::check_section_aliases`]),
    /// linked from `from`: its note lists them, each under its old id.
    fn moved_sections(&self, i: usize, from: &str) -> Vec<serde_json::Value> {
        let book = self.book;
        let path = &book.pages[i].path;
        let titles = self.moved_titles.get();
        book.section_aliases
            .iter()
            .enumerate()
            .filter(|(_, s)| &s.old == path)
            .map(|(k, s)| {
                let to = &book.pages[s.page];
                let title = titles.and_then(|t| t.get(k)).unwrap_or(&s.anchor);
                serde_json::json!({
                    "id": s.anchor,
                    "title": title,
                    "page": to.front.title,
                    "href": format!("{}#{}", urls::href(from, &to.dir()), s.anchor),
                })
            })
            .collect()
    }

    /// Whether rule `id`'s card has the section `#anchor` (its headings: 适用情形, 时限,
    /// 办理步骤 ... each when the rule has that field), or why not: (message, hint). Not
    /// checked when the theme or book has its own rule-card.html, whose ids may differ.
    fn rule_anchor_problem(&self, id: &str, anchor: &str) -> Option<(String, String)> {
        let r = self.book.rule(id)?;
        if self.templates.custom.contains("rule-card.html") {
            return None;
        }
        let has = |v: bool, name: &'static str| v.then_some(name);
        // (In the card's order; 示范话术 and the backlinks depend on other files: not listed.)
        let fields = [
            has(!r.applies_when.is_empty(), "适用情形"),
            has(
                !r.time_limits.is_empty() || self.limit_lenders(r).next().is_some(),
                "时限",
            ),
            has(!r.steps.is_empty(), "办理步骤"),
            has(!r.must.is_empty(), "必须做到"),
            has(!r.must_not.is_empty(), "严禁"),
            has(!r.escalation.trim().is_empty(), "升级路径"),
            has(!r.related.is_empty(), "相关规则与课程"),
            has(!r.revised.is_empty(), "修订记录"),
            has(!r.sources.is_empty(), "资料来源"),
        ];
        let known: Vec<&str> = fields.into_iter().flatten().collect();
        let others = ["示范话术", "引用本规则的课程与测验"];
        if anchor.is_empty() || known.contains(&anchor) || others.contains(&anchor) {
            return None;
        }
        let id = &r.id;
        let message = t!(
            "rule `{id}`'s card has no section `#{anchor}`",
            "规则 `{id}` 的卡片上没有 `#{anchor}` 这一节"
        );
        let list = known.join("、");
        let hint = match crate::diagnostics::nearest(anchor, known.iter().copied()) {
            Some(n) => t!(
                "did you mean `#{n}`? the card's sections: {list}",
                "是不是想写 `#{n}`？卡片上的各节：{list}"
            ),
            None if known.is_empty() => t!(
                "link to the card itself, without `#`",
                "请直接链接卡片本身，不要写 `#`"
            ),
            None => t!(
                "the card's sections are {list}; a section shows when the rule has that field",
                "卡片上的各节是：{list}；规则里写了哪个字段，卡片上才有哪一节"
            ),
        };
        Some((message, hint))
    }

    /// Whether quiz `id`'s page has the part `#anchor` (a question's id, a scenario step's
    /// `question-step`, 相关内容), or why not: (message, hint). Not checked when the theme or
    /// book has its own quiz.html.
    fn quiz_anchor_problem(&self, id: &str, anchor: &str) -> Option<(String, String)> {
        let q = self.book.quiz(id)?;
        if anchor.is_empty() || self.templates.custom.contains("quiz.html") {
            return None;
        }
        let known = q.anchors();
        if known.iter().any(|k| k == anchor) {
            if q.exam && anchor != "相关内容" {
                // (The page would open the question as a practice: with its answer.)
                let id = &q.id;
                return Some((
                    t!("quiz `{id}` is an exam: a link to one of its questions would give away its answer", "测验 `{id}` 是考试：链接到其中的一道题会泄露它的答案"),
                    t!("link the exam as a whole (`quiz:{id}`), or a question of a practice quiz on the same topic", "请链接整场考试（`quiz:{id}`），或者链接同一主题练习测验里的题目"),
                ));
            }
            return None;
        }
        let id = &q.id;
        let message = t!(
            "quiz `{id}` has no question `#{anchor}`",
            "测验 `{id}` 里没有题目 `#{anchor}`"
        );
        let ids: Vec<&str> = q.questions.iter().map(|x| x.id.as_str()).collect();
        let hint = match crate::diagnostics::nearest(anchor, known.iter().map(String::as_str)) {
            Some(n) => t!(
                "did you mean `#{n}`? a link to a question opens it for practice on its own",
                "是不是想写 `#{n}`？链接到一道题，会单独打开这道题来练习"
            ),
            None => {
                let ids = ids.join("、");
                t!(
                    "name one of its questions by id ({ids}), or link the whole quiz without `#`",
                    "请写其中一道题的 id（{ids}），或者不写 `#`，链接整个测验"
                )
            }
        };
        Some((message, hint))
    }

    /// The problem with `#anchor` on a link to `kind:id` (a rule card or quiz page), if any.
    fn generated_anchor_problem(&self, kind: &str, id: &str, a: &str) -> Option<(String, String)> {
        match kind {
            "rule" => self.rule_anchor_problem(id, a),
            "quiz" => self.quiz_anchor_problem(id, a),
            "term" => self.book.term(id).map(|_| crate::book::term_anchor(id)),
            _ => None,
        }
    }

    fn check_listed_sections(&self, rendered: &[Rendered]) -> Vec<Diagnostic> {
        let book = self.book;
        let mut out = Vec::new();
        let mut titles = HashMap::new();
        for lr in book.listed_refs() {
            let (kind, id, Some(a)) = crate::book::split_ref(&lr.text) else {
                continue;
            };
            if kind != "lesson" {
                if let Some((m, h)) = self.generated_anchor_problem(kind, id, a) {
                    out.push(
                        Diagnostic::error(lr.file, lr.line, lr.col, format!("{}{m}", lr.label))
                            .with_hint(h),
                    );
                }
                continue;
            }
            // (A missing lesson is reported by the book's check.)
            let path = id.trim_end_matches(".md");
            let (true, Some(&i)) = (kind == "lesson", book.page_index.get(path)) else {
                continue;
            };
            let Some(r) = rendered.get(i) else { continue };
            if r.anchors.contains(a) {
                let title = r.toc.iter().find(|t| t.id == a).map(|t| t.title.clone());
                titles.insert(format!("{path}#{a}"), title.unwrap_or_default());
                continue;
            }
            // A section that moved (an alias `path#id` on the page that holds it now): the link
            // leads there; the reference is to be updated.
            if let Some(now) = book.moved_section(path, a) {
                let to = &book.pages[now].path;
                let title = rendered
                    .get(now)
                    .and_then(|r| r.toc.iter().find(|t| t.id == a))
                    .map(|t| t.title.clone());
                titles.insert(format!("{to}#{a}"), title.unwrap_or_default());
                // (A question's `lessons` names the path alone.)
                let fix = if lr.owner.starts_with("question ") {
                    format!("{to}#{a}")
                } else {
                    format!("lesson:{to}#{a}")
                };
                out.push(
                    Diagnostic::warning(
                        lr.file,
                        lr.line,
                        lr.col,
                        {
                            let owner = &lr.label;
                            t!("{owner}the section `#{a}` of lesson `{path}` has moved to `{to}`", "{owner}课程 `{path}` 的小节 `#{a}` 已经搬到了 `{to}`")
                        },
                    )
                    .with_hint(t!("write `{fix}` instead; meanwhile the link leads there, through `{path}#{a}` in that page's aliases", "请改成 `{fix}`；在改之前，这个链接会通过那个页面 `aliases` 里的 `{path}#{a}` 跳到那里")),
                );
                continue;
            }
            // As for a Markdown link: the nearest id, the heading the anchor spells, else the
            // lesson's sections (a heading renamed since, `{#when}` dropped, leaves none near).
            // (A question's `lessons` names the path alone.)
            let written = if lr.owner.starts_with("question ") {
                path.to_string()
            } else {
                format!("lesson:{path}")
            };
            let near = crate::diagnostics::nearest(a, r.toc.iter().map(|t| t.id.as_str()));
            let hint = match (near, titled(&r.toc, a)) {
                _ if a.is_empty() => t!("name a section after `#`, or write `lesson:{path}` for the whole lesson", "请在 `#` 后面写小节的 id；要链接整个课程，就写 `lesson:{path}`"),
                (Some(n), _) => t!("did you mean `#{n}`? a section's id is made from its heading text, or set with `## 标题 {{#id}}`", "是不是想写 `#{n}`？小节的 id 由标题文字生成，或者用 `## 标题 {{#id}}` 指定"),
                (None, Some(h)) => {
                    let (title, id) = (&h.title, &h.id);
                    t!("the heading “{title}” has the id `#{id}`: write `{written}#{id}`", "标题“{title}”的 id 是 `#{id}`：请写成 `{written}#{id}`")
                }
                (None, None) if !r.toc.is_empty() => {
                    let listed = sections_listed(&r.toc);
                    t!(
                        "the lesson's sections: {listed}; or write `{written}` for the whole lesson",
                        "这个课程的小节：{listed}；要链接整个课程，就写 `{written}`"
                    )
                }
                (None, None) => t!("the lesson has no sections (no `## ` headings): write `{written}` for the whole lesson", "这个课程没有小节（没有 `## ` 标题）：请写 `{written}` 链接整个课程"),
            };
            let owner = &lr.label;
            out.push(
                Diagnostic::error(
                    lr.file,
                    lr.line,
                    lr.col,
                    t!(
                        "{owner}lesson `{path}` has no section `#{a}`",
                        "{owner}课程 `{path}` 里没有小节 `#{a}`"
                    ),
                )
                .with_hint(hint),
            );
        }
        let _ = self.sections.set(titles);
        out
    }

    fn check_markdown_anchors(&self, rendered: &[Rendered]) -> Vec<Diagnostic> {
        let mut anchors: HashMap<&str, &HashSet<String>> = HashMap::new();
        let mut tocs: HashMap<&str, &[crate::render::markdown::TocEntry]> = HashMap::new();
        for (p, r) in self.book.pages.iter().zip(rendered) {
            anchors.insert(p.path.as_str(), &r.anchors);
            tocs.insert(p.path.as_str(), &r.toc);
        }
        // The pages' links, and those of the Markdown fields of rules, glossary terms, quizzes
        // and the course that name an anchor (rendered here for their links only), placed in
        // their YAML files.
        let mut checks: Vec<(&Path, markdown::AnchorCheck)> = Vec::new();
        for (p, r) in self.book.pages.iter().zip(rendered) {
            checks.extend(
                r.anchor_checks
                    .iter()
                    .map(|c| (c.file.as_deref().unwrap_or(p.file.as_path()), c.clone())),
            );
        }
        // (Only fields holding '#' are placed and rendered.)
        let anchored = |fields: Vec<(String, &'a String)>| {
            fields.into_iter().filter(|(_, text)| text.contains('#'))
        };
        let fields = self.book.rules.iter().flat_map(|lr| {
            let dir = urls::rule(&lr.value.id);
            anchored(lr.value.markdown_fields())
                .map(move |(path, text)| (&lr.file, lr.text_at(&path), dir.clone(), text))
        });
        let terms = self.book.glossary.iter().flat_map(|t| {
            let fields = vec![("definition".to_string(), &t.value.definition)];
            anchored(fields)
                .map(|(path, text)| (&t.file, t.text_at(&path), urls::GLOSSARY.to_string(), text))
        });
        let quizzes = self.book.quizzes.iter().flat_map(|lq| {
            let dir = urls::quiz(&lq.value.id);
            anchored(lq.value.markdown_fields())
                .map(move |(path, text)| (&lq.file, lq.text_at(&path), dir.clone(), text))
        });
        let course = self.book.course.iter().flat_map(|c| {
            anchored(c.value.markdown_fields())
                .map(|(path, text)| (&c.file, c.text_at(&path), urls::COURSE.to_string(), text))
        });
        // (A tag's description, on its page: an entry of a tag no page carries shows nowhere.)
        let tags = self.book.tag_entries.iter().flat_map(|e| {
            let fields = vec![("description".to_string(), &e.value.description)];
            let dir = self
                .book
                .tag_page(&e.value.tag)
                .map(|(slug, _)| urls::tag(slug));
            anchored(fields).filter_map(move |(path, text)| {
                Some((&e.file, e.text_at(&path), dir.clone()?, text))
            })
        });
        let all = fields.chain(terms).chain(quizzes).chain(course).chain(tags);
        for (file, at, dir, text) in all {
            let links = PageLinks::for_fields(self.book, &dir);
            for mut c in markdown::render(text, file, 1, &links).anchor_checks {
                (c.line, c.col) = at.place(c.line, c.col.max(1));
                checks.push((file.as_path(), c));
            }
        }
        let mut out = Vec::new();
        let mut site = Vec::new();
        for (_, c) in &mut checks {
            // An anchor copied from a browser's address bar is percent-encoded
            // (`#%E5%8A%9E%E7%BB%93`); the browser decodes it to find the heading, and so
            // does the check.
            if let Some(decoded) = urls::percent_decoded(&c.anchor) {
                c.anchor = decoded;
            }
        }
        for (file, c) in &checks {
            if c.page.starts_with(crate::book::SITE_PAGE) {
                if let Some((m, h)) = self.book.positional_module_link(&c.page, &c.anchor) {
                    out.push(Diagnostic::warning(file, c.line, c.col, m).with_hint(h));
                }
                site.push((file.to_path_buf(), c.clone()));
                continue;
            }
            if let Some((kind @ ("rule" | "quiz"), id)) = c.page.split_once(':') {
                if let Some((m, h)) = self.generated_anchor_problem(kind, id, &c.anchor) {
                    out.push(Diagnostic::error(file, c.line, c.col, m).with_hint(h));
                }
                continue;
            }
            let Some(set) = anchors.get(c.page.as_str()) else {
                continue;
            };
            if c.anchor.is_empty() || set.contains(&c.anchor) {
                continue;
            }
            // A section that moved, listed among the aliases of the page that holds it now:
            // the link leads there (see `PageLinks::section_target`); the text is to be updated.
            if let Some(now) = self.book.moved_section(&c.page, &c.anchor) {
                let to = &self.book.pages[now];
                let a = &c.anchor;
                // The new link as the old one is written: a wiki link, or a Markdown link from
                // the file's folder (a YAML file's Markdown fields link from the content folder).
                let src = Path::new(&self.book.config.build.src);
                let wiki = std::fs::read_to_string(self.book.root.join(file))
                    .ok()
                    .and_then(|t| {
                        let line = t.lines().nth(c.line.checked_sub(1)?)?;
                        let at: String =
                            line.chars().skip(c.col.saturating_sub(1)).take(2).collect();
                        Some(at == "[[")
                    })
                    .unwrap_or(false);
                let folder = match file.extension() {
                    Some(e) if e == "md" => file
                        .strip_prefix(src)
                        .ok()
                        .and_then(|f| f.parent())
                        .map(|f| f.to_string_lossy().replace('\\', "/")),
                    _ => Some(String::new()),
                };
                let md = to
                    .file
                    .strip_prefix(src)
                    .ok()
                    .zip(folder)
                    .map(|(f, folder)| {
                        let f = f.to_string_lossy().replace('\\', "/");
                        format!("{}#{a}", crate::book::relative_link(&folder, &f))
                    });
                let (page, now) = (&c.page, &to.path);
                let fix = match md {
                    Some(md) if !wiki => t!(
                        "link `{md}` instead (or `[[{now}#{a}]]`)",
                        "请改成链接 `{md}`（或者 `[[{now}#{a}]]`）"
                    ),
                    _ => t!("link `[[{now}#{a}]]` instead", "请改成链接 `[[{now}#{a}]]`"),
                };
                out.push(
                    Diagnostic::warning(
                        file,
                        c.line,
                        c.col,
                        t!(
                            "the section `#{a}` of `{page}` has moved to `{now}`",
                            "`{page}` 的小节 `#{a}` 已经搬到了 `{now}`"
                        ),
                    )
                    .with_hint(t!(
                        "{fix}; meanwhile the link leads there, through `{page}#{a}` in that page's aliases",
                        "{fix}；在改之前，这个链接会通过那个页面 `aliases` 里的 `{page}#{a}` 跳到那里"
                    )),
                );
                continue;
            }
            // A section moved to another page (a lesson split in two): the one page that has
            // the id now, when only one has it.
            let mut elsewhere = anchors
                .iter()
                .filter(|(path, ids)| **path != c.page.as_str() && ids.contains(&c.anchor))
                .map(|(path, _)| *path);
            let moved = match (elsewhere.next(), elsewhere.next()) {
                (Some(path), None) => Some(path),
                _ => None,
            };
            let toc = tocs.get(c.page.as_str()).copied().unwrap_or_default();
            let hint = match (
                moved,
                crate::diagnostics::nearest(&c.anchor, set.iter().map(String::as_str)),
                titled(toc, &c.anchor),
            ) {
                (Some(path), _, _) => {
                    // (Its file as the trainer sees it: a section's _index.md, the home page's
                    // index.md.)
                    let file = self.book.page_index.get(path).map_or_else(
                        || format!("{path}.md"),
                        |&i| {
                            crate::diagnostics::display_path(
                                &self.book.root,
                                &self.book.pages[i].file,
                            )
                            .display()
                            .to_string()
                        },
                    );
                    let (a, old) = (&c.anchor, &c.page);
                    match path {
                        "" => t!("the section `#{a}` is on the home page now ({file}): link it there", "小节 `#{a}` 现在在首页（{file}）：请链接到那里"),
                        _ => t!(
                            "the section `#{a}` is on `{file}` now: link it there, e.g. `[[{path}#{a}]]`; and list `{old}#{a}` in that page's `aliases`, so old addresses of the section lead there too",
                            "小节 `#{a}` 现在在 `{file}`：请链接到那里，例如 `[[{path}#{a}]]`；再把 `{old}#{a}` 写进那个页面的 `aliases`，这样这一小节的旧地址也能跳过去"
                        ),
                    }
                }
                (None, _, Some(h)) => {
                    // (Its own id, or one made from its text: punctuation dropped, spaces -.)
                    let (title, id) = (&h.title, &h.id);
                    let how = if h.id == markdown::slugify(&h.title) {
                        t!("made from its text", "由标题文字生成")
                    } else {
                        t!("set with `{{#{id}}}`", "用 `{{#{id}}}` 指定")
                    };
                    t!(
                        "the heading “{title}” has the id `#{id}` ({how}): link `#{id}`",
                        "标题“{title}”的 id 是 `#{id}`（{how}）：请链接 `#{id}`"
                    )
                }
                // (Said of every heading: a near id may be one set with `{#id}`.)
                (None, Some(n), None) => t!(
                    "did you mean `#{n}`? a heading's id is the one set with `{{#id}}`, or else made from its text",
                    "是不是想写 `#{n}`？标题的 id 是用 `{{#id}}` 指定的那个，没有指定的由标题文字生成"
                ),
                (None, None, None) if !toc.is_empty() => {
                    let listed = sections_listed(toc);
                    t!("the page's headings: {listed}", "这个页面的标题：{listed}")
                }
                (None, None, None) => t!(
                    "heading ids are made from the heading text; set one with `## 标题 {{#id}}`",
                    "标题 id 由标题文字生成；也可以用 `## 标题 {{#id}}` 指定"
                ),
            };
            let a = &c.anchor;
            out.push(
                Diagnostic::error(
                    file,
                    c.line,
                    c.col,
                    t!(
                        "link to a missing anchor `#{a}`",
                        "链接指向的锚点不存在：`#{a}`"
                    ),
                )
                .with_hint(hint),
            );
        }
        let _ = self.site_anchors.set(site);
        out
    }

    /// Checks links to the site's own pages (`[[course]]`, `[[rules#投诉受理]]`): that the
    /// book has the page, and the anchor against the ids it got (custom templates included).
    fn check_site_anchors(&self, files: &[OutputFile]) -> Vec<Diagnostic> {
        let checks = self.site_anchors.get().map_or(&[][..], Vec::as_slice);
        // Output folder -> the page's ids (all, its sections), or None when there is no page.
        let mut ids: HashMap<&str, Option<PageIds>> = HashMap::new();
        let mut out = Vec::new();
        for (file, c) in checks {
            let rest = &c.page[crate::book::SITE_PAGE.len()..];
            let Some((name, dir)) = rest.split_once(':') else {
                continue;
            };
            let page = ids.entry(dir).or_insert_with(|| {
                let path = format!("{dir}index.html");
                files
                    .iter()
                    .find(|(p, _)| *p == path)
                    .map(|(_, html)| html_ids(&String::from_utf8_lossy(html)))
            });
            let Some((all, sections)) = page else {
                // The content that makes the page (时限速查 and 最近修订 are rule pages), unless
                // a file of it failed to load: that is the error to fix.
                let group = match name {
                    "changes" | "time-limits" => "rules",
                    other => other,
                };
                if self.book.is_broken("page", group) {
                    continue;
                }
                let (hint, named) = missing_site_page_hint(group, &self.book.config.build.src);
                let mut d = Diagnostic::error(
                    file,
                    c.line,
                    c.col,
                    t!(
                        "`[[{name}]]` links to a page this book does not have",
                        "`[[{name}]]` 链接的页面在这本手册里没有"
                    ),
                )
                .with_hint(hint);
                d.related.extend(named);
                out.push(d);
                continue;
            };
            if c.anchor.is_empty() || all.contains(&c.anchor) {
                continue;
            }
            let list = || {
                let named: Vec<String> = sections
                    .iter()
                    .take(12)
                    .map(|s| format!("`#{s}`"))
                    .collect();
                let more = if sections.len() > 12 { " …" } else { "" };
                let named = named.join("、");
                t!(
                    "its sections are {named}{more}",
                    "它的小节有：{named}{more}"
                )
            };
            let hint =
                match crate::diagnostics::nearest(&c.anchor, sections.iter().map(String::as_str)) {
                    Some(n) => {
                        let list = list();
                        t!("did you mean `#{n}`? {list}", "是不是想写 `#{n}`？{list}")
                    }
                    None if sections.is_empty() => t!(
                        "this page has no sections to link to; write `[[{name}]]`",
                        "这个页面没有可以链接的小节；请写 `[[{name}]]`"
                    ),
                    None => {
                        let list = list();
                        t!(
                            "{list}; or write `[[{name}]]` for the whole page",
                            "{list}；要链接整个页面，就写 `[[{name}]]`"
                        )
                    }
                };
            let a = &c.anchor;
            out.push(
                Diagnostic::error(
                    file,
                    c.line,
                    c.col,
                    t!(
                        "`[[{name}]]` has no section `#{a}`",
                        "`[[{name}]]` 没有小节 `#{a}`"
                    ),
                )
                .with_hint(hint),
            );
        }
        out
    }

    /// Renders every page of the site. Returns the files and any errors.
    pub fn render_site(
        &self,
        mut rendered: Vec<Rendered>,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> (Vec<OutputFile>, Vec<Diagnostic>) {
        let book = self.book;
        let total = book.pages.len();
        let done = std::sync::atomic::AtomicUsize::new(0);
        let mut position = vec![0usize; total];
        for (n, &i) in book.order.iter().enumerate() {
            position[i] = n;
        }
        // The references each page's Markdown made, kept for the rules' backlinks.
        let refs: Vec<Vec<String>> = rendered
            .iter_mut()
            .map(|r| std::mem::take(&mut r.refs))
            .collect();
        // And its good example dialogues, for 话术汇编, and the bad ones shown there beside them.
        let dialogues: Vec<Vec<markdown::Dialogue>> = rendered
            .iter_mut()
            .map(|r| std::mem::take(&mut r.dialogues))
            .collect();
        let contrasts: Vec<Vec<(usize, markdown::Dialogue)>> = rendered
            .iter_mut()
            .map(|r| std::mem::take(&mut r.contrasts))
            .collect();
        // The site-wide pages (rule cards, indexes, nav.js, the progress data) are made beside
        // the content pages: on their own they would leave the other thread idle.
        let (results, (generated, generated_diags, site_files)) = rayon::join(
            || {
                rendered
                    .into_par_iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let out = self.content_page(i, r, &position);
                        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                        if n.is_multiple_of(200) || n == total {
                            progress(n, total);
                        }
                        out
                    })
                    .collect::<Vec<Result<OutputFile, Diagnostic>>>()
            },
            || {
                let mut generated = Vec::new();
                let mut diags = Vec::new();
                self.generated_pages(&refs, &dialogues, &mut generated, &mut diags);
                if self.site.has_phrases {
                    generated.push(self.phrases_page(&dialogues, &contrasts));
                }
                let mut site: Vec<OutputFile> = vec![("nav.js".into(), self.nav_js().into_bytes())];
                // The calendar due dates are counted with (时限速查 and the rule cards), once.
                if !self.book.rules.is_empty() {
                    let calendar = serde_json::to_string(&self.book.calendar)
                        .unwrap_or_else(|_| "null".into());
                    site.push((
                        "calendar.js".into(),
                        script_safe(format!("window.HANDBOOK_CALENDAR = {calendar};\n"))
                            .into_bytes(),
                    ));
                }
                // The theme's files under their own names (for templates written before the
                // stamp) and, styles and scripts, under the stamped names the pages load.
                for (name, bytes) in &self.templates.statics {
                    if let Some(stamped) = self.templates.stamped(name) {
                        site.push((format!("static/{stamped}"), bytes.clone()));
                    }
                    site.push((format!("static/{name}"), bytes.clone()));
                }
                // Short answers fold traditional characters with the search index's table
                // (search/meta.js); with no index, quiz.js loads the same table from here.
                let short = |q: &crate::content::quiz::Question| {
                    q.kind == crate::content::quiz::QuestionType::Short
                };
                if !self.site.has_search
                    && self
                        .book
                        .quizzes
                        .iter()
                        .any(|q| q.value.questions.iter().any(short))
                {
                    site.push((
                        "static/js/fold.js".into(),
                        format!(
                            "window.HandbookFold = {};\n",
                            serde_json::Value::from(crate::search::text::FOLD_PAIRS)
                        )
                        .into_bytes(),
                    ));
                }
                (generated, diags, site)
            },
        );
        let mut files = Vec::with_capacity(results.len() + generated.len() + site_files.len());
        let mut diags = Vec::new();
        let mut place = |r: Result<OutputFile, Diagnostic>, diags: &mut Vec<Diagnostic>| match r {
            Ok(f) => files.push(f),
            Err(d) => diags.push(d),
        };
        for r in results {
            place(r, &mut diags);
        }
        diags.extend(generated_diags);
        for r in generated {
            place(r, &mut diags);
        }
        files.extend(site_files);
        // Every page asks for the build's own scripts by an address with their hash in it.
        super::versions::stamp_references_cached(
            &mut files,
            &self.templates.stamp,
            self.cache.map(|c| &c.stamps),
        );
        diags.extend(self.check_site_anchors(&files));
        (files, diags)
    }

    fn content_page(
        &self,
        i: usize,
        r: Rendered,
        position: &[usize],
    ) -> Result<OutputFile, Diagnostic> {
        let book = self.book;
        let p = &book.pages[i];
        let dir = p.dir();
        let mut breadcrumbs = Vec::new();
        let mut cur = p.parent;
        while let Some(c) = cur {
            breadcrumbs.push(self.link_to(&dir, c));
            cur = book.pages[c].parent;
        }
        breadcrumbs.reverse();
        let pos = position[i];
        let prev = pos
            .checked_sub(1)
            .map(|n| self.link_to(&dir, book.order[n]));
        let next = book.order.get(pos + 1).map(|&n| self.link_to(&dir, n));
        let sources = self.source_views(&p.front.sources);
        let (kind, template, depth) = match p.kind {
            PageKind::Home => ("home", "index.html", 2),
            PageKind::Section => ("section", "section.html", 1),
            PageKind::Lesson => ("lesson", "page.html", 0),
        };
        let view = PageView {
            kind,
            title: p.front.title.clone(),
            title_id: p.front.title_id.as_ref().map(|(id, _)| id.clone()),
            summary: p.front.summary.clone(),
            dir: dir.clone(),
            content: r.html,
            toc: if r.toc.len() >= 2 { r.toc } else { Vec::new() },
            breadcrumbs,
            prev,
            next,
            tags: p.front.tags.clone(),
            tag_links: p
                .front
                .tags
                .iter()
                .filter_map(|t| {
                    let slug = self.tag_slugs.get(t.trim())?;
                    Some(Link {
                        title: t.trim().to_string(),
                        href: urls::href(&dir, &urls::tag(slug)),
                    })
                })
                .collect(),
            audience: p.front.audience.iter().map(|a| a.label()).collect(),
            sources,
            children: if depth > 0 {
                self.tree(&dir, i, depth)
            } else {
                Vec::new()
            },
            reading_minutes: r.text_len.div_ceil(markdown::READ_PER_MINUTE).max(1),
            revised: newest_first(&p.front.revised),
            draft: p.front.draft,
            moved_sections: self.moved_sections(i, &dir),
        };
        let mut ctx = self.context(&dir);
        ctx.insert("page", &view);
        // (A section without `_index.md`, or a home page without `index.md`, has no file.)
        if let Some(url) = self
            .edit_url(&p.file, 1)
            .filter(|_| self.book.root.join(&p.file).is_file())
        {
            ctx.insert("edit_url", &url);
        }
        if p.kind == PageKind::Home {
            // What changed lately, for the desk's start page (the changes page exists only
            // in a book with rules).
            if !book.rules.is_empty() {
                let mut recent = self.changes("", false);
                recent.truncate(5);
                ctx.insert("recent_changes", &recent);
            }
            ctx.insert("rule_count", &book.rules.len());
            ctx.insert("quiz_count", &book.quizzes.len());
            ctx.insert("term_count", &book.glossary.len());
        }
        let html = self.render_page(template, &mut ctx)?;
        Ok((format!("{dir}index.html"), html))
    }

    /// The sidebar tree, written once for the whole site (links relative to the root).
    fn nav_js(&self) -> String {
        fn node(book: &Book, i: usize) -> serde_json::Value {
            let p = &book.pages[i];
            // (A draft is built only for a preview, `--drafts`: the sidebar says which.)
            let title = if p.front.draft {
                format!("{}（草稿）", p.front.title)
            } else {
                p.front.title.clone()
            };
            let mut v = serde_json::json!({ "t": title, "u": p.dir() });
            if !p.children.is_empty() {
                v["c"] = p.children.iter().map(|&c| node(book, c)).collect();
            }
            v
        }
        let b = self.book;
        let mut items: Vec<serde_json::Value> =
            b.pages[0].children.iter().map(|&c| node(b, c)).collect();
        let mut extra = Vec::new();
        if b.course.is_some() {
            extra.push(serde_json::json!({ "t": urls::titles::COURSE, "u": urls::COURSE }));
        }
        if !b.rules.is_empty() {
            extra.push(
                serde_json::json!({ "t": urls::titles::RULES, "u": urls::RULES, "c": [
                    { "t": urls::titles::TIME_LIMITS, "u": urls::TIME_LIMITS },
                    { "t": urls::titles::CHANGES, "u": urls::CHANGES },
                ]}),
            );
        }
        if !b.quizzes.is_empty() {
            extra.push(serde_json::json!({ "t": urls::titles::QUIZZES, "u": urls::QUIZZES }));
        }
        if !b.glossary.is_empty() {
            extra.push(serde_json::json!({ "t": urls::titles::GLOSSARY, "u": urls::GLOSSARY }));
        }
        if self.site.has_phrases {
            extra.push(serde_json::json!({ "t": urls::titles::PHRASES, "u": urls::PHRASES }));
        }
        if self.site.has_tags {
            extra.push(serde_json::json!({ "t": urls::titles::TAGS, "u": urls::TAGS }));
        }
        if self.site.has_print {
            extra.push(serde_json::json!({ "t": urls::titles::PRINT, "u": urls::PRINT }));
        }
        items.extend(extra);
        let home = serde_json::json!({ "t": b.pages[0].front.title, "u": "" });
        // The site's other folders a reader may have starred or viewed (rule cards, quizzes,
        // tags, old addresses that forward ...): with the tree, the home page can tell a stored
        // page that no longer exists.
        let mut other: Vec<String> = vec![urls::PROGRESS.into(), urls::TEAM.into()];
        if !b.quizzes.is_empty() {
            other.push(urls::MISTAKES.into());
        }
        if self.site.has_search {
            other.push(urls::SEARCH.into());
            if !b.search_checks.is_empty() {
                other.push(urls::SEARCH_CHECKS.into());
            }
        }
        other.extend(b.rules.iter().map(|r| urls::rule(&r.value.id)));
        other.extend(b.rule_aliases.keys().map(|id| urls::rule(id)));
        other.extend(b.quizzes.iter().map(|q| urls::quiz(&q.value.id)));
        other.extend(b.quiz_aliases.keys().map(|id| urls::quiz(id)));
        other.extend(
            b.quizzes
                .iter()
                .filter(|q| self.has_paper(&q.value))
                .map(|q| urls::quiz_paper(&q.value.id)),
        );
        other.extend(self.tags.iter().map(|g| urls::tag(&g.slug)));
        let tag_forwards = b.tag_forwards();
        other.extend(tag_forwards.iter().map(|f| f.1.clone()));
        other.extend(b.aliases.iter().map(|(a, _)| alias_url(a)));
        other.sort();
        let mut nav = serde_json::json!({ "home": home, "items": items, "other": other });
        // A moved page's and a renumbered rule's old folders, to the new: a learner's record
        // of what they read (kept by folder) follows the page (quiz.js).
        let mut moved: BTreeMap<String, String> = b
            .aliases
            .iter()
            .filter(|(a, _)| !file_alias(a))
            .map(|(a, i)| (alias_url(a), b.pages[*i].dir()))
            .collect();
        moved.extend(
            b.rule_aliases
                .iter()
                .map(|(old, &i)| (urls::rule(old), urls::rule(&b.rules[i].value.id))),
        );
        moved.extend(tag_forwards.into_iter().map(|(_, from, _, to)| (from, to)));
        if !moved.is_empty() {
            nav["moved"] = serde_json::json!(moved);
        }
        // And a renamed quiz's old id, to the new: the learner's scores, 错题本 and cards.
        let quizzes: BTreeMap<&str, &str> = b
            .quiz_aliases
            .iter()
            .map(|(old, &i)| (old.as_str(), b.quizzes[i].value.id.as_str()))
            .collect();
        if !quizzes.is_empty() {
            nav["movedQuizzes"] = serde_json::json!(quizzes);
        }
        // The course's items in order (kind, id, folder, title): the home page offers a
        // learner who has started it the next item (quiz.js).
        if b.course.is_some() {
            let list: Vec<serde_json::Value> = self
                .course_items
                .iter()
                .map(|it| serde_json::json!({"k": it.kind, "i": it.id, "u": it.dir, "t": it.title}))
                .collect();
            nav["course"] = list.into();
        }
        script_safe(format!("window.HANDBOOK_NAV = {nav};\n"))
    }

    fn render_generated(
        &self,
        template: &str,
        dir: &str,
        title: &str,
        extra: impl FnOnce(&mut tera::Context),
    ) -> Result<OutputFile, Diagnostic> {
        let mut ctx = self.context(dir);
        let mut breadcrumbs = vec![Link {
            title: self.book.pages[0].front.title.clone(),
            href: urls::href(dir, ""),
        }];
        // A rule card, the time-limit table, a quiz …: under its listing page.
        for (list, list_title) in [
            (urls::RULES, urls::titles::RULES),
            (urls::QUIZZES, urls::titles::QUIZZES),
            (urls::PROGRESS, urls::titles::PROGRESS),
            (urls::TAGS, urls::titles::TAGS),
            (urls::SEARCH, urls::titles::SEARCH),
        ] {
            if dir != list && dir.starts_with(list) {
                breadcrumbs.push(Link {
                    title: list_title.into(),
                    href: urls::href(dir, list),
                });
            }
        }
        ctx.insert("page", &serde_json::json!({ "title": title, "dir": dir, "breadcrumbs": breadcrumbs, "kind": template.trim_end_matches(".html") }));
        extra(&mut ctx);
        let html = self.render_page(template, &mut ctx)?;
        Ok((format!("{dir}index.html"), html))
    }

    fn generated_pages(
        &self,
        refs: &[Vec<String>],
        dialogues: &[Vec<markdown::Dialogue>],
        out: &mut Vec<Result<OutputFile, Diagnostic>>,
        diags: &mut Vec<Diagnostic>,
    ) {
        let book = self.book;
        // 404: rendered for the site root; the server and intranet servers use it for any path.
        out.push(
            self.render_generated("404.html", "", "页面不存在", |_| {})
                .map(|(_, b)| ("404.html".to_string(), b)),
        );
        if !book.rules.is_empty() {
            self.rule_pages(refs, dialogues, out, diags);
        }
        if !book.quizzes.is_empty() {
            self.quiz_pages(out, diags);
        }
        self.progress_page(out);
        if self.site.has_search {
            out.push(self.render_generated(
                "search.html",
                urls::SEARCH,
                urls::titles::SEARCH,
                |_| {},
            ));
            if !book.search_checks.is_empty() {
                self.search_checks_page(out);
            }
        }
        if self.site.has_print {
            self.print_pages(out);
        }
        if self.site.has_tags {
            self.tag_pages(out, diags);
        }
        // A moved page's old paths, and a renumbered rule's old ids, forward to it.
        // (With what the page forwarded to says of it: a renumbered or merged rule's old id.)
        let mut forwards: Vec<(String, String, String, String)> = book
            .aliases
            .iter()
            .map(|(alias, i)| {
                let p = &book.pages[*i];
                (
                    alias_url(alias),
                    p.dir(),
                    p.front.title.clone(),
                    String::new(),
                )
            })
            .collect();
        for (old, &i) in &book.rule_aliases {
            let r = &book.rules[i].value;
            forwards.push((
                urls::rule(old),
                urls::rule(&r.id),
                format!("{} {}", r.id, r.title),
                format!("规则 {old} 的编号已改为 {}（或已并入这一条）", r.id),
            ));
        }
        for (old, &i) in &book.quiz_aliases {
            let q = &book.quizzes[i].value;
            forwards.push((
                urls::quiz(old),
                urls::quiz(&q.id),
                q.title.clone(),
                format!("测验 {old} 已改名为 {}", q.id),
            ));
        }
        // A tag's old names (tags.yaml), to the tag's page.
        if self.site.has_tags {
            for (old, from, now, to) in book.tag_forwards() {
                // (A numbered page of the tag itself, from before two spellings were merged.)
                let note = if old == now {
                    format!("标签“{now}”的页面已移到新地址")
                } else {
                    format!("标签“{old}”已改为“{now}”")
                };
                forwards.push((from, to, format!("#{now}"), note));
            }
        }
        forwards.sort();
        for (url, to, title, note) in forwards {
            // An old file name (`intake/phone.html`) is written as that file, beside the
            // pages of its folder; an old folder gets its index.html.
            let file = file_alias(&url).then(|| url.clone());
            let dir = match &file {
                Some(f) => f[..f.rfind('/').map_or(0, |i| i + 1)].to_string(),
                None => url,
            };
            let target = urls::href(&dir, &to);
            // The old page's sections that went elsewhere (a lesson split, then moved or
            // deleted): `#id` forwards to where each is now (redirect.js).
            let sections: BTreeMap<&str, String> = book
                .section_aliases
                .iter()
                .filter(|s| alias_url(&s.old) == file.as_deref().unwrap_or(&dir))
                .map(|s| {
                    let to = urls::href(&dir, &book.pages[s.page].dir());
                    (s.anchor.as_str(), format!("{to}#{}", s.anchor))
                })
                .collect();
            let page = self.render_generated("redirect.html", &dir, &title, |c| {
                c.insert("target", &target);
                c.insert("note", &note);
                if !sections.is_empty() {
                    c.insert("sections", &serde_json::json!(sections).to_string());
                }
            });
            out.push(match file {
                Some(f) => page.map(|(_, html)| (f, html)),
                None => page,
            });
        }
        if !book.glossary.is_empty() {
            let dir = urls::GLOSSARY;
            // Each synonym's id is an anchor of its term's entry too: a term renamed, the old
            // name kept among its synonyms, old links to `glossary/#旧名` still land on it.
            // (Not an id a term, a letter or an earlier synonym has.)
            let mut taken: HashSet<String> = book
                .glossary
                .iter()
                .map(|t| markdown::slugify(&t.value.term))
                .collect();
            let synonym_ids: Vec<Vec<String>> = book
                .glossary
                .iter()
                .map(|t| {
                    t.value
                        .synonyms
                        .iter()
                        .map(|s| markdown::slugify(s))
                        .filter(|id| {
                            id.chars().count() > 1
                                && !id.starts_with("letter-")
                                && taken.insert(id.clone())
                        })
                        .collect()
                })
                .collect();
            let mut terms: Vec<serde_json::Value> = book
                .glossary
                .iter()
                .zip(&synonym_ids)
                .map(|(t, synonym_ids)| {
                    let related: Vec<Link> = t
                        .value
                        .related
                        .iter()
                        .filter_map(|r| self.ref_link(dir, r))
                        .collect();
                    serde_json::json!({
                        "term": t.value.term,
                        "id": markdown::slugify(&t.value.term),
                        "synonyms": t.value.synonyms,
                        "synonym_ids": synonym_ids,
                        "definition": self.field_inline(&t.value.definition, dir, &t.file, t.text_at("definition"), diags),
                        "related": related,
                    })
                })
                .collect();
            // In pinyin order, filed under letters as in a dictionary.
            let term = |t: &serde_json::Value| t["term"].as_str().unwrap_or_default().to_string();
            terms.sort_by_cached_key(|t| {
                let term = term(t);
                (collate::pinyin_key(&term), term)
            });
            let mut groups: Vec<serde_json::Value> = Vec::new();
            for t in &terms {
                let letter = collate::index_letter(&term(t)).to_string();
                if groups.last().is_none_or(|g| g["letter"] != letter.as_str()) {
                    let id = format!("letter-{}", if letter == "#" { "0" } else { &letter });
                    groups.push(serde_json::json!({ "letter": letter, "id": id, "terms": [] }));
                }
                if let Some(list) = groups.last_mut().and_then(|g| g["terms"].as_array_mut()) {
                    list.push(t.clone());
                }
            }
            // For lessons: each term's words and a plain-text definition, to mark its first
            // mention on a page and show the definition there (handbook.js).
            if self.site.has_term_hints {
                let hints: Vec<serde_json::Value> = book
                    .glossary
                    .iter()
                    .map(|t| {
                        serde_json::json!({
                            "t": t.value.term, "s": t.value.synonyms,
                            "d": crate::search::index::md_text(&t.value.definition),
                            "a": markdown::slugify(&t.value.term),
                        })
                    })
                    .collect();
                out.push(Ok((
                    format!("{dir}terms.js"),
                    script_safe(format!(
                        "window.HANDBOOK_TERMS = {};\n",
                        serde_json::Value::from(hints)
                    ))
                    .into_bytes(),
                )));
            }
            out.push(
                self.render_generated("glossary.html", dir, urls::titles::GLOSSARY, |c| {
                    c.insert("terms", &terms);
                    c.insert("groups", &groups);
                    // (Terms may come from several files: the edit link opens the first.)
                    if let Some(url) = self.edit_url(&book.glossary[0].file, 1) {
                        c.insert("edit_url", &url);
                    }
                }),
            );
        }
        if let Some(course) = &book.course {
            let dir = urls::COURSE;
            let c = &course.value;
            let shown = book.course_modules();
            let modules: Vec<serde_json::Value> = (shown.iter().copied())
                .map(|(mi, m)| {
                    let items: Vec<serde_json::Value> = m
                        .items
                        .iter()
                        .filter_map(|it| {
                            Some(match book.course_target(it)? {
                                CourseTarget::Lesson(p) => serde_json::json!({"kind": "lesson", "label": "课程", "id": p.path, "title": p.front.title, "summary": p.front.summary, "href": urls::href(dir, &p.dir()), "checkpoint": it.checkpoint, "minutes": crate::report::reading_minutes(&p.body)}),
                                CourseTarget::Rule(x) => serde_json::json!({"kind": "rule", "label": "规则", "id": x.id, "title": format!("{}（{}）", x.title, x.id), "summary": x.summary, "href": urls::href(dir, &urls::rule(&x.id)), "checkpoint": it.checkpoint, "minutes": crate::report::rule_minutes(x)}),
                                CourseTarget::Quiz(q) => serde_json::json!({"kind": "quiz", "label": if q.cards_only() { "卡片" } else { "测验" }, "id": q.id, "title": q.title, "summary": "", "href": urls::href(dir, &urls::quiz(&q.id)), "checkpoint": it.checkpoint, "minutes": crate::report::quiz_minutes(q)}),
                            })
                        })
                        .collect();
                    serde_json::json!({ "id": m.anchor(mi), "title": m.title, "estimate": m.estimate, "description": self.field_md(&m.description, dir, &course.file, course.text_at(&format!("modules.{mi}.description")), diags), "items": items })
                })
                .collect();
            let total: u32 = shown.iter().filter_map(|(_, m)| m.estimate).sum();
            let description = self.field_md(
                &c.description,
                dir,
                &course.file,
                course.text_at("description"),
                diags,
            );
            out.push(self.render_generated("course.html", dir, &c.title, |ctx| {
                ctx.insert("modules", &modules);
                ctx.insert("course_description", &description);
                ctx.insert("total_minutes", &total);
                if let Some(url) = self.edit_url(&course.file, 1) {
                    ctx.insert("edit_url", &url);
                }
            }));
        }
    }

    fn rule_link(&self, from: &str, r: &Rule) -> Link {
        Link {
            title: format!("{}（{}）", r.title, r.id),
            href: urls::href(from, &urls::rule(&r.id)),
        }
    }

    /// A reference from a YAML list (see [`crate::book::split_ref`]), linked from `from`; a
    /// `#section` of a lesson is named in the title: 课程 › 小节.
    fn ref_link(&self, from: &str, r: &str) -> Option<Link> {
        let book = self.book;
        let (kind, id, anchor) = crate::book::split_ref(r);
        // (A section in a part of the page left out for its readers: the page.)
        let anchor = match kind {
            "lesson" => book.kept_anchor(id.trim_end_matches(".md"), anchor),
            _ => anchor,
        };
        let mut link = match kind {
            "rule" => book.rule(id).map(|x| self.rule_link(from, x)),
            "quiz" => book.quiz(id).map(|q| Link {
                title: format!("测验：{}", q.title),
                href: urls::href(from, &urls::quiz(id)),
            }),
            "term" => book.term(id).map(|t| Link {
                title: format!("术语：{}", t.term),
                href: format!(
                    "{}#{}",
                    urls::href(from, urls::GLOSSARY),
                    markdown::slugify(&t.term)
                ),
            }),
            _ => {
                let mut path = id.trim_end_matches(".md");
                let mut i = *book.page_index.get(path)?;
                // (A section that moved to another page: linked there.)
                if let Some(now) = anchor.and_then(|a| book.moved_section(path, a)) {
                    (i, path) = (now, &book.pages[now].path);
                }
                let mut link = self.link_to(from, i);
                let section = anchor.and_then(|a| self.sections.get()?.get(&format!("{path}#{a}")));
                // (A lesson that is one section, its heading its title: named once.)
                if let Some(s) = section.filter(|s| !s.is_empty() && **s != link.title) {
                    link.title = format!("{} › {s}", link.title);
                }
                Some(link)
            }
        }?;
        if let Some(a) = anchor.filter(|a| !a.is_empty() && kind != "term") {
            link.href = format!("{}#{a}", link.href);
        }
        Some(link)
    }

    /// `refs[i]` holds the references page `i`'s Markdown made (links only, never text in
    /// code blocks), as collected by the Markdown pass.
    fn rule_pages(
        &self,
        refs: &[Vec<String>],
        dialogues: &[Vec<markdown::Dialogue>],
        out: &mut Vec<Result<OutputFile, Diagnostic>>,
        diags: &mut Vec<Diagnostic>,
    ) {
        let book = self.book;
        // Backlinks: which lessons and quizzes cite each rule.
        let mut cited_by: HashMap<&str, Vec<(String, String)>> = HashMap::new(); // rule id -> (title, dir)
        for (p, page_refs) in book.pages.iter().zip(refs) {
            let mut seen = HashSet::new();
            for id in page_refs.iter().filter_map(|r| r.strip_prefix("rule:")) {
                let Some(r) = book.rule(id) else { continue };
                if seen.insert(r.id.as_str()) {
                    cited_by
                        .entry(r.id.as_str())
                        .or_default()
                        .push((p.front.title.clone(), p.dir()));
                }
            }
        }
        for q in &book.quizzes {
            let mut seen = HashSet::new();
            // (Its own questions: one an exam takes by `from:` cites the rule in its own quiz.)
            for question in q.value.own_questions() {
                for id in &question.rules {
                    if let Some(r) = book.rule(id) {
                        if seen.insert(r.id.as_str()) {
                            cited_by.entry(r.id.as_str()).or_default().push((
                                format!("测验：{}", q.value.title),
                                urls::quiz(&q.value.id),
                            ));
                        }
                    }
                }
            }
        }
        // Each rule's page and its rows of the time-limits page (rendered on both threads: a
        // large book has a thousand rules), merged in the rules' order.
        type RulePage = (
            Result<OutputFile, Diagnostic>,
            Vec<serde_json::Value>,
            Vec<Diagnostic>,
        );
        // Each rule's neighbours in its category, in the index's order: the card's pager.
        let order = self.rules_in_index_order();
        let mut pager: HashMap<&str, (Option<&Rule>, Option<&Rule>)> = HashMap::new();
        for (k, &(at, lr)) in order.iter().enumerate() {
            let same = |j: usize| -> Option<&Rule> {
                let &(a, o) = order.get(j)?;
                (a == at).then_some(&o.value)
            };
            let prev = k.checked_sub(1).and_then(same);
            pager.insert(lr.value.id.as_str(), (prev, same(k + 1)));
        }
        let pages: Vec<RulePage> = book.rules.par_iter().map(|lr| {
            let mut limit_rows = Vec::new();
            let r = &lr.value;
            let dir = urls::rule(&r.id);
            let mut d = Vec::new();
            // (A repealed rule's limits: on 时限速查 hidden, shown for a start before the day --
            // a case accepted then, checked weeks later, is still handled under it.)
            let repealed_now = r.repealed_by(crate::content::calendar::today());
            for t in &r.time_limits {
                // (The limit as a card shows it, and where it comes from.)
                let mut row = limit_view(r, t);
                if let serde_json::Value::Object(m) = &mut row {
                    m.insert("sort".into(), (t.value * t.unit.hours()).into());
                    m.insert("rule_id".into(), r.id.clone().into());
                    m.insert("rule_title".into(), r.title.clone().into());
                    // (A limit the version published ahead leaves as it is: in force now.)
                    let changes = !r.keeps(t);
                    m.insert("effective".into(), r.effective.clone().filter(|_| changes).into());
                    m.insert("repealed".into(), r.repealed.clone().into());
                    m.insert("repealed_now".into(), repealed_now.into());
                    m.insert("href".into(), urls::href(urls::TIME_LIMITS, &dir).into());
                }
                limit_rows.push(row);
            }
            let mut view = self.rule_view(lr, &dir, "", cited_by.get(r.id.as_str()), None, &mut d);
            // The wording: the good example dialogues of the lessons the rule relates to, so
            // the card gives the procedure, its limits and what to say.
            // (A dialogue in a snippet of several related lessons: once.)
            let mut seen: HashSet<&str> = HashSet::new();
            let phrases: Vec<serde_json::Value> = book
                .related_lessons(r)
                .flat_map(|(i, section)| {
                    let p = &book.pages[i];
                    let page = urls::href(&dir, &p.dir());
                    let inside = move |dl: &&markdown::Dialogue| section.is_none_or(|a| dl.within.iter().any(|w| w == a));
                    dialogues.get(i).into_iter().flatten().filter(inside).map(move |dl| (p, page.clone(), dl))
                })
                .filter(|(_, _, dl)| seen.insert(dl.html.as_str()))
                .map(|(p, page, dl)| {
                    let (href, section) = match &dl.section {
                        Some((id, title)) => (format!("{page}#{id}"), title.as_str()),
                        None => (page.clone(), ""),
                    };
                    serde_json::json!({ "title": dl.title, "html": dl.html, "href": href, "page": p.front.title, "section": section })
                })
                .collect();
            view["phrases"] = phrases.into();
            let rules_link = Link {
                title: urls::titles::RULES.into(),
                href: urls::href(&dir, urls::RULES),
            };
            // The previous and next rule of its category (上一条规则 / 下一条规则).
            let (prev, next) = pager.get(r.id.as_str()).copied().unwrap_or_default();
            let neighbour = |o: Option<&Rule>| {
                o.map(|o| serde_json::json!({ "id": o.id, "title": o.title, "href": urls::href(&dir, &urls::rule(&o.id)) }))
            };
            let rule_pager = serde_json::json!({ "prev": neighbour(prev), "next": neighbour(next) });
            let page = self.render_generated(
                "rule.html",
                &dir,
                &format!("{} {}", r.id, r.title),
                |ctx| {
                    ctx.insert("rule", &view);
                    ctx.insert("rules_link", &rules_link);
                    ctx.insert("rule_pager", &rule_pager);
                    // Under its category's heading on the index, in the breadcrumbs too:
                    // 首页 › 规则索引 › 计量电费 › the card.
                    if let Some(mut page) = ctx.get("page").cloned() {
                        if let Some(list) = page.get_mut("breadcrumbs").and_then(|b| b.as_array_mut()) {
                            list.push(serde_json::json!({ "title": view["category_label"], "href": view["category_href"] }));
                        }
                        ctx.insert("page", &page);
                    }
                    if let Some(url) = self.edit_url(&lr.file, lr.line) {
                        ctx.insert("edit_url", &url);
                    }
                },
            );
            (page, limit_rows, d)
        }).collect();
        let mut limit_rows = Vec::new();
        for (page, rows, d) in pages {
            out.push(page);
            limit_rows.extend(rows);
            diags.extend(d);
        }
        // Index grouped by category, in the order categories are declared.
        let mut groups: BTreeMap<usize, (String, String, Vec<serde_json::Value>)> = BTreeMap::new();
        for (idx, lr) in order {
            let r = &lr.value;
            let entry = groups.entry(idx).or_insert_with(|| {
                let desc = book
                    .categories
                    .get(idx)
                    .map(|c| c.value.description.clone())
                    .unwrap_or_default();
                (self.category_label(&r.category), desc, Vec::new())
            });
            let limit = r
                .time_limits
                .first()
                .map(|t| format!("{}{}", format_value(t.value), t.unit.label()));
            let repealed = r.repealed_by(crate::content::calendar::today());
            // `summary_html`: its links written `[[rule:…]]` resolved and its Markdown rendered,
            // as on the rule's page (their mistakes are reported there); `summary` as written,
            // for a theme's own rules.html made before.
            let summary = self.field_inline(
                &r.summary,
                urls::RULES,
                &lr.file,
                lr.text_at("summary"),
                &mut Vec::new(),
            );
            entry.2.push(serde_json::json!({ "id": r.id, "title": r.title, "summary": r.summary, "summary_html": summary, "severity": r.severity, "severity_label": r.severity.label(), "limit": limit, "href": urls::href(urls::RULES, &urls::rule(&r.id)), "repealed": repealed.then_some(&r.repealed) }));
        }
        // (`count`: the jump list's number of rules beside each category.)
        let groups: Vec<serde_json::Value> = groups
            .into_values()
            .map(|(label, description, rules)| {
                serde_json::json!({ "label": label, "description": description, "count": rules.len(), "rules": rules })
            })
            .collect();
        let total: usize = book.rules.len();
        out.push(
            self.render_generated("rules.html", urls::RULES, urls::titles::RULES, |c| {
                c.insert("groups", &groups);
                c.insert("count", &total);
            }),
        );
        out.push(Ok((
            format!("{}{}", urls::RULES, RULES_CSV),
            self.rules_csv(),
        )));
        limit_rows.sort_by(|a, b| a["rule_id"].as_str().cmp(&b["rule_id"].as_str()));
        out.push(self.render_generated(
            "time-limits.html",
            urls::TIME_LIMITS,
            urls::titles::TIME_LIMITS,
            |c| c.insert("rows", &limit_rows),
        ));
        let (changes, older) = recent_and_older(self.changes(urls::CHANGES, true));
        out.push(self.render_generated(
            "changes.html",
            urls::CHANGES,
            urls::titles::CHANGES,
            |c| {
                c.insert("changes", &changes);
                c.insert("older_changes", &older);
            },
        ));
    }

    /// `[output] edit-url` for the content file `file` (relative to the book's folder) and the
    /// line its lesson, rule or quiz starts on; the path percent-encoded for a URL.
    fn edit_url(&self, file: &std::path::Path, line: usize) -> Option<String> {
        let template = self.book.config.output.edit_url.as_deref()?;
        let path = file.to_string_lossy().replace('\\', "/");
        let mut encoded = String::with_capacity(path.len());
        for b in path.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
                encoded.push(b as char);
            } else {
                encoded.push_str(&format!("%{b:02X}"));
            }
        }
        Some(
            template
                .replace("{path}", &encoded)
                .replace("{line}", &line.max(1).to_string()),
        )
    }

    /// Every rule as one row of a table for Excel (`rules/rules.csv`, linked from the rules'
    /// index), in the index's order: for a manager reviewing the rules by owner or date, or
    /// a table for a meeting. UTF-8 with a byte-order mark (so Excel reads it as such), CRLF,
    /// every cell quoted; Markdown in a field as plain text; a cell that would start with
    /// = + - @ gets a ' before it, so Excel never takes it for a formula.
    fn rules_csv(&self) -> Vec<u8> {
        let cell = csv_cell;
        let head = [
            "编号",
            "标题",
            "分类",
            "重要程度",
            "摘要",
            "时限",
            "责任方",
            "版本",
            "生效日期",
            "维护部门",
            "最近修订日期",
            "最近修订内容",
            "页面",
        ];
        let mut out = String::from("\u{feff}");
        out.push_str(&head.map(cell).join(","));
        out.push_str("\r\n");
        for (_, lr) in self.rules_in_index_order() {
            let r = &lr.value;
            let limits: Vec<String> = r
                .time_limits
                .iter()
                .map(|t| {
                    format!(
                        "{} {}{}（{}）",
                        t.label,
                        format_value(t.value),
                        t.unit.label(),
                        t.condition.label()
                    )
                })
                .collect();
            let latest = newest_first(&r.revised).into_iter().next();
            let row = [
                r.id.clone(),
                r.title.clone(),
                self.category_label(&r.category),
                r.severity.label().to_string(),
                crate::search::index::md_text(&r.summary),
                limits.join("；"),
                r.responsible.join("、"),
                r.version.clone().unwrap_or_default(),
                r.effective.clone().unwrap_or_default(),
                r.owner.clone().unwrap_or_default(),
                latest.as_ref().map(|c| c.date.clone()).unwrap_or_default(),
                latest.map(|c| c.change).unwrap_or_default(),
                // (Absolute with `[output] site-url`: a link Excel opens.)
                format!(
                    "{}{}index.html",
                    self.site.site_url.as_deref().unwrap_or(""),
                    urls::rule(&r.id)
                ),
            ];
            out.push_str(&row.iter().map(|s| cell(s)).collect::<Vec<_>>().join(","));
            out.push_str("\r\n");
        }
        out.into_bytes()
    }

    /// A category's label (its id when it has none: reported elsewhere).
    fn category_label(&self, id: &str) -> String {
        self.book
            .categories
            .iter()
            .find(|c| c.value.id == id)
            .map(|c| c.value.label.clone())
            .unwrap_or_else(|| id.to_string())
    }

    /// The rules in the order of the rules' index: by category, in the order categories are
    /// declared (unknown ones last), then by id; each with its category's position.
    fn rules_in_index_order(&self) -> Vec<(usize, &crate::content::Located<Rule>)> {
        let book = self.book;
        let mut rules: Vec<(usize, &crate::content::Located<Rule>)> = book
            .rules
            .iter()
            .map(|lr| {
                let at = book
                    .categories
                    .iter()
                    .position(|c| c.value.id == lr.value.category);
                (at.unwrap_or(usize::MAX), lr)
            })
            .collect();
        rules.sort_by(|a, b| (a.0, &a.1.value.id).cmp(&(b.0, &b.1.value.id)));
        rules
    }

    /// The sources a page or rule names, as declared in sources.yaml.
    fn source_views(&self, ids: &[String]) -> Vec<SourceView> {
        ids.iter()
            .filter_map(|s| self.book.sources.iter().find(|x| &x.value.id == s))
            .map(|s| SourceView {
                id: s.value.id.clone(),
                title: s.value.title.clone(),
                description: s.value.description.clone(),
            })
            .collect()
    }

    /// The revisions of rules, pages and quizzes, newest first (rules, then pages, then
    /// quizzes on the same day; of several of one item on one day, the one the list keeps
    /// newest first: `newest_first`), with links from the page in `from`. `every`: all of
    /// each item's revisions (最近修订: a month's release has several changes of one rule);
    /// else its latest only (the home page's short list).
    fn changes(&self, from: &str, every: bool) -> Vec<serde_json::Value> {
        let book = self.book;
        // An item's entries: its revisions, with what it belongs to (`rule_id` empty but for a
        // rule); the version (a rule's) on its latest only.
        let entries = |revised: &[Revision],
                       kind: &str,
                       rule_id: &str,
                       title: &str,
                       dir: String,
                       version: Option<&String>| {
            let href = urls::href(from, &dir);
            newest_first(revised)
                .into_iter()
                .take(if every { usize::MAX } else { 1 })
                .enumerate()
                .map(|(k, c)| {
                    serde_json::json!({ "date": c.date, "change": c.change, "kind": kind, "rule_id": rule_id, "rule_title": title, "title": title, "href": href, "dir": dir, "version": c.version.as_ref().or(version.filter(|_| k == 0)) })
                })
                .collect::<Vec<_>>()
        };
        let mut changes: Vec<serde_json::Value> = book
            .rules
            .iter()
            .flat_map(|lr| {
                let r = &lr.value;
                entries(
                    &r.revised,
                    "rule",
                    &r.id,
                    &r.title,
                    urls::rule(&r.id),
                    r.version.as_ref(),
                )
            })
            .collect();
        // Pages' revisions too (a lesson's procedure changes with its rules).
        changes.extend(book.order.iter().flat_map(|&i| {
            let p = &book.pages[i];
            entries(
                &p.front.revised,
                "lesson",
                "",
                &p.front.title,
                p.dir(),
                None,
            )
        }));
        // And quizzes' (a corrected answer is news to those who learnt the old one).
        changes.extend(book.quizzes.iter().flat_map(|lq| {
            let q = &lq.value;
            entries(&q.revised, "quiz", "", &q.title, urls::quiz(&q.id), None)
        }));
        changes.sort_by(|a, b| b["date"].as_str().cmp(&a["date"].as_str()));
        changes
    }

    /// A rule card as plain data for `rule-card.html`; links relative to `dir`, its section
    /// ids prefixed with `anchor_prefix` (empty on the rule's own page).
    fn rule_view(
        &self,
        lr: &crate::content::Located<Rule>,
        dir: &str,
        anchor_prefix: &str,
        cited_by: Option<&Vec<(String, String)>>,
        printed: Option<&HashMap<String, String>>,
        d: &mut Vec<Diagnostic>,
    ) -> serde_json::Value {
        let r = &lr.value;
        let on = printed.map(|p| (p, anchor_prefix));
        let block = |path: &str, t: &str, d: &mut Vec<Diagnostic>| {
            self.field_md_on(t, dir, on, &lr.file, lr.text_at(path), d)
        };
        let md =
            |path: &str, t: &str, d: &mut Vec<Diagnostic>| unwrap_paragraph(&block(path, t, d));
        // On the print page, a related rule or lesson printed there is a jump within it (to
        // `#<its id>-<anchor>` for one of its sections).
        let local = |mut l: Link| {
            let (to, anchor) = l.href.split_once('#').unwrap_or((&l.href, ""));
            if let Some(id) = printed.and_then(|p| p.get(to)) {
                l.href = match anchor {
                    "" => format!("#{id}"),
                    a => format!("#{id}-{a}"),
                };
            }
            l
        };
        // (Of a version published ahead that names the limits it changes, the others stay: no
        // 'not yet in force' on them.)
        let views = |r: &Rule| -> Vec<serde_json::Value> {
            r.time_limits
                .iter()
                .map(|t| {
                    let mut v = limit_view(r, t);
                    v["unchanged"] = r.keeps(t).into();
                    v
                })
                .collect()
        };
        let limits = views(r);
        // A card with no limits of its own (a kind of complaint: TS-CAT-008) shows those of
        // the rules it relates to that set deadlines (TS-PROC-002's 办结时限), so the worker
        // has the date on the card they opened.
        let borrowed: Vec<serde_json::Value> = if anchor_prefix.is_empty() {
            self.limit_lenders(r)
                .map(|o| {
                    let link = local(self.rule_link(dir, o));
                    // (With the lender's own version: its day of effect, its values until then,
                    // its repeal, as on its card.)
                    let limits: Vec<serde_json::Value> = views(o)
                        .into_iter()
                        .filter(|t| t["deadline"] == true)
                        .collect();
                    serde_json::json!({
                        "id": o.id, "title": o.title, "href": link.href, "limits": limits,
                        "effective": o.effective.clone().unwrap_or_default(), "repealed": o.repealed,
                    })
                })
                .collect()
        } else {
            Vec::new()
        };
        let steps: Vec<serde_json::Value> = r
            .steps
            .iter()
            .enumerate()
            .map(|(n, s)| serde_json::json!({ "n": n + 1, "who": s.who, "what": md(&format!("steps.{n}.what"), &s.what, d), "within": s.within.as_ref().map(|w| format!("{}{}", format_value(w.value), w.unit.label())) }))
            .collect();
        let list = |field: &str, xs: &[String], d: &mut Vec<Diagnostic>| -> Vec<String> {
            xs.iter()
                .enumerate()
                .map(|(k, x)| md(&format!("{field}.{k}"), x, d))
                .collect()
        };
        let sources = self.source_views(&r.sources);
        let backlinks: Vec<Link> = cited_by
            .map(|v| {
                v.iter()
                    .map(|(t, to)| Link {
                        title: t.clone(),
                        href: urls::href(dir, to),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let category = self.category_label(&r.category);
        serde_json::json!({
            "id": r.id, "title": r.title, "category": r.category, "category_label": category,
            // (Its heading on the rules' index, whose id is the category's label.)
            "category_href": format!("{}#{category}", urls::href(dir, urls::RULES)),
            "summary": md("summary", &r.summary, d), "severity": r.severity, "severity_label": r.severity.label(),
            "applies_when": list("applies_when", &r.applies_when, d), "time_limits": limits, "borrowed_limits": borrowed, "responsible": r.responsible,
            "steps": steps, "must": list("must", &r.must, d), "must_not": list("must_not", &r.must_not, d),
            "escalation": block("escalation", &r.escalation, d),
            "related": r.related.iter().filter_map(|x| self.ref_link(dir, x)).map(local).collect::<Vec<_>>(),
            "backlinks": backlinks, "sources": sources, "version": r.version, "effective": r.effective,
            // (In force from a later day, as the build sees it; the reader's own date decides in
            // the browser: handbook.js.)
            "names_changed": r.names_changed_limits(), "had_version": r.had_version(),
            "pending": r.effective.as_deref().and_then(crate::content::calendar::parse_day).is_some_and(|d| d > crate::content::calendar::today()),
            "owner": r.owner, "revised": newest_first(&r.revised), "anchor_prefix": anchor_prefix, "aliases": r.aliases,
            "revised_versions": r.revised.iter().any(|x| x.version.is_some()), "repealed_day": r.repealed,
            // (No longer in force on the build's day; again the reader's own date decides in the
            // browser.)
            "repealed": r.repealed, "repealed_now": r.repealed_by(crate::content::calendar::today()),
            "replaced_by": r.replaced_by.as_deref().and_then(|id| self.book.rule(id.trim())).map(|by| serde_json::json!({
                "id": by.id, "title": by.title, "href": urls::href(dir, &urls::rule(&by.id)),
            })),
            // (The repealed rules this one takes the place of: a reader who knew the old one.)
            "replaces": self.book.rules.iter().map(|o| &o.value)
                .filter(|o| o.replaced_by.as_deref().map(str::trim) == Some(r.id.as_str()))
                .map(|o| serde_json::json!({ "id": o.id, "title": o.title, "repealed": o.repealed, "href": urls::href(dir, &urls::rule(&o.id)) }))
                .collect::<Vec<_>>(),
        })
    }

    /// The rules whose deadlines `r`'s card shows as its own: those it relates to that set
    /// deadlines, when it has no time limits of its own (none otherwise).
    fn limit_lenders<'r>(&'r self, r: &'r Rule) -> impl Iterator<Item = &'r Rule> + 'r {
        r.related
            .iter()
            .filter(|_| r.time_limits.is_empty())
            .filter_map(|x| match crate::book::split_ref(x) {
                ("rule", id, _) => self.book.rule(id),
                _ => None,
            })
            .filter(|o| o.time_limits.iter().any(|t| t.deadline))
            // (A repealed rule's limits apply to nothing accepted now.)
            .filter(|o| !o.repealed_by(crate::content::calendar::today()))
    }

    /// A quiz as plain data for templates and for `quiz.js`; links are relative to `dir`.
    fn quiz_view(
        &self,
        lq: &crate::content::Located<crate::content::quiz::Quiz>,
        dir: &str,
        d: &mut Vec<Diagnostic>,
    ) -> serde_json::Value {
        let q = &lq.value;
        let questions: Vec<serde_json::Value> = q
            .questions
            .iter()
            .enumerate()
            .map(|(i, x)| {
                // A question taken from another quiz (`from`): its links are written from its
                // own file, and their mistakes are reported there, once.
                let mut elsewhere = Vec::new();
                let (file, d) = match &x.pulled {
                    Some(p) => (&p.file, &mut elsewhere),
                    None => (&lq.file, &mut *d),
                };
                let md = |path: &str, t: &str, d: &mut Vec<Diagnostic>| {
                    self.field_inline(t, dir, file, lq.text_at(path), d)
                };
                let links = self.question_links(dir, x);
                let at = |rest: &str| format!("questions.{i}.{rest}");
                let nodes: Vec<serde_json::Value> = x
                    .nodes
                    .iter()
                    .enumerate()
                    .map(|(ni, n)| serde_json::json!({
                        "id": n.id, "customer": n.customer, "context": n.context, "ending": n.ending,
                        "outcome": n.outcome, "debrief": md(&at(&format!("nodes.{ni}.debrief")), &n.debrief, d),
                        "options": n.options.iter().enumerate().map(|(k, o)| {
                            let mut v = serde_json::json!({"text": o.text, "next": o.next, "score": o.score, "feedback": md(&at(&format!("nodes.{ni}.options.{k}.feedback")), &o.feedback, d)});
                            if o.veto {
                                v["veto"] = true.into();
                            }
                            v
                        }).collect::<Vec<_>>(),
                    }))
                    .collect();
                serde_json::json!({
                    "id": x.id, "type": x.kind, "type_label": x.kind.label(), "prompt": md(&at("prompt"), &x.prompt, d),
                    "options": x.options.iter().enumerate().map(|(k, o)| serde_json::json!({"text": md(&at(&format!("options.{k}.text")), &o.text, d), "correct": o.correct, "feedback": md(&at(&format!("options.{k}.feedback")), &o.feedback, d)})).collect::<Vec<_>>(),
                    "answer": x.answer, "accepted": x.accepted, "items": x.items, "scoring": x.scoring,
                    "pairs": x.pairs, "distractors": x.distractors, "cards": x.cards, "start": x.start, "nodes": nodes,
                    "explanation": md(&at("explanation"), &x.explanation, d), "wrong_feedback": md(&at("wrong_feedback"), &x.wrong_feedback, d), "links": links,
                    "from": x.pulled.as_ref().map(|p| &p.quiz), "from_title": x.pulled.as_ref().map(|p| &p.title),
                })
            })
            .collect();
        // Each source's own draw, named, in `from`'s order (从“第一章”抽 10 题).
        let draws = q.source_draws();
        let draw_parts: Vec<serde_json::Value> = (q.from.iter())
            .filter_map(|s| {
                let n = draws.get(s.quiz.trim())?;
                let title = self
                    .book
                    .quiz(s.quiz.trim())
                    .map_or(s.quiz.trim(), |x| x.title.as_str());
                Some(serde_json::json!({ "title": title, "n": n }))
            })
            .collect();
        serde_json::json!({
            "id": q.id, "title": q.title, "description": self.field_md(&q.description, dir, &lq.file, lq.text_at("description"), d),
            "pass_mark": q.pass_mark, "time_guide": q.time_guide, "shuffle": q.shuffle, "draw": q.draw, "revised": newest_first(&q.revised),
            // Each `from` source's own draw, by its quiz's id, and what an attempt asks in all
            // when that is fewer than the pool.
            "draws": &draws, "asked": Some(q.asked()).filter(|&n| n < q.questions.len()),
            "draw_parts": draw_parts,
            "exam": q.exam, "time_limit": q.time_limit, "pausable": q.pausable,
            "questions": questions, "count": q.questions.len(),
            // A deck of cards (话术卡片) is gone through, not scored: its page says so.
            "cards_only": q.cards_only(), "card_count": q.questions.iter().map(|x| x.cards.len()).sum::<usize>(),
            "related": q.related.iter().filter_map(|x| self.ref_link(dir, x)).collect::<Vec<_>>(),
            "href": format!("{}index.html", urls::quiz(&q.id)),
        })
    }

    /// A question's rules and lessons (its `rules` and `lessons`), linked from `dir`.
    fn question_links(&self, dir: &str, x: &crate::content::quiz::Question) -> Vec<Link> {
        x.rules
            .iter()
            .filter_map(|r| self.ref_link(dir, r))
            .chain(
                x.lessons
                    .iter()
                    .filter_map(|l| self.ref_link(dir, &format!("lesson:{l}"))),
            )
            .collect()
    }

    fn quiz_pages(
        &self,
        out: &mut Vec<Result<OutputFile, Diagnostic>>,
        diags: &mut Vec<Diagnostic>,
    ) {
        let book = self.book;
        let mut list = Vec::new();
        // The course's checkpoint quizzes: a checkpoint's page, once all are passed, says the
        // course is done and where its completion record is printed.
        let checkpoints: Vec<&str> = book
            .course
            .iter()
            .flat_map(|c| &c.value.modules)
            .flat_map(|m| &m.items)
            .filter(|it| it.checkpoint)
            .filter_map(|it| it.quiz.as_deref())
            .collect();
        for lq in &book.quizzes {
            let q = &lq.value;
            let dir = urls::quiz(&q.id);
            let mut d = Vec::new();
            let view = self.quiz_view(lq, &dir, &mut d);
            diags.extend(d);
            // The same quiz for quiz.js, with links relative to the site root so that a lesson
            // anywhere can embed it; loaded by a <script> tag, which works from file://.
            let data = self.quiz_view(lq, "", &mut Vec::new());
            out.push(Ok((
                format!("{dir}data.js"),
                data_script("HANDBOOK_QUIZZES", &q.id, &data),
            )));
            // Each kind once, in the order the quiz first asks it.
            let mut kinds: Vec<&str> = Vec::new();
            for x in &q.questions {
                if !kinds.contains(&x.kind.label()) {
                    kinds.push(x.kind.label());
                }
            }
            // What a learner goes through: the questions drawn, the calls, the cards.
            use QuestionType as T;
            let only = |k: T| q.questions.iter().all(|x| x.kind == k);
            let size = if only(T::Flashcards) {
                let cards: usize = q.questions.iter().map(|x| x.cards.len()).sum();
                format!("{cards} 张卡片")
            } else if only(T::Scenario) {
                format!("{} 通电话", q.questions.len())
            } else {
                match q.asked() {
                    n if n < q.questions.len() => {
                        format!("每次 {n} 题（题库 {} 题）", q.questions.len())
                    }
                    _ => format!("{} 题", q.questions.len()),
                }
            };
            let course = self.course_at.get(&dir).copied();
            let checkpoint = checkpoints.contains(&q.id.as_str());
            // (A quiz of calls or cards only says so in its size already.)
            let show_kinds = !matches!(kinds.as_slice(), [] | ["情景演练" | "话术卡片"]);
            list.push(serde_json::json!({ "id": q.id, "title": q.title, "size": size, "count": q.questions.len(), "kinds": kinds, "show_kinds": show_kinds, "time_guide": q.time_guide, "exam": q.exam, "time_limit": q.time_limit, "checkpoint": checkpoint, "course": course, "href": urls::href(urls::QUIZZES, &dir) }));
            let paper = self.has_paper(q).then(|| self.paper_view(lq)).flatten();
            if let Some(paper) = &paper {
                let pdir = urls::quiz_paper(&q.id);
                out.push(self.render_generated("paper.html", &pdir, &paper_title(&q.title), |ctx| {
                    ctx.insert("paper", paper);
                    // Under the quiz it prints, in the breadcrumbs too.
                    if let Some(mut page) = ctx.get("page").cloned() {
                        if let Some(list) = page.get_mut("breadcrumbs").and_then(|b| b.as_array_mut()) {
                            list.push(serde_json::json!({ "title": q.title, "href": urls::href(&pdir, &dir) }));
                        }
                        ctx.insert("page", &page);
                    }
                }));
            }
            out.push(self.render_generated("quiz.html", &dir, &q.title, |ctx| {
                ctx.insert("quiz", &view);
                ctx.insert("has_paper", &paper.is_some());
                if checkpoint {
                    ctx.insert("checkpoints", &checkpoints.join(" "));
                }
                if let Some(url) = self.edit_url(&lq.file, lq.line) {
                    ctx.insert("edit_url", &url);
                }
            }));
        }
        // In the course's order (what a new employee meets first), then the others as written.
        list.sort_by_key(|q| q["course"].as_u64().unwrap_or(u64::MAX));
        let groups = self.quiz_groups(&list);
        out.push(self.render_generated(
            "quizzes.html",
            urls::QUIZZES,
            urls::titles::QUIZZES,
            |c| {
                c.insert("quizzes", &list);
                c.insert("groups", &groups);
            },
        ));
    }

    /// The quizzes' list (in the course's order, then the others) under the course's modules,
    /// as the course page has them, then 其他测验: sixty quizzes in one list were eight screens
    /// with the checkpoints mixed among the practice ones. One group, untitled, in a book
    /// without a course. Each group's `id` is its module's on the course page.
    fn quiz_groups(&self, list: &[serde_json::Value]) -> Vec<serde_json::Value> {
        let modules = self.book.course.as_ref().map(|c| &c.value.modules);
        let mut groups: Vec<serde_json::Value> = Vec::new();
        let mut open: Option<usize> = None;
        for q in list {
            let module = q["course"]
                .as_u64()
                .and_then(|i| self.course_items.get(i as usize))
                .map(|it| it.module);
            if groups.is_empty() || module != open {
                let (id, title) = match (module, modules) {
                    (Some(m), Some(ms)) => (ms[m].anchor(m), ms[m].title.clone()),
                    (None, Some(_)) => ("other-quizzes".into(), "其他测验".into()),
                    _ => (String::new(), String::new()),
                };
                groups.push(serde_json::json!({ "id": id, "title": title, "quizzes": [] }));
                open = module;
            }
            if let Some(g) = groups.last_mut().and_then(|g| g["quizzes"].as_array_mut()) {
                g.push(q.clone());
            }
        }
        groups
    }

    /// Whether quiz `q` has a 纸质试卷: some question a pencil can answer, and, for an exam, a
    /// trainer's preview (`--drafts`): a published site holding an exam's answer key would hand
    /// it to every learner who guesses its address.
    fn has_paper(&self, q: &crate::content::quiz::Quiz) -> bool {
        (!q.exam || self.book.preview) && q.questions.iter().any(|x| paper::printable(x.kind))
    }

    /// 纸质试卷 of a quiz ([`paper`]): its questions a pencil can answer, in parts by type and
    /// numbered through, with the answer key; `None` when it has none (scenarios, flash cards).
    fn paper_view(
        &self,
        lq: &crate::content::Located<crate::content::quiz::Quiz>,
    ) -> Option<serde_json::Value> {
        let q = &lq.value;
        let dir = urls::quiz_paper(&q.id);
        // (Errors in these fields are reported once, by the quiz page.)
        // (Its errors are the quiz page's, reported there.)
        let md = |t: &str| self.field_inline(t, &dir, &lq.file, lq.text_at(""), &mut Vec::new());
        // (Sorted: the same JSON, and 试卷版本, on every build.)
        let draws: std::collections::BTreeMap<&str, usize> = q.source_draws().into_iter().collect();
        let mut parts = Vec::new();
        let mut key = Vec::new();
        let mut no = 0;
        let mut partial = false;
        for kind in paper::PARTS {
            let mut list = Vec::new();
            for x in q.questions.iter().filter(|x| x.kind == kind) {
                no += 1;
                partial |= kind == QuestionType::Matching
                    || (kind == QuestionType::Ordering
                        && x.scoring
                            .as_deref()
                            .is_none_or(|s| s.is_empty() || s == "pairs"));
                let lettered = |texts: Vec<String>| -> Vec<serde_json::Value> {
                    texts
                        .into_iter()
                        .enumerate()
                        .map(|(i, t)| serde_json::json!({ "letter": paper::letter(i), "text": t }))
                        .collect()
                };
                let options = lettered(
                    paper::option_order(x, q.shuffle)
                        .into_iter()
                        .map(|k| md(&x.options[k].text))
                        .collect(),
                );
                let items = lettered(
                    paper::permutation(&x.id, x.items.len())
                        .into_iter()
                        .map(|k| x.items[k].clone())
                        .collect(),
                );
                let right = if kind == QuestionType::Matching {
                    lettered(
                        paper::matching_column(x)
                            .into_iter()
                            .map(str::to_string)
                            .collect(),
                    )
                } else {
                    Vec::new()
                };
                let left: Vec<&str> = x.pairs.iter().map(|p| p.left.as_str()).collect();
                list.push(serde_json::json!({
                    "no": no, "id": x.id, "type": kind, "prompt": md(&x.prompt), "bracketed": paper::has_blank(&x.prompt),
                    "from": x.pulled.as_ref().filter(|p| draws.contains_key(p.quiz.as_str())).map(|p| &p.quiz),
                    "options": options, "items": items, "left": left, "right": right,
                }));
                let (answer, also) = paper::answer(x, q.shuffle);
                let links = self.question_links(&dir, x);
                key.push(serde_json::json!({
                    "no": no, "id": x.id, "answer": answer, "also": also,
                    // (Without an explanation, what a learner who got it wrong is told.)
                    "explanation": md(if x.explanation.trim().is_empty() { &x.wrong_feedback } else { &x.explanation }),
                    "links": links,
                }));
            }
            if !list.is_empty() {
                parts.push(serde_json::json!({
                    "no": paper::part_number(parts.len() + 1), "type": kind, "label": kind.label(),
                    "count": list.len(), "questions": list,
                }));
            }
        }
        if no == 0 {
            return None;
        }
        let skipped = q.questions.len() - no;
        // What a set drawn for paper holds: each `from` source's `draw` of its questions (all
        // on the paper: none is a call or a card), then the quiz's `draw` of those.
        let pool = no - q.left_out();
        let draw =
            Some(q.draw.filter(|&d| d >= 1).map_or(pool, |d| d.min(pool))).filter(|&d| d < no);
        // 试卷版本: a short mark of the questions and answers, printed on the paper and the
        // key, that changes with them: a stack printed last year, or a key, is told from this
        // edition at a glance. (The same for the same questions, built on any day.)
        let edition = {
            use std::hash::{Hash, Hasher};
            let mut h = rustc_hash::FxHasher::default();
            // (Shuffled options change the letters of the answers; a draw, which questions a
            // 卷号 holds.)
            serde_json::to_string(&(
                &q.questions,
                q.pass_mark.to_bits(),
                q.shuffle,
                q.draw,
                &draws,
            ))
            .unwrap_or_default()
            .hash(&mut h);
            format!("{:06X}", h.finish() & 0xFF_FFFF)
        };
        serde_json::json!({
            "id": q.id, "title": q.title, "parts": parts, "key": key, "total": no, "edition": edition,
            "skipped": skipped, "partial": partial, "pass_mark": q.pass_mark,
            "pass_points": points(q.pass_mark * no as f64 / 100.0), "time_guide": q.time_guide, "time_limit": q.time_limit,
            "draw": draw, "draws": serde_json::to_string(&draws).unwrap_or_default(),
            "quiz_href": urls::href(&dir, &urls::quiz(&q.id)),
        })
        .into()
    }

    /// `phrases/` (话术汇编): every good example dialogue of the book (but those of pages for
    /// trainers only), in reading order under its lesson's title, each linking to the section it comes from: the wording a desk
    /// needs, on one page (with the lessons' 复制 buttons).
    fn phrases_page(
        &self,
        dialogues: &[Vec<markdown::Dialogue>],
        contrasts: &[Vec<(usize, markdown::Dialogue)>],
    ) -> Result<OutputFile, Diagnostic> {
        let book = self.book;
        let dir = urls::PHRASES;
        let mut groups = Vec::new();
        let mut count = 0;
        let mut shown_contrasts = 0;
        let mut shown_alone = 0;
        // A dialogue in a snippet several lessons include is listed once, under the first.
        let mut seen: HashSet<&str> = HashSet::new();
        for &i in &book.order {
            let list = dialogues.get(i).map_or(&[][..], Vec::as_slice);
            let bad_ones = contrasts.get(i).map_or(&[][..], Vec::as_slice);
            if list.is_empty() && bad_ones.is_empty() {
                continue;
            }
            let p = &book.pages[i];
            // (A page for trainers only shows how dialogues are written, not what to say.)
            let aud = &p.front.audience;
            if !aud.is_empty()
                && aud
                    .iter()
                    .all(|a| *a == crate::content::lesson::Audience::Trainer)
            {
                continue;
            }
            let page = urls::href(dir, &p.dir());
            let (under, alone) = contrast_for(list, bad_ones);
            let source = |d: &markdown::Dialogue| match &d.section {
                Some((id, title)) => (format!("{page}#{id}"), title.clone()),
                None => (page.clone(), String::new()),
            };
            let mut items: Vec<serde_json::Value> = Vec::new();
            let mut alone = alone.into_iter().peekable();
            for k in 0..=list.len() {
                // A bad one of a section without a good one, where it stands in the lesson:
                // folded, to learn from, with no 复制 and outside the filter's matches.
                while let Some((_, b)) = alone.next_if(|(before, _)| *before == k) {
                    if seen.insert(b.html.as_str()) {
                        let (href, section) = source(b);
                        items.push(serde_json::json!({ "title": b.title, "html": b.html, "href": href, "section": section, "alone": true }));
                    }
                }
                let Some(d) = list.get(k).filter(|d| seen.insert(d.html.as_str())) else {
                    continue;
                };
                let (href, section) = source(d);
                let bad: Vec<serde_json::Value> = under
                    .get(k)
                    .into_iter()
                    .flatten()
                    .map(|b| serde_json::json!({ "title": b.title, "html": b.html }))
                    .collect();
                items.push(serde_json::json!({ "title": d.title, "html": d.html, "href": href, "section": section, "contrasts": bad }));
            }
            let alone_here = items.iter().filter(|d| d["alone"] == true).count();
            count += items.len() - alone_here;
            shown_alone += alone_here;
            shown_contrasts += items
                .iter()
                .map(|d| d["contrasts"].as_array().map_or(0, Vec::len))
                .sum::<usize>();
            if items.is_empty() {
                continue;
            }
            // Its lesson's path names a group (`#phone/difficult-calls`), so an address kept
            // for it stays good when lessons are added.
            let id = if p.path.is_empty() {
                "index"
            } else {
                p.path.as_str()
            };
            groups.push(serde_json::json!({ "title": p.front.title, "href": page, "id": id, "count": items.len() - alone_here, "items": items }));
        }
        self.render_generated("phrases.html", dir, urls::titles::PHRASES, |c| {
            c.insert("groups", &groups);
            c.insert("count", &count);
            c.insert("contrasts", &shown_contrasts);
            c.insert("alone", &shown_alone);
        })
    }

    /// `tags/`: every tag with its number of pages (and the first sentence of its description
    /// in `tags.yaml`), and a page for each tag listing its pages in reading order, each under
    /// its section's title, below its whole description.
    fn tag_pages(
        &self,
        out: &mut Vec<Result<OutputFile, Diagnostic>>,
        diags: &mut Vec<Diagnostic>,
    ) {
        let book = self.book;
        // Each tag's description as its page shows it, rendered once (its problems reported
        // once): the index shows its lead as plain text.
        let described: Vec<(String, Vec<Diagnostic>)> = self
            .tags
            .par_iter()
            .map(|g| {
                let mut found = Vec::new();
                let html = match book.tag_entry(&g.name) {
                    Some(e) => self.field_md(
                        &e.value.description,
                        &urls::tag(&g.slug),
                        &e.file,
                        e.text_at("description"),
                        &mut found,
                    ),
                    None => String::new(),
                };
                (html, found)
            })
            .collect();
        #[derive(Serialize)]
        struct Listed<'a> {
            name: &'a str,
            count: usize,
            href: String,
            description: String,
        }
        let list: Vec<Listed> = self
            .tags
            .iter()
            .zip(&described)
            .map(|(g, (html, _))| Listed {
                name: &g.name,
                count: g.pages.len(),
                href: urls::href(urls::TAGS, &urls::tag(&g.slug)),
                description: tag_lead(html, TAG_LEAD_CHARS),
            })
            .collect();
        let any_described = list.iter().any(|t| !t.description.is_empty());
        out.push(
            self.render_generated("tags.html", urls::TAGS, urls::titles::TAGS, |c| {
                c.insert("tags", &list);
                c.insert("described", &any_described);
            }),
        );
        let pages: Vec<Result<OutputFile, Diagnostic>> = self
            .tags
            .par_iter()
            .zip(&described)
            .map(|(g, (description, _))| {
                let dir = urls::tag(&g.slug);
                // (Typed rather than json!: the context makes its own copy, once.)
                #[derive(Serialize)]
                struct Item<'a> {
                    title: &'a str,
                    summary: &'a str,
                    section: Option<&'a str>,
                    href: String,
                }
                let items: Vec<Item> = g
                    .pages
                    .iter()
                    .map(|&i| {
                        let p = &book.pages[i];
                        Item {
                            title: &p.front.title,
                            summary: &p.front.summary,
                            section: p
                                .parent
                                .filter(|&s| s != 0)
                                .map(|s| book.pages[s].front.title.as_str()),
                            href: urls::href(&dir, &p.dir()),
                        }
                    })
                    .collect();
                self.render_generated("tag.html", &dir, &format!("#{}", g.name), |c| {
                    c.insert("tag", &g.name);
                    c.insert("description", description);
                    c.insert("items", &items);
                })
            })
            .collect();
        out.extend(pages);
        diags.extend(described.into_iter().flat_map(|(_, found)| found));
    }

    /// "My progress": the course, lessons and quizzes as data for progress.js, which reads
    /// what the learner did from localStorage.
    fn progress_page(&self, out: &mut Vec<Result<OutputFile, Diagnostic>>) {
        let book = self.book;
        let lessons: Vec<serde_json::Value> = book
            .order
            .iter()
            .map(|&i| &book.pages[i])
            .filter(|p| p.kind == PageKind::Lesson)
            .map(|p| serde_json::json!({"id": p.dir(), "title": p.front.title, "href": format!("{}index.html", p.dir())}))
            .collect();
        let quizzes: Vec<serde_json::Value> = book
            .quizzes
            .iter()
            .map(|q| serde_json::json!({"id": q.value.id, "title": q.value.title, "href": format!("{}index.html", urls::quiz(&q.value.id)), "pass_mark": q.value.pass_mark, "exam": q.value.exam, "cards": q.value.cards_only()}))
            .collect();
        // The revisions of the pages a learner reads (rule cards, lessons; not the trainer
        // guide), each with its date: 学员进度汇总 counts who has read them since.
        let mut revisions: Vec<serde_json::Value> = book
            .rules
            .iter()
            .flat_map(|lr| {
                let r = &lr.value;
                r.revised.iter().map(move |c| serde_json::json!({"date": c.date, "change": c.change, "kind": "rule", "id": urls::rule(&r.id), "title": format!("{} {}", r.id, r.title), "href": format!("{}index.html", urls::rule(&r.id))}))
            })
            .collect();
        revisions.extend(
            book.order
                .iter()
                .map(|&i| &book.pages[i])
                .filter(|p| p.kind == PageKind::Lesson)
                .filter(|p| p.front.audience.is_empty() || p.front.audience.iter().any(|a| *a != crate::content::lesson::Audience::Trainer))
                .flat_map(|p| p.front.revised.iter().map(move |c| serde_json::json!({"date": c.date, "change": c.change, "kind": "lesson", "id": p.dir(), "title": p.front.title, "href": format!("{}index.html", p.dir())}))),
        );
        revisions.sort_by(|a, b| b["date"].as_str().cmp(&a["date"].as_str()));
        let course = book.course.as_ref().map(|course| {
            let modules: Vec<serde_json::Value> = (book.course_modules().into_iter())
                .map(|(_, m)| {
                    let items: Vec<serde_json::Value> = m
                        .items
                        .iter()
                        .filter_map(|it| {
                            Some(match book.course_target(it)? {
                                // `minutes` (as `handbook report` counts them) weigh the course's 总体进度.
                                CourseTarget::Lesson(p) => serde_json::json!({"kind": "lesson", "id": p.dir(), "title": p.front.title, "href": format!("{}index.html", p.dir()), "checkpoint": it.checkpoint, "minutes": crate::report::reading_minutes(&p.body)}),
                                CourseTarget::Rule(x) => serde_json::json!({"kind": "rule", "id": x.id, "title": x.title, "href": format!("{}index.html", urls::rule(&x.id)), "checkpoint": it.checkpoint, "minutes": crate::report::rule_minutes(x)}),
                                CourseTarget::Quiz(q) => serde_json::json!({"kind": "quiz", "id": q.id, "title": q.title, "href": format!("{}index.html", urls::quiz(&q.id)), "checkpoint": it.checkpoint, "pass_mark": q.pass_mark, "cards": q.cards_only(), "minutes": crate::report::quiz_minutes(q)}),
                            })
                        })
                        .collect();
                    serde_json::json!({"title": m.title, "estimate": m.estimate, "items": items})
                })
                .collect();
            serde_json::json!({"title": course.value.title, "href": format!("{}index.html", urls::COURSE), "modules": modules})
        });
        let data = serde_json::json!({
            "title": book.config.title, "course": course, "lessons": lessons, "quizzes": quizzes,
            "revisions": revisions,
        });
        out.push(Ok((
            format!("{}data.js", urls::PROGRESS),
            data_script("HANDBOOK_PROGRESS_DATA", "book", &data),
        )));
        out.push(self.render_generated(
            "progress.html",
            urls::PROGRESS,
            urls::titles::PROGRESS,
            |_| {},
        ));
        // For trainers: several learners' exported progress files side by side.
        out.push(self.render_generated("team.html", urls::TEAM, urls::titles::TEAM, |_| {}));
        // 错题本: the questions this learner got wrong, from every quiz, to practise.
        if !book.quizzes.is_empty() {
            out.push(self.render_generated(
                "mistakes.html",
                urls::MISTAKES,
                urls::titles::MISTAKES,
                |_| {},
            ));
        }
    }
}

impl Renderer<'_> {
    /// 搜索自查 (`search/checks/`): each check of `search-checks.yaml` with the address its
    /// target has in this site, linked as any reference from a YAML list is ([`Self::ref_link`]:
    /// a moved section where it is now, a lesson's section named 课程 › 小节), for
    /// search-checks.js to type each query into the search box and find that address among the
    /// results. A target this site leaves out for its readers has no address: shown, not run.
    /// Whether `#a` of lesson `path` (or of the page it moved to) is that page's own header
    /// rather than a section of it: a section split into a lesson of its own keeps its id
    /// there (`handbook mv LESSON#section NEW`). Known from the sections' titles the anchor
    /// check keeps, where a header's is empty.
    fn anchor_is_page(&self, path: &str, a: &str) -> bool {
        let path = path.trim_end_matches(".md");
        let path = match self.book.moved_section(path, a) {
            Some(now) => self.book.pages[now].path.as_str(),
            None => path,
        };
        let key = format!("{path}#{a}");
        (self.sections.get()).is_some_and(|s| s.get(&key).is_some_and(|t| t.is_empty()))
    }

    fn search_checks_page(&self, out: &mut Vec<Result<OutputFile, Diagnostic>>) {
        let book = self.book;
        let checks: Vec<serde_json::Value> = (book.search_checks.iter().enumerate())
            .map(|(i, c)| {
                let v = &c.value;
                let expect = v.expect.trim();
                let link = self.ref_link(urls::SEARCH_CHECKS, expect);
                let (kind, id, _) = crate::book::split_ref(expect);
                // (The section the result must be: as linked, so none for a section left out.)
                let mut anchor = link
                    .as_ref()
                    .and_then(|l| l.href.split_once('#'))
                    .map(|(_, a)| a);
                // (A section split into a lesson of its own keeps its id on the new page's
                // header: the search finds that page, not a section of it.)
                let mut href = link.as_ref().map(|l| l.href.as_str());
                if kind == "lesson" && anchor.is_some_and(|a| self.anchor_is_page(id, a)) {
                    anchor = None;
                    href = href.map(|h| h.split_once('#').map_or(h, |(page, _)| page));
                }
                // (A lesson's section is in its title already: 课程 › 小节.)
                let title = match (&link, anchor) {
                    (Some(l), Some(a)) if kind != "lesson" => format!("{} › #{a}", l.title),
                    (Some(l), _) => l.title.clone(),
                    (None, _) => id.to_string(),
                };
                serde_json::json!({
                    "n": i + 1, "query": v.query.trim(), "expect": expect,
                    "href": href, "title": title,
                    "anchor": anchor, "within": v.within(), "note": v.note.trim(),
                    "line": c.pos("query").0, "col": c.pos("query").1,
                })
            })
            .collect();
        out.push(Ok((
            format!("{}data.js", urls::SEARCH_CHECKS),
            data_script(
                "HANDBOOK_SEARCH_CHECKS",
                "checks",
                &serde_json::json!(checks),
            ),
        )));
        let file = crate::diagnostics::display_path(&book.root, &book.search_checks[0].file)
            .display()
            .to_string()
            .replace('\\', "/");
        out.push(self.render_generated(
            "search-checks.html",
            urls::SEARCH_CHECKS,
            urls::titles::SEARCH_CHECKS,
            |ctx| {
                ctx.insert("checks", &checks);
                ctx.insert("checks_file", &file);
            },
        ));
    }
}

/// The value [`data_script`] wrote under `key` in a data script's text (`check --search`
/// reads the checks so; tests read them too), if it is there.
pub fn data_script_value(text: &str, key: &str) -> Option<serde_json::Value> {
    let at = format!("[{}] = ", serde_json::to_string(key).ok()?);
    let json = &text[text.find(&at)? + at.len()..];
    serde_json::from_str(json.trim_end().trim_end_matches(';')).ok()
}

/// `(window.NAME = window.NAME || {})["key"] = {json};` — data a page loads with a plain
/// <script> tag, so it works from file:// where fetch() does not.
fn data_script(name: &str, key: &str, value: &serde_json::Value) -> Vec<u8> {
    let key = serde_json::to_string(key).unwrap_or_default();
    script_safe(format!(
        "(window.{name} = window.{name} || {{}})[{key}] = {value};\n"
    ))
    .into_bytes()
}

/// A time limit of `rule` as the templates show it (a rule card, and 时限速查's rows), with
/// what is said under its value ready made ([`super::embed::under_limit`], as a limits block
/// in a lesson writes it; `previous_html` by its first use, the name templates know).
fn limit_view(rule: &Rule, t: &crate::content::rule::TimeLimit) -> serde_json::Value {
    let after = super::embed::under_limit(rule, t);
    serde_json::json!({ "label": t.label, "value": format_value(t.value), "unit": t.unit.label(), "condition": t.condition, "condition_label": t.condition.label(), "note": t.note, "n": t.value, "unit_code": t.unit, "deadline": t.deadline, "from": t.start(), "previous": t.previous.map(format_value), "previous_n": t.previous, "previous_html": after })
}

/// Revisions newest first. Of several on one day, the one written where the list puts its
/// newest comes first: last in a list kept oldest first (or in no order the other dates show),
/// first in a list kept newest first. (A same-day second change appended to the list showed
/// the first one's text beside the new version on 最近修订.)
fn newest_first(revised: &[Revision]) -> Vec<Revision> {
    let trend: i32 = revised
        .windows(2)
        .map(|w| match w[0].date.cmp(&w[1].date) {
            std::cmp::Ordering::Less => 1,
            std::cmp::Ordering::Greater => -1,
            std::cmp::Ordering::Equal => 0,
        })
        .sum();
    let mut v: Vec<(usize, &Revision)> = revised.iter().enumerate().collect();
    v.sort_by(|(i, a), (j, b)| {
        b.date
            .cmp(&a.date)
            .then(if trend < 0 { i.cmp(j) } else { j.cmp(i) })
    });
    v.into_iter().map(|(_, r)| r.clone()).collect()
}

/// One paragraph of HTML without its `<p>`, for a field shown inline; more stays as it is.
pub(crate) fn unwrap_paragraph(html: &str) -> String {
    let t = html.trim();
    match t.strip_prefix("<p>").and_then(|s| s.strip_suffix("</p>")) {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => t.to_string(),
    }
}

/// The rules as a table for Excel, in `rules/`.
const RULES_CSV: &str = "rules.csv";

/// One CSV cell: quoted, on one line, and never a formula to Excel.
fn csv_cell(s: &str) -> String {
    let s = s.replace('\r', "").replace('\n', " ");
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// A script made of JSON values, with U+2028 and U+2029 escaped: JSON allows them in a
/// string, but browsers before ES2019 end a line there and fail on the whole file (trainers'
/// text pasted from word processors can hold them). They only occur inside strings.
pub fn script_safe(js: String) -> String {
    if js.contains(['\u{2028}', '\u{2029}']) {
        js.replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029")
    } else {
        js
    }
}

/// Under which of a page's good dialogues each bad one is shown on 话术汇编, to compare: the
/// nearest good one of the same section (the one before it, else the one after). One of a
/// section with no good dialogue is shown on its own, folded, where it stands in the lesson:
/// the second list holds those, each with how many good ones come before it.
#[allow(clippy::type_complexity)]
fn contrast_for<'d>(
    good: &[markdown::Dialogue],
    bad: &'d [(usize, markdown::Dialogue)],
) -> (
    Vec<Vec<&'d markdown::Dialogue>>,
    Vec<(usize, &'d markdown::Dialogue)>,
) {
    let mut out = vec![Vec::new(); good.len()];
    let mut alone = Vec::new();
    for (before, b) in bad {
        let same = |k: &usize| good[*k].within == b.within;
        let at = (0..*before)
            .rev()
            .find(same)
            .or_else(|| (*before..good.len()).find(same));
        match at {
            Some(k) => out[k].push(b),
            None => alone.push(((*before).min(good.len()), b)),
        }
    }
    (out, alone)
}

/// The title of a quiz's paper.
fn paper_title(quiz: &str) -> String {
    format!("{quiz}·纸质试卷")
}

/// Points as a paper states them: 14.4, 8, 12.5 (one decimal at most).
fn points(p: f64) -> String {
    let r = (p * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

/// How to give the book the site pages of `group` (`rules`, `course` ...), when it has none,
/// with the content folder `src` (book.toml's `[build] src`); and the path the hint names.
fn missing_site_page_hint(group: &str, src: &Path) -> (String, Option<PathBuf>) {
    let src = src.to_string_lossy().replace('\\', "/");
    let src = src.trim_end_matches('/');
    // (The file or folder it names.)
    let named = match group {
        "course" => "course.yaml",
        "glossary" => "glossary.yaml",
        "rules" => "rules",
        "quizzes" => "quizzes",
        _ => {
            return (
                t!(
                    "this page is made only when the book has content for it, or remove the link",
                    "书里有相应的内容，才会生成这个页面；或者删掉这个链接"
                ),
                None,
            )
        }
    };
    let path = format!("{src}/{named}");
    // (What to do, what it makes.)
    let hint = match group {
        "course" => t!(
            "write {path} (the course's modules) to make the course page, or remove the link",
            "请写好 {path}（入职课程的各个单元），才会生成入职课程页面；或者删掉这个链接"
        ),
        "glossary" => t!(
            "write {path} (terms and their definitions) to make the glossary, or remove the link",
            "请写好 {path}（术语和它们的解释），才会生成术语表；或者删掉这个链接"
        ),
        "rules" => t!(
            "add a rule file ({path}/*.rule.yaml) to make the rule pages, or remove the link",
            "请添加规则文件（{path}/*.rule.yaml），才会生成规则页面；或者删掉这个链接"
        ),
        _ => t!(
            "add a quiz file ({path}/*.quiz.yaml) to make the quiz pages, or remove the link",
            "请添加测验文件（{path}/*.quiz.yaml），才会生成测验页面；或者删掉这个链接"
        ),
    };
    (hint, Some(PathBuf::from(path)))
}

/// A page's ids: all of them, and its own sections' (see [`html_ids`]).
type PageIds = (Vec<String>, Vec<String>);

/// The ids of a page's elements: (all of them, those after `id="main"` — the page's own
/// sections rather than the layout's — or all when there is no such element).
fn html_ids(html: &str) -> PageIds {
    let mut all = Vec::new();
    let mut main = None;
    let mut rest = html;
    while let Some(i) = rest.find(" id=\"") {
        rest = &rest[i + 5..];
        let Some(end) = rest.find('"') else { break };
        let mut id = String::new();
        crate::search::index::decode_entities(&rest[..end], &mut id);
        if id == "main" && main.is_none() {
            main = Some(all.len() + 1);
        }
        all.push(id);
        rest = &rest[end..];
    }
    let sections = all[main.unwrap_or(0).min(all.len())..].to_vec();
    (all, sections)
}

/// The heading whose text a link names instead of its id (`#客户仍不满意时` for
/// `## 客户仍不满意时 {#still-unhappy}`), compared without spaces and case.
fn titled<'a>(
    toc: &'a [crate::render::markdown::TocEntry],
    anchor: &str,
) -> Option<&'a crate::render::markdown::TocEntry> {
    let bare = |t: &str| -> String {
        t.chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .flat_map(char::to_lowercase)
            .collect()
    };
    let want = bare(anchor);
    toc.iter()
        .find(|h| !want.is_empty() && bare(&h.title) == want)
}

/// A page's headings for a hint: `#timing` (答复和回访的时间), … up to ten, then how many more.
fn sections_listed(toc: &[crate::render::markdown::TocEntry]) -> String {
    let mut listed: Vec<String> = toc
        .iter()
        .take(10)
        .map(|h| {
            if h.id == h.title {
                format!("`#{}`", h.id)
            } else {
                format!("`#{}` ({})", h.id, h.title)
            }
        })
        .collect();
    if toc.len() > 10 {
        let more = toc.len() - 10;
        listed.push(t!("and {more} more", "还有 {more} 个"));
    }
    listed.join(", ")
}

/// Whether an old address names a file (`intake/phone.html`, `.htm`, any case), not a folder.
fn file_alias(alias: &str) -> bool {
    let lower = alias.to_ascii_lowercase();
    lower.ends_with(".html") || lower.ends_with(".htm")
}

/// Where a page's alias forwards from: its folder, or the file an old address named.
fn alias_url(alias: &str) -> String {
    if file_alias(alias) {
        alias.to_string()
    } else {
        format!("{alias}/")
    }
}

/// At most this many characters of a tag's description on the tags' index.
const TAG_LEAD_CHARS: usize = 60;

/// What the tags' index shows of a tag's description (`html`, as its page shows it): its first
/// sentence as plain text, cut at `max` characters (with `…`) when longer, so the list stays
/// one to scan.
fn tag_lead(html: &str, max: usize) -> String {
    if html.trim().is_empty() {
        return String::new();
    }
    let text: String = crate::search::index::html_sections(html)
        .into_iter()
        .map(|s| s.text)
        .collect::<Vec<_>>()
        .join(" ");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars: Vec<char> = text.chars().collect();
    // The first sentence: up to its `。！？` (or `.!?` before a space or the end).
    let end = chars
        .iter()
        .enumerate()
        .find(|&(i, c)| {
            matches!(c, '。' | '！' | '？')
                || (matches!(c, '.' | '!' | '?')
                    && chars.get(i + 1).is_none_or(|n| n.is_whitespace()))
        })
        .map_or(chars.len(), |(i, _)| i + 1);
    if end <= max {
        return chars[..end].iter().collect();
    }
    let cut: String = chars[..max].iter().collect();
    format!(
        "{}…",
        cut.trim_end_matches(|c: char| c.is_whitespace() || "，、；：,;:".contains(c))
    )
}

/// Days of revisions 最近修订 shows open: those within this many days of the latest revision
/// that has come (a provincial book's whole history was 945 rows, 75 screens).
const RECENT_DAYS: i64 = 90;

/// 最近修订's revisions (newest first) split into the recent ones, within [`RECENT_DAYS`] of the
/// latest that has come (a change published ahead, dated on its effective day, counts as
/// recent), and the older ones, folded under them.
fn recent_and_older(
    changes: Vec<serde_json::Value>,
) -> (Vec<serde_json::Value>, Vec<serde_json::Value>) {
    use crate::content::calendar::{parse_day, today};
    let day = |c: &serde_json::Value| c["date"].as_str().and_then(parse_day);
    let now = today();
    let latest = (changes.iter().filter_map(day).filter(|&d| d <= now).max())
        .or_else(|| changes.iter().filter_map(day).max());
    let Some(latest) = latest else {
        return (changes, Vec::new());
    };
    changes
        .into_iter()
        .partition(|c| day(c).is_none_or(|d| d > latest - RECENT_DAYS))
}

#[cfg(test)]
mod tests {

    /// The hints for a link to a page the book lacks, and a page's headings listed, in
    /// Chinese (the anchor checks' own run on the book, in tests/messages_zh.rs).
    #[test]
    fn hints_for_missing_pages_and_sections_are_told_in_chinese() {
        use crate::render::markdown::TocEntry;
        let (hint, named) = crate::i18n::in_chinese(|| {
            super::missing_site_page_hint("glossary", std::path::Path::new("content/"))
        });
        assert_eq!(
            hint,
            "请写好 content/glossary.yaml（术语和它们的解释），才会生成术语表；或者删掉这个链接"
        );
        assert_eq!(named, Some("content/glossary.yaml".into()));
        let (en, _) = super::missing_site_page_hint("rules", std::path::Path::new("content"));
        assert_eq!(
            en,
            "add a rule file (content/rules/*.rule.yaml) to make the rule pages, or remove the link"
        );
        let toc: Vec<TocEntry> = (0..12)
            .map(|i| TocEntry {
                level: 2,
                id: format!("s{i}"),
                title: format!("s{i}"),
            })
            .collect();
        let listed = crate::i18n::in_chinese(|| super::sections_listed(&toc));
        assert!(listed.ends_with("`#s9`, 还有 2 个"), "{listed}");
    }

    #[test]
    fn a_tags_lead_is_its_first_sentence_as_text_cut_when_long() {
        use super::tag_lead;
        let html = "<p>先平复<strong>情绪</strong>，再解决问题。见 <a href=\"x\" title=\"长的说明\">投诉处理的基本步骤（TS-PROC-004）</a>。</p>";
        assert_eq!(tag_lead(html, 60), "先平复情绪，再解决问题。");
        // No sentence end: all of it; a long one cut at a word's end, with `…`.
        assert_eq!(
            tag_lead("<p>See <em>this</em> &amp; that</p>", 60),
            "See this & that"
        );
        assert_eq!(
            tag_lead("<p>Closing v1.2 well. Then</p>", 60),
            "Closing v1.2 well."
        );
        assert_eq!(
            tag_lead("<p>一二三四五，六七八九十。</p>", 6),
            "一二三四五…"
        );
        assert_eq!(tag_lead("", 60), "");
        assert_eq!(
            tag_lead("<p>[[x]] <a href=\"a\">A</a>?</p>\n<p>B.</p>", 60),
            "[[x]] A?"
        );
    }

    #[test]
    fn of_two_revisions_on_one_day_the_one_where_the_list_keeps_its_newest_comes_first() {
        use crate::content::rule::Revision;
        let r = |date: &str, change: &str| Revision {
            date: date.into(),
            change: change.into(),
            version: None,
        };
        let first = |v: &[Revision]| super::newest_first(v)[0].change.clone();
        // Oldest first, a second change appended on the day.
        let up = [
            r("2025-01-02", "a"),
            r("2026-12-01", "b"),
            r("2026-12-01", "c"),
        ];
        assert_eq!(first(&up), "c");
        // Newest first, the second change put on top.
        let down = [
            r("2026-12-01", "c"),
            r("2026-12-01", "b"),
            r("2025-01-02", "a"),
        ];
        assert_eq!(first(&down), "c");
        // One day only: the last written.
        assert_eq!(first(&[r("2026-12-01", "b"), r("2026-12-01", "c")]), "c");
        assert_eq!(first(&[r("2025-01-02", "a"), r("2026-12-01", "b")]), "b");
    }

    #[test]
    fn a_pages_ids_are_read_decoded_and_its_sections_follow_main() {
        let html =
            r#"<nav id="sidebar"></nav><main id="main"><h2 id="a&amp;b">x</h2><p id="投诉受理">"#;
        let (all, sections) = super::html_ids(html);
        assert_eq!(all, ["sidebar", "main", "a&b", "投诉受理"]);
        assert_eq!(sections, ["a&b", "投诉受理"]);
        let (all, sections) = super::html_ids(r#"<p id="x"><p id="y">"#);
        assert_eq!((all.len(), sections.len()), (2, 2));
        assert_eq!(super::html_ids(r#"<p id="unclosed"#).0.len(), 0);
    }
    use super::*;

    #[test]
    fn a_data_scripts_value_reads_back_as_written() {
        let v = serde_json::json!([{ "query": "停电\u{2028}了", "n": 1 }]);
        let text = String::from_utf8(data_script("HANDBOOK_X", "checks", &v)).unwrap();
        assert_eq!(data_script_value(&text, "checks"), Some(v));
        assert_eq!(data_script_value(&text, "other"), None);
    }

    #[test]
    fn paper_points_keep_one_decimal() {
        assert_eq!(points(14.4), "14.4");
        assert_eq!(points(8.0), "8");
        assert_eq!(points(80.0 * 18.0 / 100.0), "14.4");
        assert_eq!(points(2.0 / 3.0), "0.7");
    }

    #[test]
    fn a_csv_cell_is_quoted_on_one_line_and_never_a_formula() {
        assert_eq!(csv_cell("办结时限"), "\"办结时限\"");
        assert_eq!(csv_cell("他说\"好\"\r\n再见"), "\"他说\"\"好\"\" 再见\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("-5"), "\"'-5\"");
    }
}
