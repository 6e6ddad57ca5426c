//! Flowcharts drawn at build time: a ```` ```mermaid ```` block holding a Mermaid `flowchart`
//! (or `graph`) becomes an inline SVG, laid out in layers, styled by the theme's CSS (light,
//! dark and print), with no script, so it shows offline, from `file://` and on old browsers,
//! and its text is found by search.
//!
//! What is read, as Mermaid reads it (so a chart pasted from the Mermaid live editor or
//! brought by `handbook import mdbook` shows as it did there):
//!
//! - the header: `flowchart`, `graph` or `flowchart-elk`, and a direction (`TD`, `TB`, `BT`,
//!   `LR`, `RL`, or `v ^ > <`; none is `TD`), statements after it on the line;
//! - nodes with text and a shape (`A[方框]`, `A(圆角)`, `A([胶囊])`, `A((圆))`, `A(((双圆)))`,
//!   `A{判断}`, `A{{六边形}}`, `A[[子流程]]`, `A[(库)]`, `A>旗]`, `A[/斜/]`, `A[/梯\]` …) or
//!   `A@{ shape: diamond, label: "判断" }` (Mermaid 11's shapes, each drawn as the nearest of
//!   ours); text quoted (`A["含 (括号) 的文字"]`, over several lines), as a Markdown string
//!   (`` A["`**粗体** 文字`"] ``), with `<br>` and entities (`#quot;`, `#9829;`, `&lt;`);
//!   names of letters, digits, `_`, `-` and Han characters;
//! - links: `-->`, `---`, `-.->`, `==>`, `~~~` (invisible: it only places the nodes), longer
//!   (`---->`, spanning more layers), with heads at either end (`<-->`, `--o`, `--x`,
//!   `o--o`, `x--x`), text (`-->|是|`, `-->|"是"|`, `-- 是 -->`, `--是-->`, `-. 是 .->`,
//!   `== 是 ==>`), an id (`A e1@--> B`), chained (`A --> B --> C`) and joined with `&`;
//! - `subgraph 受理阶段` … `end` (or `subgraph id [标题]`, `subgraph "标题"`, nested): a box
//!   with its title around its nodes, as Mermaid draws it (a node named in several is in the
//!   one closed first); a link to a subgraph goes to its first nodes, from it from its last;
//!   one with no nodes is an empty box with its title;
//! - `click A "rule:TS-PROC-001"` (or `href`, with a tooltip or a `_blank` after it) makes a
//!   node a link, resolved like any link on the page;
//! - `accTitle:` (the chart's title when it has none) and `accDescr:` / `accDescr { … }` (the
//!   picture's description for screen readers);
//! - `%%` comments, `;` between statements, a `---` front matter (`title:`; its `config:` is
//!   the renderer's and is skipped, as are `%%{init: …}%%` directives).
//!
//! Drawn with a warning, as the theme draws every chart alike: `direction` in a subgraph
//! (the whole chart runs one way), `style`, `classDef`, `class`, `:::`, `linkStyle`,
//! edge animations, icons and images, an unknown `shape:`, a `click` that would run a
//! script. An error (the chart is shown as code and the build stops) is a chart that cannot
//! be read: a bracket or quote never closed, a link to nothing, a stray character.

use super::markdown::escape_html;

/// A problem in a flowchart, at a line (0 = the block's first) and a column (1-based, in
/// characters) of the block's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub hint: String,
    /// A warning: the chart is still drawn.
    pub warning: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Dir {
    Down,
    Up,
    Right,
    Left,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shape {
    Rect,
    Round,
    Stadium,
    Circle,
    Diamond,
    Hexagon,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Stroke {
    Solid,
    Dotted,
    Thick,
    /// `~~~`: not drawn; it only places the nodes.
    Invisible,
}

/// The end of a link: nothing, an arrow (`>`), a circle (`o`) or a cross (`x`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Head {
    None,
    Arrow,
    Circle,
    Cross,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: String,
    pub text: String,
    pub shape: Shape,
    /// Where the node is first written: (line, column) in the block.
    pub at: (usize, usize),
    /// `click` target as written, with where it is written.
    pub link: Option<(String, usize, usize)>,
    /// The innermost subgraph it is drawn in (an index into `Flow::groups`).
    pub group: Option<usize>,
}

/// A subgraph, drawn as a box with its title around its nodes.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Its name, for links to it (empty when it has none, as `subgraph "两个 词"`).
    pub id: String,
    pub title: String,
    /// The subgraph it is in.
    pub parent: Option<usize>,
    /// A subgraph with no nodes: the node standing for it, drawn as the empty box itself.
    pub stand_in: Option<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub text: String,
    pub stroke: Stroke,
    /// Heads at the start and at the end.
    pub heads: (Head, Head),
    /// How many layers it spans at least (`-->` 1, `--->` 2 …).
    pub len: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub dir: Dir,
    pub title: Option<String>,
    /// `accTitle:`: the title when the chart has no other.
    pub acc_title: Option<String>,
    /// `accDescr:`: the picture's description, for screen readers.
    pub desc: Option<String>,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// Subgraphs, a parent before the subgraphs in it.
    pub groups: Vec<Group>,
}

/// What a ```` ```mermaid ```` block holds.
#[derive(Debug)]
pub enum Parsed {
    /// A flowchart (drawn when no problem is an error).
    Flow(Flow, Vec<Problem>),
    /// Another kind of Mermaid diagram (`sequenceDiagram`, `gantt` …): its name.
    Other(String),
}

/// Mermaid's other diagram kinds, which stay code.
const OTHER_KINDS: [&str; 37] = [
    "sequenceDiagram",
    "classDiagram",
    "classDiagram-v2",
    "stateDiagram",
    "stateDiagram-v2",
    "erDiagram",
    "journey",
    "gantt",
    "pie",
    "quadrantChart",
    "requirementDiagram",
    "requirement",
    "gitGraph",
    "mindmap",
    "timeline",
    "sankey-beta",
    "sankey",
    "xychart-beta",
    "xychart",
    "block-beta",
    "block",
    "packet-beta",
    "packet",
    "kanban",
    "architecture-beta",
    "architecture",
    "radar-beta",
    "treemap-beta",
    "treemap",
    "zenuml",
    "C4Context",
    "C4Container",
    "C4Component",
    "C4Dynamic",
    "C4Deployment",
    "info",
    "venn-beta",
];

fn problem(
    line: usize,
    col: usize,
    message: impl Into<String>,
    hint: impl Into<String>,
) -> Problem {
    Problem {
        line,
        col,
        message: message.into(),
        hint: hint.into(),
        warning: false,
    }
}

/// `click` without its target in quotes: the message and its hint.
fn click_quotes() -> String {
    t!(
        "`click` needs the link's target in double quotes",
        "`click` 要把链接的目标写在英文双引号里"
    )
}

fn click_quotes_hint() -> String {
    t!(
        "write `click 节点 \"rule:TS-PROC-001\"` (a rule, lesson path or address; scripts are not run)",
        "请写成 `click 节点 \"rule:TS-PROC-001\"`（目标可以是规则、课程路径或网址；不会运行脚本）"
    )
}

/// A run of link characters that makes no link: the message and its hint.
fn not_a_link(run: &str) -> String {
    t!("`{run}` is not a link", "`{run}` 不是连线")
}

fn not_a_link_hint() -> String {
    t!(
        "link two nodes with `-->` (arrow), `---` (line), `-.->` (dotted) or `==>` (thick)",
        "请用 `-->`（箭头）、`---`（直线）、`-.->`（虚线）或 `==>`（粗线）连接两个节点"
    )
}

fn warning(
    (line, col): (usize, usize),
    message: impl Into<String>,
    hint: impl Into<String>,
) -> Problem {
    Problem {
        warning: true,
        ..problem(line, col, message, hint)
    }
}

/// Reads a ```` ```mermaid ```` block's text.
pub fn parse(text: &str) -> Parsed {
    let mut p = Parser::default();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    let mut title = None;
    // (Mermaid's front matter: `---`, `title: …`, `config: …`, `---`.)
    let first = lines.iter().position(|l| !l.trim().is_empty());
    if let Some(f) = first.filter(|&f| lines[f].trim() == "---") {
        match lines[f + 1..].iter().position(|l| l.trim() == "---") {
            Some(e) => {
                let indent = &lines[f][..lines[f].len() - lines[f].trim_start().len()];
                for l in &lines[f + 1..f + 1 + e] {
                    // (Only the top level's `title:`; `config:` is the renderer's.)
                    let top = l
                        .strip_prefix(indent)
                        .filter(|t| !t.starts_with([' ', '\t']));
                    if let Some(t) = top.and_then(|t| t.strip_prefix("title:")) {
                        let t = t.trim().trim_matches(['"', '\'']).trim();
                        if !t.is_empty() {
                            title = Some(t.to_string());
                        }
                    }
                }
                i = f + e + 2;
            }
            None => p.problems.push(problem(
                f,
                1,
                t!(
                    "the chart's header opened with `---` is never closed",
                    "图开头用 `---` 开始的头部没有结束"
                ),
                t!(
                    "end the header (`title: …`) with a line `---`",
                    "请在头部（`title: …`）后面加一行 `---` 结束它"
                ),
            )),
        }
    }
    let statements = p.read_lines(&lines, i);
    let mut rest = statements.into_iter();
    // The first statement names the kind of diagram and its direction.
    let mut dir = None;
    for s in rest.by_ref() {
        let mut c = Cur::new(s);
        c.skip_ws();
        if c.done() {
            continue;
        }
        let start = c.at;
        while c.peek().is_some_and(|ch| !ch.is_whitespace() && ch != ';') {
            c.at += 1;
        }
        let kind: String = c.chars[start..c.at].iter().collect();
        let is_flow = ["flowchart", "graph", "flowchart-elk"]
            .iter()
            .any(|k| k.eq_ignore_ascii_case(&kind));
        if !is_flow {
            let name = kind.trim_end_matches(':');
            if let Some(k) = OTHER_KINDS.iter().find(|k| k.eq_ignore_ascii_case(name)) {
                return Parsed::Other(k.to_string());
            }
            let (l, col) = c.place_at(start);
            p.problems.push(problem(
                l,
                col,
                t!(
                    "a mermaid block opens with the kind of diagram, not `{kind}`",
                    "mermaid 块要以图的种类开头，而不是 `{kind}`"
                ),
                t!("start it with `flowchart TD` (top to bottom) or `flowchart LR` (left to right) on a line of its own", "请在第一行单独写 `flowchart TD`（从上到下）或 `flowchart LR`（从左到右）"),
            ));
            break;
        }
        c.skip_ws();
        let d_start = c.at;
        while c.peek().is_some_and(|ch| !ch.is_whitespace() && ch != ';') {
            c.at += 1;
        }
        let d: String = c.chars[d_start..c.at].iter().collect();
        dir = Some(match d.to_ascii_uppercase().as_str() {
            "" | "TD" | "TB" | "V" => Dir::Down,
            "BT" | "^" => Dir::Up,
            "LR" | ">" => Dir::Right,
            "RL" | "<" => Dir::Left,
            _ => {
                let (l, col) = c.place_at(d_start);
                p.problems.push(problem(
                    l,
                    col,
                    t!("`{d}` is not a direction", "`{d}` 不是方向"),
                    t!(
                        "write TD (top to bottom), LR (left to right), BT or RL after `flowchart`",
                        "请在 `flowchart` 后面写 TD（从上到下）、LR（从左到右）、BT 或 RL"
                    ),
                ));
                Dir::Down
            }
        });
        // (Statements may follow on the same line, after a `;`.)
        p.line(c);
        break;
    }
    let Some(dir) = dir else {
        if p.problems.is_empty() {
            p.problems.push(problem(
                0,
                1,
                t!("this mermaid block is empty", "这个 mermaid 块是空的"),
                t!("write the chart: `flowchart TD` on the first line, then one link a line, e.g. `A[受理] --> B[派单]`", "请写出流程图：第一行写 `flowchart TD`，下面每行写一条连线，例如 `A[受理] --> B[派单]`"),
            ));
        }
        return Parsed::Flow(
            Flow {
                dir: Dir::Down,
                title,
                acc_title: p.acc_title,
                desc: p.desc,
                nodes: Vec::new(),
                edges: Vec::new(),
                groups: Vec::new(),
            },
            p.problems,
        );
    };
    for s in rest {
        p.line(Cur::new(s));
    }
    p.finish(lines.len());
    let groups = p
        .subs
        .iter()
        .map(|s| Group {
            id: s.id.clone(),
            title: s.title.clone(),
            parent: s.parent,
            stand_in: s.stand_in,
        })
        .collect();
    let flow = Flow {
        dir,
        title,
        acc_title: p.acc_title,
        desc: p.desc,
        nodes: p.nodes,
        edges: p.edges,
        groups,
    };
    Parsed::Flow(flow, p.problems)
}

/// A statement's text as read: a line of the block, or several joined where a quoted text
/// or a node's `@{ … }` runs on; each character with its (line, column) in the block.
#[derive(Default)]
struct Text {
    chars: Vec<char>,
    pos: Vec<(usize, usize)>,
    /// Where the text ends.
    end: (usize, usize),
}

/// A subgraph: its name (for links to it), title, the subgraph it is in, where it is written,
/// the nodes named in it (not in a subgraph inside it) and, when it has none, the node
/// standing for it.
struct Sub {
    id: String,
    title: String,
    parent: Option<usize>,
    at: (usize, usize),
    named: Vec<usize>,
    stand_in: Option<usize>,
}

/// A setting in a node's `@{ … }`: its key, value, and where the value is written.
type Setting = (String, String, (usize, usize));

/// `click ID "target"`, resolved when the whole chart is read.
struct Click {
    id: String,
    id_at: (usize, usize),
    target: String,
    at: (usize, usize),
}

#[derive(Default)]
struct Parser {
    nodes: Vec<Node>,
    /// Whether a node's text or shape is written (not only its name).
    written: Vec<bool>,
    /// The subgraph each node is drawn in: as Mermaid has it, of those it is named in, the
    /// one closed first (so the innermost).
    node_sub: Vec<Option<usize>>,
    edges: Vec<Edge>,
    problems: Vec<Problem>,
    /// The ignored statements already warned about (one warning each).
    ignored: Vec<&'static str>,
    subs: Vec<Sub>,
    /// Open subgraphs, innermost last.
    open: Vec<usize>,
    edge_ids: Vec<String>,
    clicks: Vec<Click>,
    acc_title: Option<String>,
    desc: Option<String>,
}

/// A cursor over one statement text's characters.
struct Cur {
    chars: Vec<char>,
    pos: Vec<(usize, usize)>,
    end: (usize, usize),
    at: usize,
}

impl Cur {
    fn new(t: Text) -> Cur {
        Cur {
            chars: t.chars,
            pos: t.pos,
            end: t.end,
            at: 0,
        }
    }
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }
    fn peek_at(&self, k: usize) -> Option<char> {
        self.chars.get(self.at + k).copied()
    }
    /// Skips spaces, not the end of a line inside joined text.
    fn skip_ws(&mut self) {
        while self.peek().is_some_and(|c| c.is_whitespace() && c != '\n') {
            self.at += 1;
        }
    }
    fn starts(&self, s: &str) -> bool {
        s.chars()
            .enumerate()
            .all(|(k, c)| self.peek_at(k) == Some(c))
    }
    /// (line, column) of character `k`.
    fn place_at(&self, k: usize) -> (usize, usize) {
        self.pos.get(k).copied().unwrap_or(self.end)
    }
    fn place(&self) -> (usize, usize) {
        self.place_at(self.at)
    }
    fn done(&self) -> bool {
        self.at >= self.chars.len()
    }
    /// At the end of a statement (`;`, a line's end, the text's end).
    fn at_end(&self) -> bool {
        self.done() || matches!(self.peek(), Some(';' | '\n'))
    }
    /// Moves past the rest of the statement (to a `;` or a line's end outside quotes).
    fn skip_statement(&mut self) {
        let mut quote = false;
        while let Some(ch) = self.peek() {
            if ch == '"' {
                quote = !quote;
            } else if !quote && (ch == ';' || ch == '\n') {
                return;
            }
            self.at += 1;
        }
    }
    /// The rest of the statement's text.
    fn statement_text(&mut self) -> String {
        let start = self.at;
        self.skip_statement();
        self.chars[start..self.at].iter().collect()
    }
}

/// Whether a link begins at the cursor (`o--o` / `x--x` heads only where `ox`, not inside a
/// node's name).
fn edge_starts(c: &Cur, ox: bool) -> bool {
    let (a, b) = (c.peek(), c.peek_at(1));
    matches!(
        (a, b),
        (Some('-'), Some('-' | '.')) | (Some('='), Some('=')) | (Some('~'), Some('~'))
    ) || (matches!(a, Some('<')) && matches!(b, Some('-' | '=')))
        || (ox
            && matches!(a, Some('o' | 'x' | '<'))
            && matches!(b, Some('-' | '='))
            && matches!(c.peek_at(2), Some('-' | '=' | '.')))
}

fn head_of(ch: Option<char>) -> Head {
    match ch {
        Some('>' | '<') => Head::Arrow,
        Some('o') => Head::Circle,
        Some('x') => Head::Cross,
        _ => Head::None,
    }
}

/// A link's closing part at `k` in a run of `body` (`--+` then `-`, `>`, `o` or `x`; `==+`
/// likewise; `.+-` then maybe a head): its length in characters, end head and extra layers.
fn link_end(chars: &[char], k: usize, body: char) -> Option<(usize, Head, usize)> {
    let at = |i: usize| chars.get(i).copied();
    if body == '.' {
        let dots = chars[k..].iter().take_while(|c| **c == '.').count();
        if dots == 0 || at(k + dots) != Some('-') {
            return None;
        }
        let h = head_of(at(k + dots + 1).filter(|c| matches!(c, '>' | 'o' | 'x')));
        let n = dots + 1 + usize::from(h != Head::None);
        return Some((n, h, dots - 1));
    }
    let run = chars[k..].iter().take_while(|c| **c == body).count();
    if run < 2 {
        return None;
    }
    match at(k + run) {
        Some('>' | 'o' | 'x') => Some((run + 1, head_of(at(k + run)), run - 2)),
        _ if run >= 3 => Some((run, Head::None, run - 3)),
        _ => None,
    }
}

/// Mermaid 11's shape names (`A@{ shape: … }`), each as the nearest shape drawn here.
fn shape_named(name: &str) -> Option<Shape> {
    Some(match name {
        "rect"
        | "proc"
        | "process"
        | "rectangle"
        | "squareRect"
        | "fr-rect"
        | "subprocess"
        | "subproc"
        | "framed-rectangle"
        | "subroutine"
        | "cyl"
        | "db"
        | "database"
        | "cylinder"
        | "lean-r"
        | "lean-right"
        | "in-out"
        | "lean_right"
        | "lean-l"
        | "lean-left"
        | "out-in"
        | "lean_left"
        | "trap-b"
        | "priority"
        | "trapezoid-bottom"
        | "trapezoid"
        | "trap-t"
        | "manual"
        | "trapezoid-top"
        | "inv-trapezoid"
        | "inv_trapezoid"
        | "text"
        | "notch-rect"
        | "card"
        | "notched-rectangle"
        | "lin-rect"
        | "lined-rectangle"
        | "lined-process"
        | "lin-proc"
        | "shaded-process"
        | "fork"
        | "join"
        | "forkJoin"
        | "hourglass"
        | "collate"
        | "brace"
        | "comment"
        | "brace-l"
        | "brace-r"
        | "braces"
        | "bolt"
        | "com-link"
        | "lightning-bolt"
        | "doc"
        | "document"
        | "delay"
        | "half-rounded-rectangle"
        | "h-cyl"
        | "das"
        | "horizontal-cylinder"
        | "lin-cyl"
        | "disk"
        | "lined-cylinder"
        | "curv-trap"
        | "curved-trapezoid"
        | "display"
        | "div-rect"
        | "div-proc"
        | "divided-rectangle"
        | "divided-process"
        | "tri"
        | "extract"
        | "triangle"
        | "win-pane"
        | "internal-storage"
        | "window-pane"
        | "notch-pent"
        | "loop-limit"
        | "notched-pentagon"
        | "flip-tri"
        | "manual-file"
        | "flipped-triangle"
        | "sl-rect"
        | "manual-input"
        | "sloped-rectangle"
        | "docs"
        | "documents"
        | "st-doc"
        | "stacked-document"
        | "st-rect"
        | "procs"
        | "processes"
        | "stacked-rectangle"
        | "bow-rect"
        | "stored-data"
        | "bow-tie-rectangle"
        | "tag-doc"
        | "tagged-document"
        | "tag-rect"
        | "tagged-rectangle"
        | "tag-proc"
        | "tagged-process"
        | "flag"
        | "paper-tape"
        | "odd"
        | "rect_left_inv_arrow"
        | "lin-doc"
        | "lined-document"
        | "classBox"
        | "class-box"
        | "note"
        | "labelRect"
        | "rectWithTitle"
        | "state"
        | "kanbanItem" => Shape::Rect,
        "rounded" | "event" | "roundedRect" => Shape::Round,
        "stadium" | "terminal" | "pill" => Shape::Stadium,
        "circle" | "circ" | "dbl-circ" | "double-circle" | "doublecircle" | "sm-circ" | "start"
        | "small-circle" | "stateStart" | "fr-circ" | "stop" | "framed-circle" | "stateEnd"
        | "f-circ" | "junction" | "filled-circle" | "cross-circ" | "summary" | "crossed-circle" => {
            Shape::Circle
        }
        "diam" | "decision" | "diamond" | "question" | "choice" => Shape::Diamond,
        "hex" | "hexagon" | "prepare" => Shape::Hexagon,
        _ => return None,
    })
}

impl Parser {
    /// The block's lines from `from` as statement texts: comments and directives left out,
    /// `accDescr { … }` read, a quoted text or `@{ … }` running on over lines joined.
    fn read_lines(&mut self, lines: &[&str], from: usize) -> Vec<Text> {
        let mut out = Vec::new();
        let mut open: Option<Text> = None;
        let (mut quote, mut data) = (false, 0usize);
        let mut i = from;
        while i < lines.len() {
            let raw = lines[i];
            let t = raw.trim_start();
            if open.is_none() {
                // A directive (`%%{init: …}%%`), maybe over several lines: the renderer's
                // settings, not the chart.
                if let Some(after) = t.strip_prefix("%%{") {
                    if !after.contains("}%%") {
                        if let Some(e) = lines[i + 1..].iter().position(|l| l.contains("}%%")) {
                            i += e + 2;
                            continue;
                        }
                    }
                    i += 1;
                    continue;
                }
                if let Some(r) = t.strip_prefix("accDescr") {
                    if let Some(body) = r.trim_start().strip_prefix('{') {
                        i = self.acc_descr_block(lines, i, body);
                        continue;
                    }
                }
            }
            let mut line = open.take().unwrap_or_default();
            let chars: Vec<char> = raw.chars().collect();
            // (An accessible title or description runs to the line's end, quotes and all.)
            let plain =
                line.chars.is_empty() && (t.starts_with("accTitle") || t.starts_with("accDescr"));
            for (k, &ch) in chars.iter().enumerate() {
                if !quote && ch == '%' && chars.get(k + 1) == Some(&'%') {
                    break;
                }
                if plain {
                } else if ch == '"' {
                    quote = !quote;
                } else if !quote && ch == '@' && chars.get(k + 1) == Some(&'{') {
                    data += 1;
                } else if !quote && data > 0 && ch == '}' {
                    data -= 1;
                }
                line.chars.push(ch);
                line.pos.push((i, k + 1));
            }
            if (quote || data > 0) && i + 1 < lines.len() {
                line.chars.push('\n');
                line.pos.push((i, chars.len() + 1));
                open = Some(line);
            } else {
                line.end = (i, chars.len() + 1);
                out.push(line);
                quote = false;
                data = 0;
            }
            i += 1;
        }
        out
    }

    /// `accDescr { … }` from line `i` (`body` the text after its `{`): the line after it.
    fn acc_descr_block(&mut self, lines: &[&str], i: usize, body: &str) -> usize {
        let mut text = String::new();
        let mut rest = body;
        let mut j = i;
        loop {
            if let Some(e) = rest.find('}') {
                text.push_str(&rest[..e]);
                break;
            }
            text.push_str(rest);
            text.push('\n');
            j += 1;
            if j >= lines.len() {
                let col = 1 + lines[i].chars().count() - lines[i].trim_start().chars().count();
                self.problems.push(problem(
                    i,
                    col,
                    t!("`accDescr {{` is never closed", "`accDescr {{` 没有结束"),
                    t!("end the description with `}}`", "请用 `}}` 结束这段描述"),
                ));
                return j;
            }
            rest = lines[j];
        }
        let d = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        if !d.is_empty() {
            self.desc = Some(d);
        }
        j + 1
    }

    /// Reads one statement text.
    fn line(&mut self, mut c: Cur) {
        loop {
            c.skip_ws();
            if c.done() {
                return;
            }
            if matches!(c.peek(), Some(';' | '\n')) {
                c.at += 1;
                continue;
            }
            if !self.statement(&mut c) {
                return;
            }
        }
    }

    fn warn_once(&mut self, what: &'static str, at: (usize, usize), message: String, hint: String) {
        if !self.ignored.contains(&what) {
            self.ignored.push(what);
            self.problems.push(warning(at, message, hint));
        }
    }

    /// Reads one statement; false when the rest of the text is given up on.
    fn statement(&mut self, c: &mut Cur) -> bool {
        let word: String = c.chars[c.at..]
            .iter()
            .take_while(|ch| ch.is_ascii_alphanumeric() || **ch == '-' || **ch == '_')
            .collect();
        let n = word.chars().count();
        let next = c.peek_at(n);
        let alone = next.is_none_or(|ch| ch.is_whitespace() || ch == ';');
        let at = c.place();
        match word.as_str() {
            "accTitle" | "accDescr" => {
                let mut k = c.at + n;
                while c.chars.get(k).is_some_and(|ch| *ch == ' ' || *ch == '\t') {
                    k += 1;
                }
                let sep = c.chars.get(k).copied();
                if sep == Some(':') || (word == "accDescr" && sep == Some('{')) {
                    c.at = k + 1;
                    let start = c.at;
                    let stop = if sep == Some('{') { '}' } else { '\n' };
                    while c.peek().is_some_and(|ch| ch != stop) {
                        c.at += 1;
                    }
                    let v: String = c.chars[start..c.at].iter().collect();
                    let v = v.split_whitespace().collect::<Vec<_>>().join(" ");
                    if stop == '}' && !c.done() {
                        c.at += 1;
                    }
                    if !v.is_empty() {
                        if word == "accTitle" {
                            self.acc_title = Some(v);
                        } else {
                            self.desc = Some(v);
                        }
                    }
                    return true;
                }
            }
            "subgraph" if alone => {
                c.at += n;
                let raw = c.statement_text();
                self.subgraph(raw.trim(), at);
                return true;
            }
            "end" if alone => {
                if let Some(s) = self.open.pop() {
                    self.close(s);
                } else {
                    self.problems.push(problem(
                        at.0,
                        at.1,
                        t!(
                            "`end` closes no `subgraph`",
                            "这个 `end` 前面没有对应的 `subgraph`"
                        ),
                        t!(
                            "remove this `end`, or open the subgraph above with `subgraph 名称`",
                            "请删掉这个 `end`，或者在上面用 `subgraph 名称` 开始一个子图"
                        ),
                    ));
                }
                c.at += 3;
                return true;
            }
            "direction" if alone => {
                c.skip_statement();
                self.warn_once(
                    "direction",
                    at,
                    t!(
                        "`direction` is ignored: the whole chart runs one way",
                        "`direction` 不起作用：整张图只有一个方向"
                    ),
                    t!("set the chart's direction in its first line (`flowchart LR`); remove this line to silence this", "请在图的第一行设定方向（`flowchart LR`）；删掉这一行，这条警告就没有了"),
                );
                return true;
            }
            "style" | "classDef" | "class" | "linkStyle" if alone => {
                let w: &'static str = match word.as_str() {
                    "style" => "style",
                    "classDef" => "classDef",
                    "class" => "class",
                    _ => "linkStyle",
                };
                c.skip_statement();
                self.warn_once(
                    w,
                    at,
                    t!(
                        "`{w}` is ignored: handbook draws flowcharts in the theme's own style",
                        "`{w}` 不起作用：handbook 按主题自己的样式画流程图"
                    ),
                    t!("the theme styles every chart alike (light, dark and print): remove the line to silence this", "主题给所有流程图用同一种样式（浅色、深色和打印都是）：删掉这一行，这条警告就没有了"),
                );
                return true;
            }
            "click" if alone => {
                self.click(c);
                return true;
            }
            _ => {}
        }
        // `e1@{ animate: true }`: an edge's settings.
        if !word.is_empty() && c.chars.get(c.at + n) == Some(&'@') && self.edge_ids.contains(&word)
        {
            c.at += n;
            if self.shape_data(c).is_none() {
                return false;
            }
            self.warn_once(
                "edge settings",
                at,
                t!(
                    "`{word}@{{ … }}` is ignored: links are drawn still, in the theme's style",
                    "`{word}@{{ … }}` 不起作用：连线按主题的样式画，不会动"
                ),
                t!(
                    "remove the link's settings to silence this",
                    "删掉这条连线的设置，这条警告就没有了"
                ),
            );
            return true;
        }
        self.chain(c)
    }

    /// `subgraph` with what follows it: `id [title]`, `id["title"]`, `"title"`, `title`.
    fn subgraph(&mut self, raw: &str, at: (usize, usize)) {
        let (id, title) = match raw.find('[').filter(|_| raw.ends_with(']')) {
            Some(b) if !raw.starts_with('"') => {
                let id = raw[..b].trim();
                let t = label(&raw[b + 1..raw.len() - 1]);
                (
                    id.to_string(),
                    if t.is_empty() { id.to_string() } else { t },
                )
            }
            _ => {
                let t = label(raw);
                let id = if t.contains(char::is_whitespace) || raw.contains('`') {
                    String::new()
                } else {
                    t.clone()
                };
                (id, t)
            }
        };
        self.subs.push(Sub {
            id,
            title,
            parent: self.open.last().copied(),
            at,
            named: Vec::new(),
            stand_in: None,
        });
        self.open.push(self.subs.len() - 1);
    }

    /// `end` of subgraph `s`: the nodes named in it and in none closed before are its.
    fn close(&mut self, s: usize) {
        for &i in &self.subs[s].named {
            if self.node_sub[i].is_none() {
                self.node_sub[i] = Some(s);
            }
        }
    }

    /// `click ID "target"`, `click ID href "target" ["tip"] [_blank]`; a callback (`click ID
    /// call f()`, `click ID f`) is a warning, as no script is run.
    fn click(&mut self, c: &mut Cur) {
        c.at += 5;
        c.skip_ws();
        let id_at = c.place();
        let start = c.at;
        while c.peek().is_some_and(|ch| !ch.is_whitespace() && ch != ';') {
            c.at += 1;
        }
        let id: String = c.chars[start..c.at].iter().collect();
        c.skip_ws();
        let mut href = false;
        if c.starts("href") && c.peek_at(4).is_some_and(char::is_whitespace) {
            c.at += 4;
            c.skip_ws();
            href = true;
        }
        let target_at = c.place();
        if c.peek() == Some('"') {
            let end = c.chars[c.at + 1..].iter().position(|ch| *ch == '"');
            let target: Option<String> =
                end.map(|e| c.chars[c.at + 1..c.at + 1 + e].iter().collect());
            match target.filter(|t| !t.trim().is_empty()) {
                Some(t) => self.clicks.push(Click {
                    id,
                    id_at,
                    target: t.trim().to_string(),
                    at: target_at,
                }),
                None => self.problems.push(problem(
                    target_at.0,
                    target_at.1,
                    click_quotes(),
                    click_quotes_hint(),
                )),
            }
        } else {
            let word: String = c.chars[c.at..]
                .iter()
                .take_while(|ch| !ch.is_whitespace() && **ch != ';')
                .collect();
            let script = !href
                && !word.is_empty()
                && (word == "call"
                    || word
                        .chars()
                        .all(|ch| ch.is_alphanumeric() || "_$().,'".contains(ch)));
            if script && !id.is_empty() {
                let save = c.at;
                let what = c.statement_text();
                let what = what.split('"').next().unwrap_or("").trim().to_string();
                c.at = save;
                self.problems.push(warning(
                    id_at,
                    t!("`click {id} {what}` runs a script, which handbook does not: the node is drawn without a link", "`click {id} {what}` 要运行脚本，handbook 不运行脚本：这个节点画出来不带链接"),
                    t!("to make the node a link, give it an address in double quotes: `click {id} \"rule:TS-PROC-001\"`", "要让这个节点成为链接，请在英文双引号里写上地址：`click {id} \"rule:TS-PROC-001\"`"),
                ));
            } else {
                self.problems.push(problem(
                    target_at.0,
                    target_at.1,
                    click_quotes(),
                    click_quotes_hint(),
                ));
            }
        }
        c.skip_statement();
    }

    /// `A[x] --> B & C -->|y| D`: nodes joined by `&`, linked in a chain.
    fn chain(&mut self, c: &mut Cur) -> bool {
        let Some(mut left) = self.group(c) else {
            return false;
        };
        loop {
            c.skip_ws();
            if c.at_end() {
                return true;
            }
            self.edge_id(c);
            if !edge_starts(c, true) {
                let ch = c.peek().unwrap_or(' ');
                let run: String = c.chars[c.at..]
                    .iter()
                    .take_while(|ch| "-=.<>~".contains(**ch))
                    .collect();
                let (l, col) = c.place();
                if !run.is_empty() {
                    self.problems
                        .push(problem(l, col, not_a_link(&run), not_a_link_hint()));
                    return false;
                }
                self.problems.push(problem(
                    l,
                    col,
                    t!(
                        "`{ch}` where a link (`-->`) or the end of the line was expected",
                        "这里应该写连线（`-->`）或者换行，却写了 `{ch}`"
                    ),
                    t!("write one link a line: `A[受理] --> B[派单]`; a node's text goes in brackets right after its name, with no space (`B[派单]`)", "每行写一条连线：`A[受理] --> B[派单]`；节点的文字写在方括号里，紧跟在节点名后面，中间不要空格（`B[派单]`）"),
                ));
                return false;
            }
            let Some((stroke, heads, text, len)) = self.arrow(c) else {
                return false;
            };
            c.skip_ws();
            if c.at_end() {
                let (l, col) = c.place();
                self.problems.push(problem(
                    l,
                    col,
                    t!("this link points to nothing", "这条连线没有指向任何节点"),
                    t!(
                        "name the node it goes to after the arrow: `A --> B`",
                        "请在箭头后面写上它指向的节点：`A --> B`"
                    ),
                ));
                return false;
            }
            let Some(right) = self.group(c) else {
                return false;
            };
            for &a in &left {
                for &b in &right {
                    self.edges.push(Edge {
                        from: a,
                        to: b,
                        text: text.clone(),
                        stroke,
                        heads,
                        len,
                    });
                }
            }
            left = right;
        }
    }

    /// An edge's id before its link (`e1@-->`): skipped, and kept to know `e1@{ … }` later.
    fn edge_id(&mut self, c: &mut Cur) {
        let start = c.at;
        let mut k = start;
        while c
            .chars
            .get(k)
            .is_some_and(|ch| !ch.is_whitespace() && !"\"@;".contains(*ch))
        {
            k += 1;
        }
        if k > start && c.chars.get(k) == Some(&'@') && c.chars.get(k + 1) != Some(&'{') {
            c.at = k + 1;
            if edge_starts(c, true) {
                self.edge_ids.push(c.chars[start..k].iter().collect());
            } else {
                c.at = start;
            }
        }
    }

    /// Nodes joined by `&`.
    fn group(&mut self, c: &mut Cur) -> Option<Vec<usize>> {
        let mut out = vec![self.node(c)?];
        loop {
            let save = c.at;
            c.skip_ws();
            if c.peek() == Some('&') {
                c.at += 1;
                c.skip_ws();
                out.push(self.node(c)?);
            } else {
                c.at = save;
                return Some(out);
            }
        }
    }

    /// A node's name and, if written, its shape and text.
    fn node(&mut self, c: &mut Cur) -> Option<usize> {
        let at = c.place();
        let start = c.at;
        while let Some(ch) = c.peek() {
            if ch.is_whitespace()
                || "[({>&;|\"".contains(ch)
                || (c.at > start && (edge_starts(c, false) || c.starts("->")))
                || (ch == ':' && c.starts(":::"))
                || c.starts("@{")
            {
                break;
            }
            c.at += 1;
        }
        let id: String = c.chars[start..c.at].iter().collect();
        if id.is_empty() {
            let ch = c.peek().unwrap_or(' ');
            self.problems.push(problem(
                at.0,
                at.1,
                t!(
                    "a node's name is missing before `{ch}`",
                    "`{ch}` 前面缺少节点名"
                ),
                t!("give each node a short name before its text: `B[派单]`, then link by the name: `A --> B`", "请在每个节点的文字前面起一个简短的名字：`B[派单]`，连线时用这个名字：`A --> B`"),
            ));
            return None;
        }
        let shaped = match c.peek() {
            Some('[' | '(' | '{' | '>') => Some(self.shape(c)?),
            _ => None,
        };
        let data = if c.starts("@{") {
            Some(self.shape_data(c)?)
        } else {
            None
        };
        // (`A:::class`: a class, ignored, as `classDef` is, which warns.)
        if c.starts(":::") {
            c.at += 3;
            while c.peek().is_some_and(|ch| {
                !ch.is_whitespace() && ch != ';' && ch != '&' && !edge_starts(c, false)
            }) {
                c.at += 1;
            }
        }
        let i = match self.nodes.iter().position(|n| n.id == id) {
            Some(i) => i,
            None => {
                self.nodes.push(Node {
                    text: id.clone(),
                    id,
                    shape: Shape::Rect,
                    at,
                    link: None,
                    group: None,
                });
                self.written.push(false);
                self.node_sub.push(None);
                self.nodes.len() - 1
            }
        };
        if let Some(&s) = self.open.last() {
            if !self.subs[s].named.contains(&i) {
                self.subs[s].named.push(i);
            }
        }
        if let Some((shape, text)) = shaped {
            self.nodes[i].shape = shape;
            self.nodes[i].text = text;
            self.written[i] = true;
        }
        for (key, value, place) in data.unwrap_or_default() {
            match key.as_str() {
                "shape" => match shape_named(&value) {
                    Some(s) => {
                        self.nodes[i].shape = s;
                        self.written[i] = true;
                    }
                    None => self.problems.push(warning(
                        place,
                        t!("`shape: {value}` is not a Mermaid shape: the node is drawn as a box", "`shape: {value}` 不是 Mermaid 的形状：这个节点会画成方框"),
                        t!("write a shape Mermaid knows, e.g. `rect`, `rounded`, `stadium`, `circle`, `diamond`, `hex`", "请写 Mermaid 认识的形状，例如 `rect`、`rounded`、`stadium`、`circle`、`diamond`、`hex`"),
                    )),
                },
                "label" => {
                    self.nodes[i].text = self.text(&value, place);
                    self.written[i] = true;
                }
                "icon" | "img" => self.warn_once(
                    "icon",
                    place,
                    t!(
                        "`{key}:` is not drawn: handbook draws the node's text only",
                        "`{key}:` 不会画出来：handbook 只画节点的文字"
                    ),
                    t!(
                        "give the node a `label:` saying what the picture showed",
                        "请给节点写一个 `label:`，用文字说明图片表示的内容"
                    ),
                ),
                _ => {}
            }
        }
        Some(i)
    }

    /// `@{ key: value, … }` at the cursor: its pairs, each with where its value is written.
    fn shape_data(&mut self, c: &mut Cur) -> Option<Vec<Setting>> {
        let open = c.place();
        c.at += 2;
        let mut quote = false;
        let mut k = c.at;
        while let Some(&ch) = c.chars.get(k) {
            if ch == '"' {
                quote = !quote;
            } else if !quote && ch == '}' {
                break;
            }
            k += 1;
        }
        if k >= c.chars.len() {
            self.problems.push(problem(
                open.0,
                open.1,
                t!(
                    "`@{{` opened here is never closed",
                    "这里开始的 `@{{` 没有结束"
                ),
                t!(
                    "end the node's settings with `}}`: `A@{{ shape: rect, label: \"受理\" }}`",
                    "请用 `}}` 结束节点的设置：`A@{{ shape: rect, label: \"受理\" }}`"
                ),
            ));
            return None;
        }
        let mut pairs = Vec::new();
        let mut piece = c.at;
        let mut quote = false;
        for j in c.at..=k {
            let ch = c.chars[j];
            if ch == '"' {
                quote = !quote;
            }
            if j == k || (!quote && (ch == ',' || ch == '\n')) {
                let s: String = c.chars[piece..j].iter().collect();
                if let Some((key, value)) = s.split_once(':') {
                    let lead = value.chars().take_while(|c| c.is_whitespace()).count();
                    let vat = c.place_at(piece + key.chars().count() + 1 + lead);
                    let v = value.trim();
                    let v = v
                        .strip_prefix('"')
                        .and_then(|v| v.strip_suffix('"'))
                        .unwrap_or(v);
                    pairs.push((key.trim().to_string(), v.to_string(), vat));
                }
                piece = j + 1;
            }
        }
        c.at = k + 1;
        Some(pairs)
    }

    /// A node's or link's text as written (`at` where), as shown.
    fn text(&mut self, raw: &str, at: (usize, usize)) -> String {
        if raw.contains(":fa-") {
            self.warn_once(
                "icon",
                at,
                t!(
                    "Font Awesome icons (`fa:fa-…`) are not drawn: handbook draws the text only",
                    "Font Awesome 图标（`fa:fa-…`）不会画出来：handbook 只画文字"
                ),
                t!(
                    "remove the icon, or say in words what it showed",
                    "请删掉图标，或者用文字说明它表示的意思"
                ),
            );
        }
        label(raw)
    }

    /// A node's shape and text, from its opening bracket.
    fn shape(&mut self, c: &mut Cur) -> Option<(Shape, String)> {
        const OPENS: [(&str, &str, Shape); 14] = [
            ("(((", ")))", Shape::Circle),
            ("((", "))", Shape::Circle),
            ("([", "])", Shape::Stadium),
            ("[[", "]]", Shape::Rect),
            ("[(", ")]", Shape::Rect),
            ("[/", "/]", Shape::Rect),
            ("[\\", "\\]", Shape::Rect),
            ("{{", "}}", Shape::Hexagon),
            ("[", "]", Shape::Rect),
            ("(", ")", Shape::Round),
            ("{", "}", Shape::Diamond),
            (">", "]", Shape::Rect),
            ("[/", "\\]", Shape::Rect),
            ("[\\", "/]", Shape::Rect),
        ];
        let (open, mut close, shape) = *OPENS.iter().find(|(o, _, _)| c.starts(o))?;
        let open_at = c.place();
        c.at += open.chars().count();
        let text_at = c.place();
        let rest: String = c.chars[c.at..].iter().collect();
        // (`[/…\]` and `[\…/]` are trapezoids: either slash closes.)
        if open == "[/" || open == "[\\" {
            let line_rest = rest.split('\n').next().unwrap_or("");
            let a = line_rest.find("/]");
            let b = line_rest.find("\\]");
            close = match (a, b) {
                (Some(x), Some(y)) if y < x => "\\]",
                (None, Some(_)) => "\\]",
                _ => "/]",
            };
        }
        // Quoted text may hold the closing bracket.
        let (text, used) = if let Some(q) = rest.strip_prefix('"') {
            match q.find('"') {
                Some(e) if q[e + 1..].starts_with(close) => (q[..e].to_string(), e + 2),
                Some(e) => {
                    let (l, col) = c.place_at(c.at + q[..e].chars().count() + 2);
                    self.problems.push(problem(
                        l,
                        col,
                        t!(
                            "the node's quoted text must end with `\"{close}`",
                            "节点里加了引号的文字要以 `\"{close}` 结束"
                        ),
                        t!(
                            "close the text right after the quote: `\"…\"{close}`",
                            "请在引号后面紧接着结束文字：`\"…\"{close}`"
                        ),
                    ));
                    return None;
                }
                None => {
                    let (l, col) = c.place();
                    self.problems.push(problem(
                        l,
                        col,
                        t!(
                            "the quote opening this node's text is never closed",
                            "节点文字开头的引号没有配对的结束引号"
                        ),
                        t!("end the text with `\"{close}`", "请用 `\"{close}` 结束文字"),
                    ));
                    return None;
                }
            }
        } else {
            let line_rest = rest.split('\n').next().unwrap_or("");
            match line_rest.find(close) {
                // (`A[x]` closes at the first `]`; `A(x)` at the first `)`.)
                Some(e) => (rest[..e].to_string(), e),
                None => {
                    self.problems.push(problem(
                        open_at.0,
                        open_at.1,
                        t!(
                            "`{open}` opened here is never closed",
                            "这里开始的 `{open}` 没有结束"
                        ),
                        t!("end the node's text with `{close}` on the same line (`<br>` breaks a line inside it)", "请在同一行里用 `{close}` 结束节点的文字（要在里面换行，就写 `<br>`）"),
                    ));
                    return None;
                }
            }
        };
        c.at += rest[..used].chars().count() + close.chars().count();
        Some((shape, self.text(&text, text_at)))
    }

    /// The link at the cursor: its stroke, heads, text and length in layers.
    fn arrow(&mut self, c: &mut Cur) -> Option<(Stroke, (Head, Head), String, usize)> {
        let at = c.place();
        let mut start_head = Head::None;
        if matches!(c.peek(), Some('<' | 'o' | 'x'))
            && matches!(c.peek_at(1), Some('-' | '=' | '.'))
        {
            start_head = head_of(c.peek());
            c.at += 1;
        }
        let body = c.peek();
        let second = c.peek_at(1);
        let mut text = String::new();
        let (stroke, end_head, extra) = match (body, second) {
            (Some('~'), _) => {
                let n = c.chars[c.at..].iter().take_while(|ch| **ch == '~').count();
                if n < 3 {
                    return self.not_a_link(c, at);
                }
                c.at += n;
                (Stroke::Invisible, Head::None, n - 3)
            }
            (Some(b @ ('-' | '=')), Some(s)) => {
                let dotted = b == '-' && s == '.';
                let (stroke, kind) = if dotted {
                    (Stroke::Dotted, '.')
                } else if b == '=' {
                    (Stroke::Thick, '=')
                } else {
                    (Stroke::Solid, '-')
                };
                // A whole link (`-->`, `---`, `-.->`, `==>`, `--o` …).
                let whole = if dotted {
                    link_end(&c.chars, c.at + 1, '.').map(|(n, h, x)| (n + 1, h, x))
                } else {
                    link_end(&c.chars, c.at, kind)
                };
                match whole {
                    Some((n, h, x)) => {
                        c.at += n;
                        (stroke, h, x)
                    }
                    None => {
                        // `-- 是 -->`, `--是-->`, `-. 是 .->`, `== 是 ==>`: the text, then the
                        // link's end.
                        c.at += 2;
                        let from = c.at;
                        let mut k = from;
                        let mut quote = false;
                        let mut found = None;
                        while let Some(&ch) = c.chars.get(k) {
                            if ch == '"' {
                                quote = !quote;
                            } else if ch == '\n' && !quote {
                                break;
                            } else if !quote && ch == kind {
                                if let Some(e) = link_end(&c.chars, k, kind) {
                                    found = Some((k, e));
                                    break;
                                }
                            }
                            k += 1;
                        }
                        let Some((k, (n, h, x))) = found else {
                            let run: String = c.chars[from - 2..from].iter().collect();
                            self.problems.push(problem(
                                at.0,
                                at.1,
                                t!(
                                    "the link `{run}` with text has no end",
                                    "带文字的连线 `{run}` 没有结尾"
                                ),
                                t!("write the text between the link's two halves, `A -- 是 --> B`, or after it: `A -->|是| B`", "请把文字写在连线的两半之间：`A -- 是 --> B`，或者写在连线后面：`A -->|是| B`"),
                            ));
                            return None;
                        };
                        let raw: String = c.chars[from..k].iter().collect();
                        text = self.text(&raw, c.place_at(from));
                        c.at = k + n;
                        // (The end's `-` before `.`: `-. 是 .->` ends `.->`.)
                        (stroke, h, x)
                    }
                }
            }
            _ => return self.not_a_link(c, at),
        };
        // `-->|是|`: text after the link.
        let save = c.at;
        c.skip_ws();
        if c.peek() == Some('|') {
            let from = c.at + 1;
            let mut k = from;
            let mut quote = false;
            while let Some(&ch) = c.chars.get(k) {
                if ch == '"' {
                    quote = !quote;
                } else if !quote && (ch == '|' || ch == '\n') {
                    break;
                }
                k += 1;
            }
            if c.chars.get(k) != Some(&'|') {
                let (l, col) = c.place();
                self.problems.push(problem(
                    l,
                    col,
                    t!(
                        "the link's text opened with `|` is never closed",
                        "连线上用 `|` 开始的文字没有结束"
                    ),
                    t!(
                        "end the text with another `|`: `A -->|是| B`",
                        "请再用一个 `|` 结束文字：`A -->|是| B`"
                    ),
                ));
                return None;
            }
            let raw: String = c.chars[from..k].iter().collect();
            text = self.text(&raw, c.place_at(from));
            c.at = k + 1;
        } else {
            c.at = save;
        }
        Some((stroke, (start_head, end_head), text, 1 + extra))
    }

    fn not_a_link<T>(&mut self, c: &Cur, at: (usize, usize)) -> Option<T> {
        let run: String = c.chars[c.at..]
            .iter()
            .take_while(|ch| "-=.<>~ox".contains(**ch))
            .collect();
        self.problems
            .push(problem(at.0, at.1, not_a_link(&run), not_a_link_hint()));
        None
    }

    /// After the last line: links to subgraphs, clicks, what is missing.
    fn finish(&mut self, lines: usize) {
        let unclosed = !self.open.is_empty();
        while let Some(s) = self.open.pop() {
            self.close(s);
        }
        self.subgraph_links();
        for (node, sub) in self.nodes.iter_mut().zip(&self.node_sub) {
            node.group = *sub;
        }
        for k in std::mem::take(&mut self.clicks) {
            match self.nodes.iter_mut().find(|n| n.id == k.id) {
                Some(n) => n.link = Some((k.target, k.at.0, k.at.1)),
                None => {
                    let near = self
                        .nodes
                        .iter()
                        .map(|n| n.id.as_str())
                        .min_by_key(|n| strsim::levenshtein(n, &k.id))
                        .filter(|n| strsim::levenshtein(n, &k.id) <= 2);
                    let id = &k.id;
                    self.problems.push(warning(
                        k.id_at,
                        t!(
                            "`click {id}`: the chart has no node `{id}`, so nothing is a link",
                            "`click {id}`：图里没有节点 `{id}`，所以没有节点成为链接"
                        ),
                        match near {
                            Some(n) => t!("did you mean `{n}`?", "是不是想写 `{n}`？"),
                            None => t!("name a node of the chart", "请写图里的一个节点名"),
                        },
                    ));
                }
            }
        }
        if self.nodes.is_empty() && !self.problems.iter().any(|x| !x.warning) {
            self.problems.push(problem(
                0,
                1,
                t!("this flowchart has no nodes", "这个流程图没有节点"),
                t!(
                    "write one link a line under `flowchart`, e.g. `A[受理] --> B[派单]`",
                    "请在 `flowchart` 下面每行写一条连线，例如 `A[受理] --> B[派单]`"
                ),
            ));
        }
        if unclosed {
            self.problems.push(problem(
                lines.saturating_sub(1),
                1,
                t!("a `subgraph` is never closed", "有一个 `subgraph` 没有结束"),
                t!(
                    "end each `subgraph` with a line `end`",
                    "每个 `subgraph` 都要用单独一行 `end` 结束"
                ),
            ));
        }
    }

    /// A name that is a subgraph's (`one --> two`) stands for its nodes: a link to it goes to
    /// those with no link from inside it, a link from it from those with no link onward. A
    /// subgraph with no nodes (nor subgraphs) gets one standing for it, drawn as its empty box:
    /// the name linked to it, or a new one.
    fn subgraph_links(&mut self) {
        let in_sub = |subs: &[Sub], t: usize, s: usize| {
            let mut x = Some(t);
            while let Some(y) = x {
                if y == s {
                    return true;
                }
                x = subs[y].parent;
            }
            false
        };
        let mut stands: Vec<Option<usize>> = self
            .nodes
            .iter()
            .zip(&self.written)
            .zip(&self.node_sub)
            .map(|((node, &written), &sub)| {
                let named = |s: &Sub| !s.id.is_empty() && s.id == node.id;
                // (Not a node named inside the subgraph itself: `subgraph A` … `A --> B`.)
                let inside = |s: &usize| sub.is_some_and(|t| in_sub(&self.subs, t, *s));
                self.subs
                    .iter()
                    .rposition(named)
                    .filter(|s| !written && !inside(s))
            })
            .collect();
        let members_of = |p: &Parser, stands: &[Option<usize>], s: usize| -> Vec<usize> {
            (0..p.nodes.len())
                .filter(|&k| {
                    stands[k].is_none() && p.node_sub[k].is_some_and(|t| in_sub(&p.subs, t, s))
                })
                .collect()
        };
        for s in 0..self.subs.len() {
            let leaf = !self.subs.iter().any(|t| t.parent == Some(s));
            if !leaf || !members_of(self, &stands, s).is_empty() {
                continue;
            }
            let title = self.subs[s].title.clone();
            let k = match stands.iter().position(|&t| t == Some(s)) {
                Some(k) => {
                    stands[k] = None;
                    self.nodes[k].text = title;
                    k
                }
                None => {
                    let id = &self.subs[s].id;
                    let free = !id.is_empty() && !self.nodes.iter().any(|n| &n.id == id);
                    self.nodes.push(Node {
                        id: if free { id.clone() } else { String::new() },
                        text: title,
                        shape: Shape::Rect,
                        at: self.subs[s].at,
                        link: None,
                        group: None,
                    });
                    self.written.push(false);
                    self.node_sub.push(None);
                    stands.push(None);
                    self.nodes.len() - 1
                }
            };
            self.node_sub[k] = Some(s);
            self.subs[s].stand_in = Some(k);
        }
        if stands.iter().all(Option::is_none) {
            return;
        }
        let n = self.nodes.len();
        let members: Vec<Vec<usize>> = (0..self.subs.len())
            .map(|s| members_of(self, &stands, s))
            .collect();
        let ends = |s: usize, entry: bool| -> Vec<usize> {
            let m = &members[s];
            let inner = |e: &Edge| m.contains(&e.from) && m.contains(&e.to) && e.from != e.to;
            let found: Vec<usize> = m
                .iter()
                .copied()
                .filter(|&k| {
                    !self
                        .edges
                        .iter()
                        .any(|e| inner(e) && if entry { e.to == k } else { e.from == k })
                })
                .collect();
            if found.is_empty() {
                m.iter().copied().take(1).collect()
            } else {
                found
            }
        };
        let mut edges = Vec::new();
        for e in &self.edges {
            if stands[e.from].is_some() && stands[e.from] == stands[e.to] {
                continue;
            }
            let froms = stands[e.from].map_or(vec![e.from], |s| ends(s, false));
            let tos = stands[e.to].map_or(vec![e.to], |s| ends(s, true));
            for &f in &froms {
                for &t in &tos {
                    if f != t || e.from == e.to {
                        edges.push(Edge {
                            from: f,
                            to: t,
                            ..e.clone()
                        });
                    }
                }
            }
        }
        // The standing-in names go; the other nodes are numbered anew.
        let mut new_index = vec![usize::MAX; n];
        let mut kept = Vec::new();
        for (i, node) in std::mem::take(&mut self.nodes).into_iter().enumerate() {
            if stands[i].is_none() {
                new_index[i] = kept.len();
                kept.push(node);
            }
        }
        self.nodes = kept;
        self.written = kept_of(&self.written, &stands);
        self.node_sub = kept_of(&self.node_sub, &stands);
        for s in &mut self.subs {
            s.stand_in = s.stand_in.map(|k| new_index[k]);
        }
        self.edges = edges
            .into_iter()
            .map(|e| Edge {
                from: new_index[e.from],
                to: new_index[e.to],
                ..e
            })
            .collect();
    }
}

/// The values of the nodes kept: those not standing for a subgraph.
fn kept_of<T: Copy>(values: &[T], stands: &[Option<usize>]) -> Vec<T> {
    values
        .iter()
        .zip(stands)
        .filter(|(_, s)| s.is_none())
        .map(|(v, _)| *v)
        .collect()
}

/// Text as written in a node, on a link or in a title: unquoted, a Markdown string's marks
/// taken out, `<br>`, tags and entities read.
fn label(t: &str) -> String {
    let t = t.trim();
    let t = t
        .strip_prefix('"')
        .and_then(|x| x.strip_suffix('"'))
        .unwrap_or(t);
    match t.strip_prefix('`').and_then(|x| x.strip_suffix('`')) {
        Some(md) => clean_text(&unmark(md)),
        None => clean_text(t),
    }
}

/// A Markdown string's text without its marks (`**bold**`, `*it*`, `_it_`).
fn unmark(s: &str) -> String {
    let s = s.replace("**", "").replace("__", "");
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    for (i, &ch) in chars.iter().enumerate() {
        if ch == '*' {
            continue;
        }
        if ch == '_' {
            let before = i == 0 || !chars[i - 1].is_alphanumeric();
            let after = i + 1 == chars.len() || !chars[i + 1].is_alphanumeric();
            if before || after {
                continue;
            }
        }
        out.push(ch);
    }
    out
}

/// HTML's inline tags Mermaid's labels may hold (drawn as their text).
const TAGS: [&str; 20] = [
    "b", "i", "u", "s", "em", "strong", "span", "small", "big", "sub", "sup", "code", "font",
    "mark", "del", "ins", "strike", "p", "div", "a",
];

/// A node's or link's text as shown: `<br>` breaks lines, inline tags (`<b>`) and Font
/// Awesome icons (`fa:fa-car`) go, entities (`#quot;`, `#9829;`, `&lt;`) are read.
fn clean_text(t: &str) -> String {
    let mut s = String::new();
    let mut rest = t.trim();
    while let Some(k) = rest.find('<') {
        s.push_str(&rest[..k]);
        let r = &rest[k..];
        let inner = r[1..].strip_prefix('/').unwrap_or(&r[1..]);
        let name: String = inner
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect::<String>()
            .to_ascii_lowercase();
        let after = inner[name.len()..].chars().next();
        let close = r.find('>');
        let is_tag = (name == "br" || TAGS.contains(&name.as_str()))
            && matches!(after, Some('>' | ' ' | '/'))
            && close.is_some();
        match close.filter(|_| is_tag) {
            Some(e) => {
                if name == "br" {
                    s.push('\n');
                }
                rest = &r[e + 1..];
            }
            None => {
                s.push('<');
                rest = &r[1..];
            }
        }
    }
    s.push_str(rest);
    // Font Awesome icons.
    let words: Vec<&str> = s.split(' ').collect();
    let icon = |w: &str| {
        w.split_once(":fa-").is_some_and(|(p, _)| {
            matches!(
                p.trim_start_matches('\n'),
                "fa" | "fab" | "fas" | "far" | "fal" | "fad" | "fak"
            )
        })
    };
    if words.iter().any(|w| icon(w)) {
        s = words
            .into_iter()
            .filter(|w| !icon(w))
            .collect::<Vec<_>>()
            .join(" ");
    }
    let s = entities(&s);
    s.lines()
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n")
        .trim_matches('\n')
        .to_string()
}

/// Entities as Mermaid writes them (`#quot;`, `#9829;`) and as HTML does (`&lt;`, `&#9829;`).
fn entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(k) = rest.find(['#', '&']) {
        out.push_str(&rest[..k]);
        let r = &rest[k..];
        let amp = r.starts_with('&');
        let found = r[1..]
            .find(';')
            .filter(|&e| (1..=12).contains(&e))
            .and_then(|e| entity(&r[1..1 + e], amp).map(|c| (c, e)));
        match found {
            Some((c, e)) => {
                out.push(c);
                rest = &r[e + 2..];
            }
            None => {
                out.push_str(&r[..1]);
                rest = &r[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str, amp: bool) -> Option<char> {
    let num = if amp {
        name.strip_prefix('#')
    } else {
        Some(name)
    };
    if let Some(n) = num {
        let v = if let Some(h) = n.strip_prefix(['x', 'X']).filter(|_| amp) {
            u32::from_str_radix(h, 16).ok()
        } else if n.chars().all(|c| c.is_ascii_digit()) {
            n.parse().ok()
        } else {
            None
        };
        if let Some(v) = v {
            return char::from_u32(v).filter(|c| !c.is_control());
        }
        if amp {
            return None;
        }
    }
    Some(match name {
        "quot" => '"',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "apos" => '\'',
        "nbsp" => ' ',
        "hearts" => '♥',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "times" => '×',
        "divide" => '÷',
        "plusmn" => '±',
        "hellip" => '…',
        "mdash" => '—',
        "ndash" => '–',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "middot" => '·',
        "bull" => '•',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "harr" => '↔',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "check" => '✓',
        "yen" => '¥',
        "euro" => '€',
        "pound" => '£',
        "sect" => '§',
        "infin" => '∞',
        "semi" => ';',
        "colon" => ':',
        "num" => '#',
        "lpar" => '(',
        "rpar" => ')',
        "lsqb" | "lbrack" => '[',
        "rsqb" | "rbrack" => ']',
        "lcub" | "lbrace" => '{',
        "rcub" | "rbrace" => '}',
        "vert" | "verbar" => '|',
        "excl" => '!',
        "quest" => '?',
        "comma" => ',',
        "period" => '.',
        "sol" => '/',
        "bsol" => '\\',
        "ast" => '*',
        "equals" => '=',
        "plus" => '+',
        "percnt" => '%',
        "dollar" => '$',
        "commat" => '@',
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------
// Layout: layers (longest path, cycles turned), an order in each layer (barycentres), and
// positions (each node as near its neighbours' mean as the order allows). Subgraphs: what
// each holds kept together in each layer, the subgraphs in one order across the layers, so
// that their boxes' sides can be placed like items (`Nest`, `place_nested`); room left
// between layers for the boxes' tops (with their titles) and bottoms, apart from the room
// for the links' texts.

const FONT: f32 = 14.0;
const LINE: f32 = 20.0;
const WRAP: f32 = 168.0;
const NODE_GAP: f32 = 28.0;
const RANK_GAP: f32 = 40.0;
/// How far beyond a step's far side its loop to itself reaches, and where the loop's text
/// starts.
const LOOP_OUT: f32 = 34.0;
const LOOP_TEXT: f32 = 30.0;
const MARGIN: f32 = 8.0;
const LABEL_FONT: f32 = 13.0;
/// A chart wider than this (in CSS pixels) scrolls instead of being scaled down.
const WIDE: f32 = 600.0;
/// Inside a subgraph's box, between its sides and what it holds.
const PAD: f32 = 12.0;
/// Between the boxes of two subgraphs side by side.
const BOX_GAP: f32 = 16.0;
const TITLE_FONT: f32 = 13.0;
const TITLE_LINE: f32 = 18.0;
/// A subgraph's title is bold: this much wider than measured.
const BOLD: f32 = 1.1;
/// The room inside an empty subgraph's box, below its title (on the page).
const EMPTY: (f32, f32) = (40.0, 16.0);

/// How wide `c` draws at 14 px: Han characters and full-width forms a square, Latin
/// narrower.
fn char_width(c: char, size: f32) -> f32 {
    let em = if c == ' ' {
        0.3
    } else if c.is_ascii_uppercase() || c.is_ascii_digit() {
        0.62
    } else if c.is_ascii() {
        0.55
    } else if is_wide(c) {
        1.0
    } else {
        0.62
    };
    em * size
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

fn text_width(s: &str, size: f32) -> f32 {
    s.chars().map(|c| char_width(c, size)).sum()
}

/// Punctuation a line does not begin with (it stays at the end of the line before).
fn closes(c: char) -> bool {
    "，。、；：！？）》」』】〉”’…,.;:!?)]}%".contains(c)
}

/// `text` in lines no wider than `max`: each given line wrapped between Han characters or
/// at spaces, never before closing punctuation.
pub fn wrap(text: &str, size: f32, max: f32) -> Vec<String> {
    let mut out = Vec::new();
    for given in text.split('\n') {
        // Pieces: a Han character, a run of other letters, or spaces.
        let mut pieces: Vec<String> = Vec::new();
        for ch in given.chars() {
            let joins = match pieces.last() {
                Some(p) => {
                    let last = p.chars().last().unwrap_or(' ');
                    (!is_wide(ch) && !ch.is_whitespace() && !is_wide(last) && !last.is_whitespace())
                        || closes(ch)
                }
                None => false,
            };
            if joins {
                pieces.last_mut().expect("a piece").push(ch);
            } else {
                pieces.push(ch.to_string());
            }
        }
        let mut line = String::new();
        for p in pieces {
            let fits = text_width(&line, size) + text_width(&p, size) <= max;
            if !fits && !line.trim().is_empty() {
                out.push(line.trim_end().to_string());
                line = String::new();
                if p.trim().is_empty() {
                    continue;
                }
            }
            line.push_str(&p);
        }
        out.push(line.trim_end().to_string());
    }
    out
}

/// A box to place: a node, or a point a long link passes through.
struct Item {
    /// Size across the layer (`w`) and along the flow (`h`), in the flow's own frame (top
    /// to bottom; a left-to-right chart is turned at the end).
    w: f32,
    h: f32,
    layer: usize,
    x: f32,
    y: f32,
    /// Room kept beyond the far side across the layer, for a loop from the item to itself
    /// (and its text) where the chart runs down.
    reach: f32,
}

/// A link as laid out: the items it passes, from the upper layer to the lower.
struct Route {
    edge: usize,
    items: Vec<usize>,
    /// Drawn the other way (a link back up a cycle, or `BT`).
    reversed: bool,
}

struct Drawn {
    width: f32,
    height: f32,
    svg: String,
}

/// Each node's drawn size (width, height) on the page and its lines of text.
fn node_box(n: &Node) -> (f32, f32, Vec<String>) {
    let lines = wrap(&n.text, FONT, WRAP);
    let tw = lines
        .iter()
        .map(|l| text_width(l, FONT))
        .fold(0.0f32, f32::max);
    let th = lines.len() as f32 * LINE;
    let (px, py) = (14.0, 9.0);
    let (w, h) = match n.shape {
        Shape::Rect | Shape::Round => (tw + 2.0 * px, th + 2.0 * py),
        Shape::Stadium => (tw + 2.0 * px + th * 0.5, th + 2.0 * py),
        Shape::Hexagon => (tw + 2.0 * px + th, th + 2.0 * py),
        // The text's box fits inside: x/a + y/b ≤ 1 with a = 1.6, b = 2.67 times its halves.
        Shape::Diamond => ((tw + 16.0) * 1.6, (th + 6.0) * 2.67),
        Shape::Circle => {
            let d = (tw.powi(2) + th.powi(2)).sqrt() + 12.0;
            (d, d)
        }
    };
    (w.max(44.0), h.max(36.0), lines)
}

/// Lays out and draws `flow`; `id` names the chart on its page (its arrow heads' id is
/// made from it); `links` the nodes' hrefs, by node.
pub fn svg(flow: &Flow, id: &str, links: &[Option<String>]) -> String {
    let d = draw(flow, id, links);
    // (A wide chart keeps its size and scrolls, rather than shrinking its text on a phone.)
    let mut html = String::from(if d.width > WIDE {
        "<figure class=\"flow flow-wide\">"
    } else {
        "<figure class=\"flow\">"
    });
    let label = describe(flow);
    // (Read as one picture, unless its boxes are links, which must stay reachable.)
    let role = if links.iter().any(Option::is_some) {
        "group"
    } else {
        "img"
    };
    // (`accDescr`: the picture's description, read after its name.)
    let described = match &flow.desc {
        Some(_) => format!(" aria-describedby=\"{id}-desc\""),
        None => String::new(),
    };
    html.push_str(&format!(
        "<svg class=\"flow-svg\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"{role}\" aria-label=\"{label}\"{described}>",
        w = num(d.width),
        h = num(d.height),
        label = escape_html(&label),
    ));
    if let Some(desc) = &flow.desc {
        html.push_str(&format!(
            "<desc id=\"{id}-desc\">{}</desc>",
            escape_html(desc)
        ));
    }
    html.push_str(&d.svg);
    html.push_str("</svg>");
    if let Some(t) = title(flow) {
        html.push_str(&format!("<figcaption>{}</figcaption>", escape_html(t)));
    }
    html.push_str("</figure>\n");
    html
}

/// The chart's title: its own (front matter, or the block's info string), else `accTitle`.
fn title(flow: &Flow) -> Option<&String> {
    flow.title.as_ref().or(flow.acc_title.as_ref())
}

/// The chart in words, for screen readers: 流程图：each link as `A → B`.
fn describe(flow: &Flow) -> String {
    let name = |i: usize| flow.nodes[i].text.replace('\n', " ");
    let shown = |e: &&Edge| e.stroke != Stroke::Invisible;
    let mut parts: Vec<String> = flow
        .edges
        .iter()
        .filter(shown)
        .map(|e| {
            let ends = (e.heads.0 != Head::None, e.heads.1 != Head::None);
            let arrow = match ends {
                (true, true) => "↔",
                (false, false) => "—",
                _ => "→",
            };
            let (a, b) = if ends == (true, false) {
                (e.to, e.from)
            } else {
                (e.from, e.to)
            };
            if e.text.is_empty() {
                format!("{} {arrow} {}", name(a), name(b))
            } else {
                format!(
                    "{} {arrow}（{}）{}",
                    name(a),
                    e.text.replace('\n', " "),
                    name(b)
                )
            }
        })
        .collect();
    let linked: std::collections::HashSet<usize> = flow
        .edges
        .iter()
        .filter(shown)
        .flat_map(|e| [e.from, e.to])
        .collect();
    let stand_in = |i: &usize| flow.groups.iter().any(|g| g.stand_in == Some(*i));
    parts.extend(
        (0..flow.nodes.len())
            .filter(|i| !linked.contains(i) && !stand_in(i))
            .map(name),
    );
    // The subgraphs: 分组「title」：what it holds (the nodes in it and in those inside it).
    for (g, group) in flow.groups.iter().enumerate() {
        let holds: Vec<String> = (0..flow.nodes.len())
            .filter(|i| !stand_in(i))
            .filter(|&i| {
                let mut at = flow.nodes[i].group;
                let mut steps = 0;
                while let Some(x) = at.filter(|_| steps <= flow.groups.len()) {
                    if x == g {
                        return true;
                    }
                    at = flow.groups.get(x).and_then(|x| x.parent);
                    steps += 1;
                }
                false
            })
            .map(name)
            .collect();
        let title = group.title.replace('\n', " ");
        parts.push(if holds.is_empty() {
            format!("分组「{title}」")
        } else {
            format!("分组「{title}」：{}", holds.join("、"))
        });
    }
    let mut s = String::from("流程图");
    if let Some(t) = title(flow) {
        s.push_str(&format!("「{t}」"));
    }
    s.push('：');
    s.push_str(&parts.join("；"));
    s
}

fn num(v: f32) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

fn draw(flow: &Flow, chart: &str, links: &[Option<String>]) -> Drawn {
    let across = matches!(flow.dir, Dir::Right | Dir::Left);
    // (A subgraph with no nodes: the node standing for it is its empty box, not drawn.)
    let stands_for: Vec<Option<usize>> = (0..flow.nodes.len())
        .map(|v| flow.groups.iter().position(|g| g.stand_in == Some(v)))
        .collect();
    let boxes: Vec<(f32, f32, Vec<String>)> = flow
        .nodes
        .iter()
        .zip(&stands_for)
        .map(|(n, s)| match s {
            Some(_) => (EMPTY.0, EMPTY.1, Vec::new()),
            None => node_box(n),
        })
        .collect();
    let real = flow.nodes.len();
    let mut items: Vec<Item> = boxes
        .iter()
        .map(|(w, h, _)| {
            let (w, h) = if across { (*h, *w) } else { (*w, *h) };
            Item {
                w,
                h,
                layer: 0,
                x: 0.0,
                y: 0.0,
                reach: 0.0,
            }
        })
        .collect();

    // Cycles: a depth-first walk in the order written; a link back to a node on the walk's
    // path is turned.
    let mut out_edges: Vec<Vec<usize>> = vec![Vec::new(); real];
    for (k, e) in flow.edges.iter().enumerate() {
        if e.from != e.to {
            out_edges[e.from].push(k);
        }
    }
    let mut turned = vec![false; flow.edges.len()];
    let mut state = vec![0u8; real]; // 0 new, 1 on the path, 2 done
    let mut seen_order: Vec<usize> = Vec::new();
    for root in 0..real {
        if state[root] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = 1;
        seen_order.push(root);
        while let Some(&mut (v, ref mut k)) = stack.last_mut() {
            if let Some(&e) = out_edges[v].get(*k) {
                *k += 1;
                let w = flow.edges[e].to;
                match state[w] {
                    0 => {
                        state[w] = 1;
                        seen_order.push(w);
                        stack.push((w, 0));
                    }
                    1 => turned[e] = true,
                    _ => {}
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    // The acyclic links, upper -> lower.
    let dag: Vec<(usize, usize, usize)> = flow
        .edges
        .iter()
        .enumerate()
        .filter(|(_, e)| e.from != e.to)
        .map(|(k, e)| {
            if turned[k] {
                (e.to, e.from, k)
            } else {
                (e.from, e.to, k)
            }
        })
        .collect();
    // Layers: longest path from the sources, in topological order.
    let mut indeg = vec![0usize; real];
    for &(_, b, _) in &dag {
        indeg[b] += 1;
    }
    let mut queue: std::collections::VecDeque<usize> = seen_order
        .iter()
        .copied()
        .filter(|&v| indeg[v] == 0)
        .collect();
    let mut topo = Vec::with_capacity(real);
    while let Some(v) = queue.pop_front() {
        topo.push(v);
        for &(a, b, k) in &dag {
            if a == v {
                let len = flow.edges[k].len.max(1);
                items[b].layer = items[b].layer.max(items[a].layer + len);
                indeg[b] -= 1;
                if indeg[b] == 0 {
                    queue.push_back(b);
                }
            }
        }
    }
    // A source with links only down sits just above the first node it leads to.
    for &v in topo.iter().rev() {
        let has_up = dag.iter().any(|&(_, b, _)| b == v);
        let downs: Vec<usize> = dag
            .iter()
            .filter(|&&(a, _, _)| a == v)
            .map(|&(_, b, k)| items[b].layer.saturating_sub(flow.edges[k].len.max(1) - 1))
            .collect();
        if !has_up {
            if let Some(m) = downs.iter().min() {
                items[v].layer = m.saturating_sub(1);
            }
        }
    }
    // Routes, with a point in each layer a long link crosses.
    let mut routes: Vec<Route> = Vec::new();
    for &(a, b, k) in &dag {
        let mut chain = vec![a];
        for l in items[a].layer + 1..items[b].layer {
            items.push(Item {
                w: 12.0,
                h: 0.0,
                layer: l,
                x: 0.0,
                y: 0.0,
                reach: 0.0,
            });
            chain.push(items.len() - 1);
        }
        chain.push(b);
        routes.push(Route {
            edge: k,
            items: chain,
            reversed: turned[k],
        });
    }
    let layers_n = items.iter().map(|i| i.layer + 1).max().unwrap_or(0);
    let mut layers: Vec<Vec<usize>> = vec![Vec::new(); layers_n];
    // First order: the order met walking the chart as written (so `是` comes before `否`
    // where written first), long links' points after their start.
    let mut rank_of = vec![usize::MAX; items.len()];
    for (r, &v) in seen_order.iter().enumerate() {
        rank_of[v] = r;
    }
    for route in &routes {
        // (A link back up is drawn beside the chart's flow, after what it comes from.)
        let from = if route.reversed {
            route.items[route.items.len() - 1]
        } else {
            route.items[0]
        };
        for &p in &route.items[1..route.items.len() - 1] {
            rank_of[p] = rank_of[from]
                .saturating_mul(1000)
                .saturating_add(route.edge + 1);
        }
    }
    let mut all: Vec<usize> = (0..items.len()).collect();
    all.sort_by_key(|&v| {
        let base = if v < real {
            rank_of[v].saturating_mul(1000)
        } else {
            rank_of[v]
        };
        (base, v)
    });
    for v in all {
        layers[items[v].layer].push(v);
    }
    // Subgraphs: what each holds kept together in each layer.
    let nest = Nest::new(flow, &items, &routes, across);
    if let Some(nest) = &nest {
        for l in layers.iter_mut() {
            let mut keyed: Vec<(f32, usize)> =
                l.iter().enumerate().map(|(i, &v)| (i as f32, v)).collect();
            nest_sort(&mut keyed, &nest.paths, nest.parent.len());
            *l = keyed.into_iter().map(|(_, v)| v).collect();
        }
    }
    // Segments between neighbouring layers.
    let mut ups: Vec<Vec<usize>> = vec![Vec::new(); items.len()];
    let mut downs: Vec<Vec<usize>> = vec![Vec::new(); items.len()];
    for r in &routes {
        for w in r.items.windows(2) {
            downs[w[0]].push(w[1]);
            ups[w[1]].push(w[0]);
        }
    }
    let paths = nest.as_ref().map(|n| (&n.paths[..], n.parent.len()));
    order_layers(&mut layers, &ups, &downs, items.len(), paths);
    let label_lines: Vec<Vec<String>> = flow
        .edges
        .iter()
        .map(|e| {
            if e.text.is_empty() || e.stroke == Stroke::Invisible {
                Vec::new()
            } else {
                wrap(&e.text, LABEL_FONT, 120.0)
            }
        })
        .collect();
    let label_size = |k: usize| -> (f32, f32) {
        let ls = &label_lines[k];
        let w = ls
            .iter()
            .map(|l| text_width(l, LABEL_FONT))
            .fold(0.0f32, f32::max)
            + 8.0;
        let h = ls.len() as f32 * 17.0 + 4.0;
        (w, h)
    };
    // A loop from a step to itself is drawn beyond its far side, as far as this (its text
    // starts 30 px out). Where the chart runs down, that is across the layer, so the room is
    // kept there (from the next step, and inside its subgraph's box); across, see below.
    let mut loop_reach = vec![0.0f32; real];
    for (k, e) in flow.edges.iter().enumerate() {
        if e.from != e.to || e.stroke == Stroke::Invisible || stands_for[e.from].is_some() {
            continue;
        }
        let text = if label_lines[k].is_empty() {
            0.0
        } else {
            LOOP_TEXT + label_size(k).0
        };
        loop_reach[e.from] = loop_reach[e.from].max(text.max(LOOP_OUT) + 4.0);
    }
    if !across {
        for (v, &r) in loop_reach.iter().enumerate() {
            items[v].reach = r;
        }
    }
    // Each box's sides across the flow; none where they could not be placed (which the
    // order rules out): the chart is then drawn without its boxes.
    let mut sides: Option<Vec<(f32, f32)>> = None;
    match &nest {
        Some(nest) => {
            let slots = nested_slots(&mut layers, nest);
            sides = place_nested(&mut items, &layers, &ups, &downs, &slots, nest);
        }
        None => place(&mut items, &layers, &ups, &downs),
    }
    let nest = nest.filter(|_| sides.is_some());
    let mut sides = sides.unwrap_or_default();

    // Along the flow: each layer's middle, with room between layers for link text.
    let mut label_room = vec![0.0f32; layers_n];
    for r in &routes {
        if !label_lines[r.edge].is_empty() {
            let (w, h) = label_size(r.edge);
            let along = if across { w } else { h };
            let l = items[r.items[0]].layer;
            label_room[l] = label_room[l].max(along);
        }
    }
    // Where the chart runs across, a loop from a step to itself runs along the flow, into
    // the room before the next layer: as far as it reaches.
    if across {
        for (v, &r) in loop_reach.iter().enumerate() {
            let l = items[v].layer;
            label_room[l] = label_room[l].max(r - RANK_GAP / 2.0);
        }
    }
    let layer_h: Vec<f32> = layers
        .iter()
        .map(|l| l.iter().map(|&v| items[v].h).fold(0.0f32, f32::max))
        .collect();
    // Boxes along the flow: room before a layer for those starting at it (with their
    // titles), after one for those ending at it, nested ones inside.
    let groups_n = nest.as_ref().map_or(0, |n| n.parent.len());
    let mut ext = vec![(0.0f32, 0.0f32); groups_n];
    let mut band_before = vec![0.0f32; layers_n];
    let mut band_after = vec![0.0f32; layers_n];
    if let Some(nest) = &nest {
        for g in (0..groups_n).rev() {
            let Some((a, b)) = nest.span[g] else {
                continue;
            };
            let (mut before, mut after) = (PAD, PAD);
            for (c, &(c_before, c_after)) in ext.iter().enumerate().skip(g + 1) {
                match nest.span[c] {
                    Some((ca, cb)) if nest.parent[c] == Some(g) => {
                        if ca == a {
                            before = before.max(PAD + c_before);
                        }
                        if cb == b {
                            after = after.max(PAD + c_after);
                        }
                    }
                    _ => {}
                }
            }
            let (tw, th) = nest.title_size[g];
            match flow.dir {
                Dir::Down => before += th,
                Dir::Up => after += th,
                _ => {
                    // (Across: the title runs along the flow, so the box is at least as long.)
                    let long = (a..=b).map(|l| layer_h[l]).sum::<f32>()
                        + (b - a) as f32 * RANK_GAP
                        + before
                        + after;
                    let short = tw + 2.0 * PAD - long;
                    if short > 0.0 {
                        before += short / 2.0;
                        after += short / 2.0;
                    }
                }
            }
            ext[g] = (before, after);
            band_before[a] = band_before[a].max(before);
            band_after[b] = band_after[b].max(after);
        }
    }
    let mut top = MARGIN;
    let mut mids = vec![0.0f32; layers_n];
    let mut tops = vec![0.0f32; layers_n];
    for l in 0..layers_n {
        top += band_before[l];
        tops[l] = top;
        mids[l] = top + layer_h[l] / 2.0;
        top += layer_h[l] + band_after[l] + RANK_GAP + label_room[l];
    }
    // Where the text of a link from a layer goes: between the boxes' room.
    let zone: Vec<f32> = (0..layers_n)
        .map(|l| tops[l] + layer_h[l] + band_after[l] + (RANK_GAP + label_room[l]) / 2.0)
        .collect();
    for it in items.iter_mut() {
        it.y = mids[it.layer];
    }
    let min_x = items
        .iter()
        .map(|i| i.x - i.w / 2.0)
        .chain(sides.iter().map(|s| s.0))
        .fold(f32::INFINITY, f32::min);
    for it in items.iter_mut() {
        it.x += MARGIN - min_x;
    }
    for s in sides.iter_mut() {
        s.0 += MARGIN - min_x;
        s.1 += MARGIN - min_x;
    }
    // Each box in the flow's frame: (left, top, right, bottom).
    let frames: Vec<Option<(f32, f32, f32, f32)>> = (0..groups_n)
        .map(|g| {
            let (a, b) = nest.as_ref()?.span[g]?;
            let (l, r) = sides[g];
            Some((l, tops[a] - ext[g].0, r, tops[b] + layer_h[b] + ext[g].1))
        })
        .collect();

    // Where links meet a node: spread along its side, in the order of their other ends.
    let mut ends: Vec<(f32, f32)> = vec![(0.0, 0.0); routes.len() * 2];
    for v in 0..real {
        for side in [false, true] {
            // (false: the node's lower side, links going down; true: its upper side.)
            let mut here: Vec<(f32, usize)> = Vec::new();
            for (ri, r) in routes.iter().enumerate() {
                if flow.edges[r.edge].stroke == Stroke::Invisible {
                    continue;
                }
                let n = r.items.len();
                if !side && r.items[0] == v {
                    here.push((items[r.items[1]].x, ri * 2));
                }
                if side && r.items[n - 1] == v {
                    here.push((items[r.items[n - 2]].x, ri * 2 + 1));
                }
            }
            here.sort_by(|a, b| a.0.total_cmp(&b.0));
            let it = &items[v];
            let count = here.len() as f32;
            let step = (it.w * 0.6 / count.max(1.0)).min(16.0);
            // (An empty subgraph's links end at its box.)
            let frame = stands_for[v].and_then(|g| frames.get(g).copied().flatten());
            for (k, &(_, slot)) in here.iter().enumerate() {
                let dx = (k as f32 - (count - 1.0) / 2.0) * step;
                let dy = match frame {
                    Some((_, y0, _, y1)) => {
                        if side {
                            it.y - y0
                        } else {
                            y1 - it.y
                        }
                    }
                    None => edge_of(flow.nodes[v].shape, it.w, it.h, dx),
                };
                let y = if side { it.y - dy } else { it.y + dy };
                ends[slot] = (it.x + dx, y);
            }
        }
    }

    // The picture, in the flow's frame; turned for left-to-right, flipped for BT / RL.
    let width_f = items
        .iter()
        .map(|i| i.x + i.w / 2.0)
        .chain(sides.iter().map(|s| s.1))
        .fold(0.0f32, f32::max)
        + MARGIN;
    let height_f = top - RANK_GAP - label_room.last().copied().unwrap_or(0.0) + MARGIN;
    let mut extra_right = 0.0f32;
    let tf = |x: f32, y: f32| -> (f32, f32) {
        let (x, y) = if across { (y, x) } else { (x, y) };
        let (w, h) = if across {
            (height_f, width_f)
        } else {
            (width_f, height_f)
        };
        match flow.dir {
            Dir::Up => (x, h - y),
            Dir::Left => (w - x, y),
            _ => (x, y),
        }
    };
    let mut edges_svg = String::new();
    let mut labels_svg = String::new();
    // The links' texts on the page, which the boxes' titles keep clear of.
    let mut taken: Vec<(f32, f32, f32, f32)> = Vec::new();
    // Points along the links, on the page, which the titles keep clear of too.
    let mut along: Vec<(f32, f32)> = Vec::new();
    for (ri, r) in routes.iter().enumerate() {
        let e = &flow.edges[r.edge];
        let mut pts: Vec<(f32, f32)> = vec![ends[ri * 2]];
        for &p in &r.items[1..r.items.len() - 1] {
            pts.push((items[p].x, items[p].y));
        }
        pts.push(ends[ri * 2 + 1]);
        let mut d = String::new();
        let (sx, sy) = tf(pts[0].0, pts[0].1);
        d.push_str(&format!("M{} {}", num(sx), num(sy)));
        for w in pts.windows(2) {
            let (p, q) = (w[0], w[1]);
            let my = (p.1 + q.1) / 2.0;
            let (c1x, c1y) = tf(p.0, my);
            let (c2x, c2y) = tf(q.0, my);
            let (qx, qy) = tf(q.0, q.1);
            if e.stroke != Stroke::Invisible {
                let (px, py) = tf(p.0, p.1);
                for k in 0..=16 {
                    let t = k as f32 / 16.0;
                    let u = 1.0 - t;
                    let (a, b, c, d) = (u * u * u, 3.0 * u * u * t, 3.0 * u * t * t, t * t * t);
                    along.push((
                        a * px + b * c1x + c * c2x + d * qx,
                        a * py + b * c1y + c * c2y + d * qy,
                    ));
                }
            }
            d.push_str(&format!(
                " C{} {} {} {} {} {}",
                num(c1x),
                num(c1y),
                num(c2x),
                num(c2y),
                num(qx),
                num(qy)
            ));
        }
        // Heads: at the drawn end that is the link's own end.
        let (start_head, end_head) = if r.reversed {
            (e.heads.1, e.heads.0)
        } else {
            e.heads
        };
        if e.stroke == Stroke::Invisible {
            continue;
        }
        edges_svg.push_str(&edge_path(&d, e.stroke, start_head, end_head, chart));
        if !label_lines[r.edge].is_empty() {
            let (lx, ly) = on_link(pts[0], pts[1], zone[items[r.items[0]].layer]);
            let (cx, cy) = tf(lx, ly);
            let (w, h) = label_size(r.edge);
            labels_svg.push_str(&label_svg(&label_lines[r.edge], cx, cy, (w, h)));
            taken.push((cx - w / 2.0, cy - h / 2.0, w, h));
        }
    }
    // Links from a node to itself: a loop on its far side.
    for (k, e) in flow.edges.iter().enumerate() {
        if e.from != e.to || e.stroke == Stroke::Invisible {
            continue;
        }
        let it = &items[e.from];
        let (mut cx, mut cy) = tf(it.x, it.y);
        let (mut w, mut h) = if across { (it.h, it.w) } else { (it.w, it.h) };
        // (An empty subgraph's loop is on its box.)
        if let Some((x0, y0, x1, y1)) =
            stands_for[e.from].and_then(|g| frames.get(g).copied().flatten())
        {
            let ((a, b), (c, d)) = (tf(x0, y0), tf(x1, y1));
            (cx, cy, w, h) = ((a + c) / 2.0, (b + d) / 2.0, (a - c).abs(), (b - d).abs());
        }
        let x0 = cx + w / 2.0;
        let d = format!(
            "M{} {} C{} {} {} {} {} {}",
            num(x0),
            num(cy - 6.0),
            num(x0 + LOOP_OUT),
            num(cy - h / 2.0 - 8.0),
            num(x0 + LOOP_OUT),
            num(cy + h / 2.0 + 8.0),
            num(x0),
            num(cy + 6.0)
        );
        edges_svg.push_str(&edge_path(&d, e.stroke, e.heads.0, e.heads.1, chart));
        let mut reach = LOOP_OUT;
        if !label_lines[k].is_empty() {
            let (lw, lh) = label_size(k);
            labels_svg.push_str(&label_svg(
                &label_lines[k],
                x0 + LOOP_TEXT + lw / 2.0,
                cy,
                (lw, lh),
            ));
            taken.push((x0 + LOOP_TEXT, cy - lh / 2.0, lw, lh));
            reach += lw;
        }
        let (full_w, _) = if across {
            (height_f, width_f)
        } else {
            (width_f, height_f)
        };
        extra_right = extra_right.max(x0 + reach + MARGIN - full_w);
    }

    let mut nodes_svg = String::new();
    for (v, n) in flow.nodes.iter().enumerate() {
        if stands_for[v].is_some() && nest.is_some() {
            continue;
        }
        let it = &items[v];
        let (cx, cy) = tf(it.x, it.y);
        let (w, h) = if across { (it.h, it.w) } else { (it.w, it.h) };
        let shape = shape_svg(n.shape, cx, cy, w, h);
        let lines = &boxes[v].2;
        let text = text_svg(
            format!(
                "<text class=\"flow-text\" x=\"{}\" text-anchor=\"middle\" dominant-baseline=\"central\" font-size=\"{}\">",
                num(cx),
                num(FONT)
            ),
            lines,
            (cx, cy),
            LINE,
        );
        let class = match n.shape {
            Shape::Diamond => "flow-node flow-decision",
            Shape::Stadium | Shape::Circle => "flow-node flow-terminal",
            _ => "flow-node",
        };
        let g = format!("<g class=\"{class}\">{shape}{text}</g>");
        match links.get(v).and_then(|l| l.as_deref()) {
            Some(href) => {
                nodes_svg.push_str(&format!(
                    "<a class=\"flow-link\" href=\"{}\">{g}</a>\n",
                    href_attr(href)
                ));
            }
            None => {
                nodes_svg.push_str(&g);
                nodes_svg.push('\n');
            }
        }
    }
    let (mut width, height) = if across {
        (height_f, width_f)
    } else {
        (width_f, height_f)
    };
    width += extra_right.max(0.0);
    // Heads: an arrow always; a circle (`--o`) and a cross (`--x`) where used.
    let mut defs = String::new();
    for (head, path) in [
        (Head::Arrow, "M0 0L10 5L0 10z"),
        (Head::Circle, "M1 5a4 4 0 1 0 8 0a4 4 0 1 0-8 0z"),
        (
            Head::Cross,
            "M1 2L2 1L5 4L8 1L9 2L6 5L9 8L8 9L5 6L2 9L1 8L4 5z",
        ),
    ] {
        let used = flow
            .edges
            .iter()
            .any(|e| e.stroke != Stroke::Invisible && (e.heads.0 == head || e.heads.1 == head));
        if head == Head::Arrow || used {
            defs.push_str(&format!(
                "<marker id=\"{}\" class=\"flow-head\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\" markerUnits=\"userSpaceOnUse\"><path d=\"{path}\"/></marker>",
                marker_id(chart, head)
            ));
        }
    }
    // The boxes, behind the rest, a subgraph's before those inside it; each title at the
    // box's top, across the middle (clear of the links' texts where the chart runs across).
    let mut groups_svg = String::new();
    for (g, frame) in frames.iter().enumerate() {
        let (Some(nest), Some((x0, y0, x1, y1))) = (&nest, *frame) else {
            continue;
        };
        let (a, b) = tf(x0, y0);
        let (c, d) = tf(x1, y1);
        let (px, py) = (a.min(c), b.min(d));
        let (pw, ph) = ((a - c).abs(), (b - d).abs());
        let depth = std::iter::successors(nest.parent[g], |&p| nest.parent[p]).count();
        let class = if depth % 2 == 1 {
            "flow-group flow-group-inner"
        } else {
            "flow-group"
        };
        // (An empty subgraph with a `click`: its box is the link.)
        let link = flow.groups[g]
            .stand_in
            .and_then(|v| links.get(v))
            .and_then(|l| l.as_deref());
        if let Some(href) = link {
            groups_svg.push_str(&format!(
                "<a class=\"flow-link flow-group-link\" href=\"{}\">",
                href_attr(href)
            ));
        }
        groups_svg.push_str(&format!(
            "<g class=\"{class}\"><rect class=\"flow-group-box\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\"/>",
            num(px),
            num(py),
            num(pw),
            num(ph)
        ));
        let lines = &nest.title[g];
        if !lines.is_empty() {
            let (tw, band) = nest.title_size[g];
            let th = lines.len() as f32 * TITLE_LINE;
            // Across the middle; else, nearest the middle, where no link nor its text runs
            // through it (a link coming into the box, one passing by with its text); else
            // where it meets the fewest.
            let (lo, hi) = match flow.dir {
                Dir::Down | Dir::Up => (x0 + PAD + tw / 2.0, x1 - PAD - tw / 2.0),
                _ => (y0 + PAD + tw / 2.0, y1 - PAD - tw / 2.0),
            };
            let mid = (lo + hi) / 2.0;
            let mut along_box = vec![mid];
            let steps = ((hi - lo) / 6.0).clamp(0.0, 200.0) as usize;
            for k in 0..=steps {
                along_box.push(lo + (hi - lo) * k as f32 / steps.max(1) as f32);
            }
            along_box[1..].sort_by(|a, b| (a - mid).abs().total_cmp(&(b - mid).abs()));
            let spots: Vec<(f32, f32)> = along_box
                .into_iter()
                .map(|t| match flow.dir {
                    Dir::Down => (t, y0 + band / 2.0),
                    Dir::Up => (t, y1 - band / 2.0),
                    _ => (x0 + band / 2.0, t),
                })
                .collect();
            let rect = |&(x, y): &(f32, f32)| {
                let (cx, cy) = tf(x, y);
                (cx - tw / 2.0, cy - th / 2.0, tw, th)
            };
            // Only the links and texts near the title's places can meet it: picked out once.
            let (mut lo_x, mut lo_y, mut hi_x, mut hi_y) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
            for t in spots.iter().map(rect) {
                (lo_x, lo_y) = (lo_x.min(t.0 - 2.0), lo_y.min(t.1 - 2.0));
                (hi_x, hi_y) = (hi_x.max(t.0 + t.2 + 2.0), hi_y.max(t.1 + t.3 + 2.0));
            }
            let span = (lo_x, lo_y, hi_x - lo_x, hi_y - lo_y);
            let near_texts: Vec<_> = taken.iter().filter(|l| meets(**l, span)).collect();
            let near_links: Vec<_> = along
                .iter()
                .filter(|&&(px, py)| px > lo_x && px < hi_x && py > lo_y && py < hi_y)
                .collect();
            let met = |p: &(f32, f32)| {
                let t = rect(p);
                near_texts.iter().filter(|l| meets(***l, t)).count() * 1_000
                    + near_links
                        .iter()
                        .filter(|&&&(px, py)| {
                            px > t.0 - 2.0
                                && px < t.0 + t.2 + 2.0
                                && py > t.1 - 2.0
                                && py < t.1 + t.3 + 2.0
                        })
                        .count()
            };
            // The first place meeting nothing; else the first meeting the fewest.
            let mut best = (usize::MAX, spots[0]);
            for p in &spots {
                let m = met(p);
                if m < best.0 {
                    best = (m, *p);
                    if m == 0 {
                        break;
                    }
                }
            }
            let (x, y) = &best.1;
            let (cx, cy) = tf(*x, *y);
            groups_svg.push_str(&text_svg(
                format!(
                    "<text class=\"flow-group-title\" x=\"{}\" text-anchor=\"middle\" dominant-baseline=\"central\" font-size=\"{}\">",
                    num(cx),
                    num(TITLE_FONT)
                ),
                lines,
                (cx, cy),
                TITLE_LINE,
            ));
        }
        groups_svg.push_str("</g>");
        if link.is_some() {
            groups_svg.push_str("</a>");
        }
        groups_svg.push('\n');
    }
    let groups_svg = if groups_svg.is_empty() {
        groups_svg
    } else {
        format!("<g class=\"flow-groups\">{groups_svg}</g>\n")
    };
    let svg = format!(
        "<defs>{defs}</defs>\n{groups_svg}<g class=\"flow-edges\">{edges_svg}</g>\n{nodes_svg}<g class=\"flow-labels\">{labels_svg}</g>"
    );
    Drawn {
        width: width.max(1.0),
        height: height.max(1.0),
        svg,
    }
}

/// The id of chart `chart`'s marker for `head` (the arrow's is `{chart}-head`).
/// A link's address as an attribute: escaped as pulldown-cmark escapes a Markdown link's, so
/// both read alike.
fn href_attr(href: &str) -> String {
    let mut h = String::new();
    let _ = pulldown_cmark_escape::escape_href(&mut h, href);
    h
}

fn marker_id(chart: &str, head: Head) -> String {
    match head {
        Head::Circle => format!("{chart}-circle"),
        Head::Cross => format!("{chart}-cross"),
        _ => format!("{chart}-head"),
    }
}

fn edge_path(d: &str, stroke: Stroke, start: Head, end: Head, chart: &str) -> String {
    let class = match stroke {
        Stroke::Solid | Stroke::Invisible => "flow-edge",
        Stroke::Dotted => "flow-edge flow-dotted",
        Stroke::Thick => "flow-edge flow-thick",
    };
    let mut s = format!("<path class=\"{class}\" d=\"{d}\"");
    if start != Head::None {
        s.push_str(&format!(
            " marker-start=\"url(#{})\"",
            marker_id(chart, start)
        ));
    }
    if end != Head::None {
        s.push_str(&format!(" marker-end=\"url(#{})\"", marker_id(chart, end)));
    }
    s.push_str("/>\n");
    s
}

fn label_svg(lines: &[String], cx: f32, cy: f32, (w, h): (f32, f32)) -> String {
    let open = format!(
        "<rect class=\"flow-label-bg\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\"/><text class=\"flow-label\" text-anchor=\"middle\" dominant-baseline=\"central\" font-size=\"{}\">",
        num(cx - w / 2.0),
        num(cy - h / 2.0),
        num(w),
        num(h),
        num(LABEL_FONT)
    );
    text_svg(open, lines, (cx, cy), 17.0) + "\n"
}

/// A `<text>` (`open`, its opening tag) of `lines`, one `<tspan>` each, `gap` apart and
/// centred on (`cx`, `cy`).
fn text_svg(open: String, lines: &[String], (cx, cy): (f32, f32), gap: f32) -> String {
    let mut s = open;
    let count = lines.len() as f32;
    for (k, l) in lines.iter().enumerate() {
        let y = cy + (k as f32 - (count - 1.0) / 2.0) * gap;
        s.push_str(&format!(
            "<tspan x=\"{}\" y=\"{}\">{}</tspan>",
            num(cx),
            num(y),
            escape_html(l)
        ));
    }
    s.push_str("</text>");
    s
}

/// How far below a node's middle its lower edge is, `dx` across from the middle (in the
/// flow's frame, where a turned chart's nodes are turned too).
fn edge_of(shape: Shape, w: f32, h: f32, dx: f32) -> f32 {
    match shape {
        Shape::Diamond => (h / 2.0 * (1.0 - 2.0 * dx.abs() / w)).max(0.0),
        Shape::Circle => {
            let r = w / 2.0;
            (r * r - dx * dx).max(0.0).sqrt()
        }
        _ => h / 2.0,
    }
}

fn shape_svg(shape: Shape, cx: f32, cy: f32, w: f32, h: f32) -> String {
    let (x, y) = (cx - w / 2.0, cy - h / 2.0);
    match shape {
        Shape::Rect => format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\"/>",
            num(x),
            num(y),
            num(w),
            num(h)
        ),
        Shape::Round => format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"10\"/>",
            num(x),
            num(y),
            num(w),
            num(h)
        ),
        Shape::Stadium => format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\"/>",
            num(x),
            num(y),
            num(w),
            num(h),
            num(h.min(w) / 2.0)
        ),
        Shape::Circle => format!(
            "<ellipse cx=\"{}\" cy=\"{}\" rx=\"{}\" ry=\"{}\"/>",
            num(cx),
            num(cy),
            num(w / 2.0),
            num(h / 2.0)
        ),
        Shape::Diamond => format!(
            "<polygon points=\"{},{} {},{} {},{} {},{}\"/>",
            num(cx),
            num(y),
            num(x + w),
            num(cy),
            num(cx),
            num(y + h),
            num(x),
            num(cy)
        ),
        Shape::Hexagon => {
            let k = (h / 2.0).min(w / 4.0);
            format!(
                "<polygon points=\"{},{} {},{} {},{} {},{} {},{} {},{}\"/>",
                num(x + k),
                num(y),
                num(x + w - k),
                num(y),
                num(x + w),
                num(cy),
                num(x + w - k),
                num(y + h),
                num(x + k),
                num(y + h),
                num(x),
                num(cy)
            )
        }
    }
}

/// Crossings between two neighbouring layers.
fn crossings(upper: &[usize], downs: &[Vec<usize>], pos: &[usize]) -> usize {
    let mut segs: Vec<(usize, usize)> = Vec::new();
    for &u in upper {
        for &v in &downs[u] {
            segs.push((pos[u], pos[v]));
        }
    }
    let mut n = 0;
    for i in 0..segs.len() {
        for j in i + 1..segs.len() {
            let (a, b) = (segs[i], segs[j]);
            if (a.0 < b.0 && a.1 > b.1) || (a.0 > b.0 && a.1 < b.1) {
                n += 1;
            }
        }
    }
    n
}

fn total_crossings(layers: &[Vec<usize>], downs: &[Vec<usize>], n: usize) -> usize {
    let mut pos = vec![0usize; n];
    for l in layers {
        for (i, &v) in l.iter().enumerate() {
            pos[v] = i;
        }
    }
    layers
        .windows(2)
        .map(|w| crossings(&w[0], downs, &pos))
        .sum()
}

/// Orders each layer by its neighbours' mean position, sweeping down and up, keeping the
/// order with the fewest crossings.
/// With `nest` (each item's subgraphs, and how many there are), what a subgraph holds stays
/// together in each layer.
fn order_layers(
    layers: &mut [Vec<usize>],
    ups: &[Vec<usize>],
    downs: &[Vec<usize>],
    n: usize,
    nest: Option<(&[Vec<usize>], usize)>,
) {
    let mut best = layers.to_vec();
    let mut best_n = total_crossings(layers, downs, n);
    let mut pos = vec![0f32; n];
    for sweep in 0..8 {
        if best_n == 0 {
            break;
        }
        for l in layers.iter() {
            for (i, &v) in l.iter().enumerate() {
                pos[v] = i as f32;
            }
        }
        let down = sweep % 2 == 0;
        let idx: Vec<usize> = if down {
            (1..layers.len()).collect()
        } else {
            (0..layers.len().saturating_sub(1)).rev().collect()
        };
        for li in idx {
            let near = if down { ups } else { downs };
            let mut keyed: Vec<(f32, usize)> = layers[li]
                .iter()
                .map(|&v| {
                    let ns = &near[v];
                    let k = if ns.is_empty() {
                        pos[v]
                    } else {
                        ns.iter().map(|&u| pos[u]).sum::<f32>() / ns.len() as f32
                    };
                    (k, v)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0));
            if let Some((paths, groups)) = nest {
                nest_sort(&mut keyed, paths, groups);
            }
            layers[li] = keyed.into_iter().map(|(_, v)| v).collect();
            for (i, &v) in layers[li].iter().enumerate() {
                pos[v] = i as f32;
            }
        }
        let c = total_crossings(layers, downs, n);
        if c < best_n {
            best_n = c;
            best = layers.to_vec();
        }
    }
    layers.clone_from_slice(&best);
}

/// How far apart the middles of two items side by side in a layer are at least.
fn item_gap(a: &Item, b: &Item) -> f32 {
    let g = if a.h == 0.0 || b.h == 0.0 {
        NODE_GAP / 2.0
    } else {
        NODE_GAP
    };
    (a.w + b.w) / 2.0 + g + a.reach
}

/// Where along a link from `p` down to `q` (drawn as `draw` draws it: a curve leaving `p`
/// and reaching `q` upright) it crosses the height `y`; its middle if it never does.
fn on_link(p: (f32, f32), q: (f32, f32), y: f32) -> (f32, f32) {
    if !(p.1 < y && y < q.1) {
        return ((p.0 + q.0) / 2.0, (p.1 + q.1) / 2.0);
    }
    let my = (p.1 + q.1) / 2.0;
    let at = |t: f32| {
        let u = 1.0 - t;
        p.1 * u * u * u + 3.0 * my * u * t + q.1 * t * t * t
    };
    let (mut lo, mut hi) = (0.0f32, 1.0f32);
    for _ in 0..30 {
        let mid = (lo + hi) / 2.0;
        if at(mid) < y {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let t = (lo + hi) / 2.0;
    (p.0 + (q.0 - p.0) * t * t * (3.0 - 2.0 * t), y)
}

/// Whether two rectangles (x, y, width, height) overlap.
fn meets(a: (f32, f32, f32, f32), b: (f32, f32, f32, f32)) -> bool {
    a.0 < b.0 + b.2 && b.0 < a.0 + a.2 && a.1 < b.1 + b.3 && b.1 < a.1 + a.3
}

/// The subgraphs, for the layout.
struct Nest {
    /// Each item's subgraphs, outermost first (a long link's points are in those holding
    /// both its ends).
    paths: Vec<Vec<usize>>,
    /// Each subgraph's parent (only ever one before it).
    parent: Vec<Option<usize>>,
    /// The first and last layers of each subgraph holding anything.
    span: Vec<Option<(usize, usize)>>,
    /// Each title's lines, its width and the height of its band (on the page).
    title: Vec<Vec<String>>,
    title_size: Vec<(f32, f32)>,
    across: bool,
    /// Where the chart runs down (or up), the subgraphs a link comes into across their
    /// title's side: their boxes are made wide enough for the title to sit beside it.
    entered: Vec<bool>,
}

impl Nest {
    /// None when no subgraph holds anything.
    fn new(flow: &Flow, items: &[Item], routes: &[Route], across: bool) -> Option<Nest> {
        let n_groups = flow.groups.len();
        let parent: Vec<Option<usize>> = flow
            .groups
            .iter()
            .enumerate()
            .map(|(g, x)| x.parent.filter(|&p| p < g))
            .collect();
        let chain = |g: Option<usize>| -> Vec<usize> {
            let mut c: Vec<usize> = std::iter::successors(g, |&p| parent[p]).collect();
            c.reverse();
            c
        };
        let mut paths: Vec<Vec<usize>> = flow
            .nodes
            .iter()
            .map(|n| chain(n.group.filter(|&g| g < n_groups)))
            .collect();
        paths.resize(items.len(), Vec::new());
        for r in routes {
            let (a, b) = (&paths[r.items[0]], &paths[r.items[r.items.len() - 1]]);
            let common: Vec<usize> = a
                .iter()
                .zip(b)
                .take_while(|(x, y)| x == y)
                .map(|(x, _)| *x)
                .collect();
            for &p in &r.items[1..r.items.len() - 1] {
                paths[p] = common.clone();
            }
        }
        let mut span: Vec<Option<(usize, usize)>> = vec![None; n_groups];
        for (v, path) in paths.iter().enumerate() {
            let l = items[v].layer;
            for &g in path {
                span[g] = Some(span[g].map_or((l, l), |(a, b)| (a.min(l), b.max(l))));
            }
        }
        if span.iter().all(Option::is_none) {
            return None;
        }
        let title: Vec<Vec<String>> = flow
            .groups
            .iter()
            .map(|g| {
                if g.title.trim().is_empty() {
                    Vec::new()
                } else {
                    wrap(&g.title, TITLE_FONT, 200.0)
                }
            })
            .collect();
        let title_size = title
            .iter()
            .map(|ls| {
                if ls.is_empty() {
                    return (0.0, 0.0);
                }
                let w = ls
                    .iter()
                    .map(|l| text_width(l, TITLE_FONT) * BOLD)
                    .fold(0.0f32, f32::max);
                (w, ls.len() as f32 * TITLE_LINE + 8.0)
            })
            .collect();
        let mut entered = vec![false; n_groups];
        if !across {
            for r in routes {
                let (a, b) = (&paths[r.items[0]], &paths[r.items[r.items.len() - 1]]);
                // (In the layout's frame the title is on the upper side, down the page; on
                // the lower, up it.)
                let (inside, outside) = if flow.dir == Dir::Up { (a, b) } else { (b, a) };
                for &g in inside {
                    if !outside.contains(&g) {
                        entered[g] = true;
                    }
                }
            }
        }
        Some(Nest {
            paths,
            parent,
            span,
            title,
            title_size,
            across,
            entered,
        })
    }

    /// From a box's near side to what it holds, across the layers (where the chart runs
    /// across, the title's band too).
    fn inset(&self, g: usize) -> f32 {
        if self.across {
            self.title_size[g].1 + PAD
        } else {
            PAD
        }
    }

    /// A box's least width across the layers (where the chart runs down, its title's).
    fn least(&self, g: usize) -> f32 {
        if self.across {
            self.inset(g) + PAD
        } else if self.entered[g] {
            // (A link into the box comes to a step about its middle: the title fits beside.)
            2.0 * (self.title_size[g].0 + PAD) + 8.0
        } else {
            self.title_size[g].0 + 2.0 * PAD
        }
    }

    /// How far apart two slots side by side in a layer are at least.
    fn gap(&self, items: &[Item], a: Slot, b: Slot) -> f32 {
        let outside = |v: usize| {
            if items[v].h == 0.0 {
                NODE_GAP / 4.0
            } else {
                NODE_GAP / 2.0
            }
        };
        match (a, b) {
            (Slot::Item(u), Slot::Item(v)) => item_gap(&items[u], &items[v]),
            (Slot::Item(u), Slot::Open(_)) => items[u].w / 2.0 + outside(u) + items[u].reach,
            (Slot::Item(u), Slot::Close(_)) => items[u].w / 2.0 + PAD + items[u].reach,
            (Slot::Open(g), Slot::Item(v)) => self.inset(g) + items[v].w / 2.0,
            (Slot::Open(g), Slot::Open(_)) => self.inset(g),
            (Slot::Open(g), Slot::Close(_)) => self.least(g),
            (Slot::Close(_), Slot::Item(v)) => outside(v) + items[v].w / 2.0,
            (Slot::Close(_), Slot::Close(_)) => PAD,
            (Slot::Close(_), Slot::Open(_)) => BOX_GAP,
        }
    }
}

/// A place across a layer: an item, or a box's near or far side.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Slot {
    Item(usize),
    Open(usize),
    Close(usize),
}

/// Two entries of a layer in nested order: by the subgraphs they are in, outermost first
/// (each at its key in `gkey`), then by their own key (`None`: a subgraph's place in a layer
/// where it holds nothing, before what it would hold).
fn nested_cmp(
    pa: &[usize],
    a: Option<f32>,
    pb: &[usize],
    b: Option<f32>,
    gkey: &[f32],
) -> std::cmp::Ordering {
    use std::cmp::Ordering::{Equal, Greater, Less};
    let mut i = 0;
    loop {
        let at = |p: &[usize], k: Option<f32>| match p.get(i) {
            Some(&g) => Some((gkey[g], 0, g)),
            None if i == p.len() => k.map(|k| (k, 1, 0)),
            None => None,
        };
        match (at(pa, a), at(pb, b)) {
            (None, None) => return Equal,
            (None, Some(_)) => return Less,
            (Some(_), None) => return Greater,
            (Some(x), Some(y)) => {
                let o = x.0.total_cmp(&y.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2));
                if o != Equal || x.1 == 1 {
                    return o;
                }
            }
        }
        i += 1;
    }
}

/// A layer's (key, item) in nested order, each subgraph at the mean key of what it holds
/// here: what a subgraph holds together, nested ones together inside.
fn nest_sort(keyed: &mut [(f32, usize)], paths: &[Vec<usize>], groups: usize) {
    let mut sum = vec![(0.0f32, 0usize); groups];
    for &(k, v) in keyed.iter() {
        for &g in &paths[v] {
            sum[g].0 += k;
            sum[g].1 += 1;
        }
    }
    let gkey: Vec<f32> = sum
        .iter()
        .map(|&(s, c)| if c == 0 { 0.0 } else { s / c as f32 })
        .collect();
    keyed.sort_by(|a, b| nested_cmp(&paths[a.1], Some(a.0), &paths[b.1], Some(b.0), &gkey));
}

/// The layers in their last order, the subgraphs in one order in all layers (each at the
/// mean place of what it holds), and each layer's slots: its items with the sides of the
/// boxes around them, and of those it crosses holding nothing there.
fn nested_slots(layers: &mut [Vec<usize>], nest: &Nest) -> Vec<Vec<Slot>> {
    let groups = nest.parent.len();
    let mut key = vec![0.0f32; nest.paths.len()];
    let mut sum = vec![(0.0f32, 0usize); groups];
    for l in layers.iter() {
        for (i, &v) in l.iter().enumerate() {
            key[v] = (i as f32 + 0.5) / l.len() as f32;
            for &g in &nest.paths[v] {
                sum[g].0 += key[v];
                sum[g].1 += 1;
            }
        }
    }
    let gkey: Vec<f32> = sum
        .iter()
        .map(|&(s, c)| if c == 0 { 0.0 } else { s / c as f32 })
        .collect();
    let chain = |g: usize| -> Vec<usize> {
        let mut c: Vec<usize> = std::iter::successors(Some(g), |&p| nest.parent[p]).collect();
        c.reverse();
        c
    };
    let mut out = Vec::with_capacity(layers.len());
    for (l, layer) in layers.iter_mut().enumerate() {
        let mut here = vec![false; groups];
        for &v in layer.iter() {
            for &g in &nest.paths[v] {
                here[g] = true;
            }
        }
        let mut entries: Vec<(Vec<usize>, Option<usize>)> = layer
            .iter()
            .map(|&v| (nest.paths[v].clone(), Some(v)))
            .collect();
        for (g, span) in nest.span.iter().enumerate() {
            if span.is_some_and(|(a, b)| a <= l && l <= b) && !here[g] {
                entries.push((chain(g), None));
            }
        }
        entries.sort_by(|a, b| {
            nested_cmp(&a.0, a.1.map(|v| key[v]), &b.0, b.1.map(|v| key[v]), &gkey)
        });
        *layer = entries.iter().filter_map(|e| e.1).collect();
        let mut slots = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        for (path, item) in &entries {
            let common = open.iter().zip(path).take_while(|(a, b)| a == b).count();
            while open.len() > common {
                if let Some(g) = open.pop() {
                    slots.push(Slot::Close(g));
                }
            }
            for &g in &path[common..] {
                slots.push(Slot::Open(g));
                open.push(g);
            }
            if let Some(v) = item {
                slots.push(Slot::Item(*v));
            }
        }
        while let Some(g) = open.pop() {
            slots.push(Slot::Close(g));
        }
        out.push(slots);
    }
    out
}

/// Positions across the layers with the subgraphs' boxes: first as `place` has them, then
/// pushed apart where a box needs room; then, a few times over, each run of items between
/// two boxes' sides pulled toward its neighbours as `place` pulls a layer, each box shrunk
/// to what it holds and moved whole toward where its items would go. Each box's sides
/// (near, far); None if the order's sides cannot all be met (never, by its making).
fn place_nested(
    items: &mut [Item],
    layers: &[Vec<usize>],
    ups: &[Vec<usize>],
    downs: &[Vec<usize>],
    slots: &[Vec<Slot>],
    nest: &Nest,
) -> Option<Vec<(f32, f32)>> {
    place(items, layers, ups, downs);
    let n = items.len();
    let groups = nest.parent.len();
    let live: Vec<usize> = (0..groups).filter(|&g| nest.span[g].is_some()).collect();
    let var = |s: Slot| match s {
        Slot::Item(v) => v,
        Slot::Open(g) => n + 2 * g,
        Slot::Close(g) => n + 2 * g + 1,
    };
    let count = n + 2 * groups;
    let mut ins: Vec<Vec<(usize, f32)>> = vec![Vec::new(); count];
    let mut outs: Vec<Vec<(usize, f32)>> = vec![Vec::new(); count];
    let mut tie = |a: usize, b: usize, d: f32| {
        outs[a].push((b, d));
        ins[b].push((a, d));
    };
    for seq in slots {
        for w in seq.windows(2) {
            tie(var(w[0]), var(w[1]), nest.gap(items, w[0], w[1]));
        }
    }
    for &g in &live {
        tie(var(Slot::Open(g)), var(Slot::Close(g)), nest.least(g));
    }
    // Pushed apart, in an order where each comes after all it must be beside.
    let mut indeg: Vec<usize> = ins.iter().map(Vec::len).collect();
    let mut ready: Vec<usize> = (0..count).filter(|&v| indeg[v] == 0).collect();
    let mut order = Vec::with_capacity(count);
    while let Some(v) = ready.pop() {
        order.push(v);
        for &(b, _) in &outs[v] {
            indeg[b] -= 1;
            if indeg[b] == 0 {
                ready.push(b);
            }
        }
    }
    if order.len() < count {
        return None;
    }
    let mut x = vec![0.0f32; count];
    for (v, it) in items.iter().enumerate() {
        x[v] = it.x;
    }
    for &g in &live {
        x[var(Slot::Open(g))] = f32::NEG_INFINITY;
        x[var(Slot::Close(g))] = f32::NEG_INFINITY;
    }
    let least = |x: &[f32], v: usize| {
        ins[v]
            .iter()
            .map(|&(a, d)| x[a] + d)
            .fold(f32::NEG_INFINITY, f32::max)
    };
    let most = |x: &[f32], v: usize| {
        outs[v]
            .iter()
            .map(|&(b, d)| x[b] - d)
            .fold(f32::INFINITY, f32::min)
    };
    for &v in &order {
        x[v] = x[v].max(least(&x, v));
    }
    for &v in order.iter().rev() {
        if x[v] == f32::NEG_INFINITY {
            x[v] = most(&x, v);
        }
    }
    if x.iter().any(|v| !v.is_finite()) {
        return None;
    }
    let want = |x: &[f32], v: usize, near: u8| -> f32 {
        let xs: Vec<f32> = match near {
            0 => ups[v].iter().map(|&u| x[u]).collect(),
            1 => downs[v].iter().map(|&u| x[u]).collect(),
            _ => ups[v].iter().chain(&downs[v]).map(|&u| x[u]).collect(),
        };
        median(xs).unwrap_or(x[v])
    };
    // What each box holds: items, and boxes (itself too).
    let holds: Vec<Vec<usize>> = (0..groups)
        .map(|g| (0..n).filter(|&v| nest.paths[v].contains(&g)).collect())
        .collect();
    let inner: Vec<Vec<usize>> = (0..groups)
        .map(|g| {
            live.iter()
                .copied()
                .filter(|&c| std::iter::successors(Some(c), |&p| nest.parent[p]).any(|p| p == g))
                .collect()
        })
        .collect();
    // Each box as wide as its neighbours allow (outer ones first), or as narrow as what it
    // holds (inner ones first).
    let widen = |x: &mut [f32]| {
        for &g in &live {
            let v = var(Slot::Open(g));
            x[v] = least(x, v);
        }
        for &g in &live {
            let v = var(Slot::Close(g));
            x[v] = most(x, v);
        }
    };
    // (A box wider than what it holds, for its title, is centred on it.)
    let shrink = |x: &mut [f32]| {
        for &g in live.iter().rev() {
            let (open, close) = (var(Slot::Open(g)), var(Slot::Close(g)));
            let near = outs[open]
                .iter()
                .filter(|&&(b, _)| b != close)
                .map(|&(b, d)| x[b] - d)
                .fold(f32::INFINITY, f32::min);
            let far = ins[close]
                .iter()
                .filter(|&&(a, _)| a != open)
                .map(|&(a, d)| x[a] + d)
                .fold(f32::NEG_INFINITY, f32::max);
            let w = nest.least(g);
            if !near.is_finite() || !far.is_finite() {
                x[open] = most(x, open);
                x[close] = least(x, close);
                continue;
            }
            let l = ((near + far - w) / 2.0)
                .min(near)
                .min(most(x, close) - w)
                .max(least(x, open));
            x[open] = l;
            x[close] = far.max(l + w);
            let shift = (x[close] + l - near - far) / 2.0;
            if shift.abs() > 0.01 {
                for &v in &holds[g] {
                    x[v] += shift;
                }
                for &c in inner[g].iter().filter(|&&c| c != g) {
                    x[var(Slot::Open(c))] += shift;
                    x[var(Slot::Close(c))] += shift;
                }
            }
        }
    };
    let runs = |seq: &[Slot]| -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < seq.len() {
            if !matches!(seq[i], Slot::Item(_)) {
                i += 1;
                continue;
            }
            let start = i;
            while i < seq.len() && matches!(seq[i], Slot::Item(_)) {
                i += 1;
            }
            out.push((start, i));
        }
        out
    };
    // The bounds of slots `a..b` of a layer, set by the slots around them.
    let bounds = |x: &[f32], seq: &[Slot], a: usize, b: usize| -> (f32, f32) {
        let lo = if a > 0 {
            x[var(seq[a - 1])] + nest.gap(items, seq[a - 1], seq[a])
        } else {
            f32::NEG_INFINITY
        };
        let hi = if b < seq.len() {
            x[var(seq[b])] - nest.gap(items, seq[b - 1], seq[b])
        } else {
            f32::INFINITY
        };
        (lo, hi)
    };
    for round in 0..12 {
        let down = round % 2 == 0;
        let near = if round >= 10 { 2 } else { u8::from(!down) };
        widen(&mut x);
        let order: Vec<usize> = if down {
            (0..layers.len()).collect()
        } else {
            (0..layers.len()).rev().collect()
        };
        for li in order {
            let seq = &slots[li];
            for (a, b) in runs(seq) {
                let (lo, hi) = bounds(&x, seq, a, b);
                let vs: Vec<usize> = seq[a..b].iter().map(|&s| var(s)).collect();
                let mut offs = vec![0.0f32; vs.len()];
                for i in 1..vs.len() {
                    offs[i] = offs[i - 1] + nest.gap(items, seq[a + i - 1], seq[a + i]);
                }
                let top = hi - offs[vs.len() - 1];
                let wants: Vec<f32> = vs
                    .iter()
                    .zip(&offs)
                    .map(|(&v, off)| want(&x, v, near) - off)
                    .collect();
                for (i, z) in pooled(&wants).into_iter().enumerate() {
                    x[vs[i]] = z.max(lo).min(top) + offs[i];
                }
            }
        }
        shrink(&mut x);
        // Each box moved whole toward where what it holds would go, inner ones first.
        for &g in live.iter().rev() {
            if holds[g].is_empty() {
                continue;
            }
            let pull = holds[g].iter().map(|&v| want(&x, v, 2) - x[v]).sum::<f32>()
                / holds[g].len() as f32;
            let (open, close) = (var(Slot::Open(g)), var(Slot::Close(g)));
            let d = pull
                .max(least(&x, open) - x[open])
                .min(most(&x, close) - x[close]);
            if d.is_finite() && d != 0.0 {
                for &v in &holds[g] {
                    x[v] += d;
                }
                for &c in &inner[g] {
                    x[var(Slot::Open(c))] += d;
                    x[var(Slot::Close(c))] += d;
                }
            }
        }
    }
    // Straighten: an item moves under (then over) its neighbours' median where the slots
    // beside it leave room.
    widen(&mut x);
    for down in [true, false, true] {
        let order: Vec<usize> = if down {
            (1..layers.len()).collect()
        } else {
            (0..layers.len().saturating_sub(1)).rev().collect()
        };
        for li in order {
            let seq = &slots[li];
            for i in 0..seq.len() {
                let Slot::Item(v) = seq[i] else {
                    continue;
                };
                let near = if down { &ups[v] } else { &downs[v] };
                let Some(t) = median(near.iter().map(|&u| x[u]).collect()) else {
                    continue;
                };
                let (lo, hi) = bounds(&x, seq, i, i + 1);
                if lo - 0.01 <= t && t <= hi + 0.01 {
                    x[v] = t.max(lo).min(hi);
                }
            }
        }
    }
    shrink(&mut x);
    if x.iter().any(|v| !v.is_finite()) {
        return None;
    }
    for (v, it) in items.iter_mut().enumerate() {
        it.x = x[v];
    }
    Some(
        (0..groups)
            .map(|g| (x[var(Slot::Open(g))], x[var(Slot::Close(g))]))
            .collect(),
    )
}

/// The middle value (the mean of the two middle ones for an even count).
/// The non-decreasing sequence nearest `wants` in least squares (pool adjacent violators):
/// runs that would go backwards share their mean.
fn pooled(wants: &[f32]) -> Vec<f32> {
    let mut blocks: Vec<(f32, usize)> = Vec::new(); // (sum, count)
    for &w in wants {
        blocks.push((w, 1));
        while blocks.len() > 1 {
            let (s2, n2) = blocks[blocks.len() - 1];
            let (s1, n1) = blocks[blocks.len() - 2];
            if s1 / n1 as f32 > s2 / n2 as f32 {
                blocks.pop();
                let last = blocks.len() - 1;
                blocks[last] = (s1 + s2, n1 + n2);
            } else {
                break;
            }
        }
    }
    blocks
        .into_iter()
        .flat_map(|(s, n)| std::iter::repeat_n(s / n as f32, n))
        .collect()
}

fn median(mut xs: Vec<f32>) -> Option<f32> {
    if xs.is_empty() {
        return None;
    }
    xs.sort_by(f32::total_cmp);
    let m = xs.len() / 2;
    Some(if xs.len() % 2 == 1 {
        xs[m]
    } else {
        (xs[m - 1] + xs[m]) / 2.0
    })
}

/// Positions across the layers: packed in order, then each node pulled toward its
/// neighbours' mean, as far as the order and the gaps allow (least squares under the
/// order, by pooling adjacent violators).
fn place(items: &mut [Item], layers: &[Vec<usize>], ups: &[Vec<usize>], downs: &[Vec<usize>]) {
    let gap = item_gap;
    for l in layers {
        let mut x = 0.0;
        for (i, &v) in l.iter().enumerate() {
            if i > 0 {
                x += gap(&items[l[i - 1]], &items[v]);
            }
            items[v].x = x;
        }
        let mid = x / 2.0;
        for &v in l {
            items[v].x -= mid;
        }
    }
    for round in 0..12 {
        let down = round % 2 == 0;
        let order: Vec<usize> = if down {
            (0..layers.len()).collect()
        } else {
            (0..layers.len()).rev().collect()
        };
        for li in order {
            let l = &layers[li];
            let want: Vec<f32> = l
                .iter()
                .map(|&v| {
                    let ns: Vec<usize> = if round >= 10 {
                        ups[v].iter().chain(&downs[v]).copied().collect()
                    } else if down {
                        ups[v].clone()
                    } else {
                        downs[v].clone()
                    };
                    median(ns.iter().map(|&u| items[u].x).collect()).unwrap_or(items[v].x)
                })
                .collect();
            let mut offs = vec![0.0f32; l.len()];
            for i in 1..l.len() {
                offs[i] = offs[i - 1] + gap(&items[l[i - 1]], &items[l[i]]);
            }
            let wants: Vec<f32> = want.iter().zip(&offs).map(|(w, off)| w - off).collect();
            for (i, z) in pooled(&wants).into_iter().enumerate() {
                items[l[i]].x = z + offs[i];
            }
        }
    }
    // Straighten: a box moves under (then over) its neighbours' median wherever the boxes
    // beside it leave room, so a chain of steps reads as one straight column.
    for down in [true, false, true] {
        let order: Vec<usize> = if down {
            (1..layers.len()).collect()
        } else {
            (0..layers.len().saturating_sub(1)).rev().collect()
        };
        for li in order {
            let l = &layers[li];
            for i in 0..l.len() {
                let v = l[i];
                let near = if down { &ups[v] } else { &downs[v] };
                let Some(t) = median(near.iter().map(|&u| items[u].x).collect()) else {
                    continue;
                };
                let left_ok =
                    i == 0 || t - items[l[i - 1]].x >= gap(&items[l[i - 1]], &items[v]) - 0.01;
                let right_ok = i + 1 == l.len()
                    || items[l[i + 1]].x - t >= gap(&items[v], &items[l[i + 1]]) - 0.01;
                if left_ok && right_ok {
                    items[v].x = t;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow(text: &str) -> (Flow, Vec<Problem>) {
        match parse(text) {
            Parsed::Flow(f, p) => (f, p),
            Parsed::Other(k) => panic!("not a flowchart: {k}"),
        }
    }

    #[test]
    fn nodes_links_and_text() {
        let (f, p) = flow(
            "flowchart TD\n  A([受理]) --> B[派单<br>2 小时内]\n  B --> C{是否属实?}\n  C -->|是| D(整改) & E[回复客户]\n  C -- 否 --> E\n  E -.-> F((归档))\n  D ==> E\n",
        );
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(f.dir, Dir::Down);
        let ids: Vec<&str> = f.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["A", "B", "C", "D", "E", "F"]);
        assert_eq!(f.nodes[0].shape, Shape::Stadium);
        assert_eq!(f.nodes[1].text, "派单\n2 小时内");
        assert_eq!(f.nodes[2].shape, Shape::Diamond);
        assert_eq!(f.nodes[3].shape, Shape::Round);
        assert_eq!(f.nodes[5].shape, Shape::Circle);
        let links: Vec<(usize, usize, &str, Stroke)> = f
            .edges
            .iter()
            .map(|e| (e.from, e.to, e.text.as_str(), e.stroke))
            .collect();
        assert_eq!(
            links,
            [
                (0, 1, "", Stroke::Solid),
                (1, 2, "", Stroke::Solid),
                (2, 3, "是", Stroke::Solid),
                (2, 4, "是", Stroke::Solid),
                (2, 4, "否", Stroke::Solid),
                (4, 5, "", Stroke::Dotted),
                (3, 4, "", Stroke::Thick),
            ]
        );
        assert!(f.edges.iter().all(|e| e.heads == (Head::None, Head::Arrow)));
    }

    #[test]
    fn chains_directions_heads_and_header() {
        let (f, p) =
            flow("---\ntitle: 投诉处理流程\n---\ngraph LR; A-->B-->C; C --- A\nA <--> C %% 注释\n");
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(f.title.as_deref(), Some("投诉处理流程"));
        assert_eq!(f.dir, Dir::Right);
        assert_eq!(f.edges.len(), 4);
        assert_eq!(f.edges[2].heads, (Head::None, Head::None));
        assert_eq!(f.edges[3].heads, (Head::Arrow, Head::Arrow));
    }

    #[test]
    fn quoted_text_may_hold_brackets() {
        let (f, p) = flow("flowchart TD\nA[\"用户说[停电]了\"] --> B{\"是否{紧急}\"}\n");
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(f.nodes[0].text, "用户说[停电]了");
        assert_eq!(f.nodes[1].text, "是否{紧急}");
    }

    #[test]
    fn mistakes_are_errors_at_their_place() {
        let (_, p) = flow("flowchart TD\nA[受理 --> B\n");
        assert_eq!((p[0].line, p[0].col, p[0].warning), (1, 2, false));
        assert!(p[0].message.contains("never closed"), "{}", p[0].message);
        let (_, p) = flow("flowchart TD\nA --> \n");
        assert_eq!((p[0].line, p[0].col), (1, 7));
        assert!(p[0].message.contains("points to nothing"));
        let (_, p) = flow("flowchart TD\nA -> B\n");
        assert_eq!((p[0].line, p[0].col), (1, 3));
        assert!(p[0].message.contains("not a link"), "{}", p[0].message);
        let (_, p) = flow("flowchart XY\nA --> B\n");
        assert_eq!((p[0].line, p[0].col), (0, 11));
        let (_, p) = flow("flowchart TD\nA B\n");
        assert_eq!((p[0].line, p[0].col), (1, 3));
        let (_, p) = flow("flowchart TD\nA --> B\nclick X \"rule:TS-PROC-001\"\n");
        assert_eq!((p[0].line, p[0].col), (2, 7));
        assert!(
            p[0].hint.contains("`A`") || p[0].hint.contains("`B`") || p[0].hint.contains("name")
        );
        let (_, p) = flow("");
        assert!(p[0].message.contains("empty"));
        let (_, p) = flow("A --> B");
        assert!(p[0].message.contains("kind of diagram"));
    }

    #[test]
    fn styles_are_warnings_once_and_subgraphs_are_drawn() {
        let (f, p) = flow("flowchart TD\nsubgraph 受理\nA --> B\nend\nstyle A fill:#f9f\nstyle B fill:#f9f\nclassDef x fill:#fff\nA:::x --> C\n");
        assert_eq!(f.nodes.len(), 3);
        assert!(p.iter().all(|x| x.warning), "{p:?}");
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p.iter().all(|x| !x.message.contains("subgraph")), "{p:?}");
        assert_eq!(f.groups.len(), 1);
        assert_eq!(f.groups[0].title, "受理");
    }

    #[test]
    fn other_diagrams_are_named() {
        match parse("sequenceDiagram\nA->>B: hi\n") {
            Parsed::Other(k) => assert_eq!(k, "sequenceDiagram"),
            Parsed::Flow(..) => panic!("a sequence diagram is not a flowchart"),
        }
    }

    #[test]
    fn clicks_attach_to_nodes() {
        let (f, p) = flow("flowchart TD\nA[受理] --> B\nclick A \"rule:TS-PROC-001\" \"提示\"\nclick B href \"procedure/\"\n");
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(
            f.nodes[0].link.as_ref().map(|l| l.0.as_str()),
            Some("rule:TS-PROC-001")
        );
        assert_eq!(f.nodes[0].link.as_ref().map(|l| (l.1, l.2)), Some((2, 9)));
        assert_eq!(
            f.nodes[1].link.as_ref().map(|l| l.0.as_str()),
            Some("procedure/")
        );
    }

    #[test]
    fn wrapping_keeps_punctuation_and_words() {
        let lines = wrap(
            "客户来电反映停电，要求立即恢复供电并说明原因",
            FONT,
            8.0 * FONT,
        );
        assert!(lines.iter().all(|l| !l.starts_with('，')), "{lines:?}");
        assert!(
            lines.iter().all(|l| text_width(l, FONT) <= 9.0 * FONT),
            "{lines:?}"
        );
        assert_eq!(
            lines.concat(),
            "客户来电反映停电，要求立即恢复供电并说明原因"
        );
        let lines = wrap("call 95598 hotline now", FONT, 60.0);
        assert!(lines.contains(&"95598".to_string()), "{lines:?}");
    }

    /// The boxes of the nodes drawn, from the SVG.
    fn boxes(svg: &str) -> Vec<(f32, f32, f32, f32)> {
        let mut out = Vec::new();
        for part in svg.split("<g class=\"flow-node").skip(1) {
            let part = &part[..part.find("</g>").expect("end of node")];
            let attr = |name: &str| -> f32 {
                let k = format!(" {name}=\"");
                let s = &part[part.find(&k).expect("attribute") + k.len()..];
                s[..s.find('"').expect("end")].parse().expect("number")
            };
            if part.contains("<rect") {
                out.push((attr("x"), attr("y"), attr("width"), attr("height")));
            } else if part.contains("<ellipse") {
                let (cx, cy, rx, ry) = (attr("cx"), attr("cy"), attr("rx"), attr("ry"));
                out.push((cx - rx, cy - ry, 2.0 * rx, 2.0 * ry));
            } else {
                let s = &part[part.find("points=\"").expect("points") + 8..];
                let pts: Vec<(f32, f32)> = s[..s.find('"').expect("end")]
                    .split(' ')
                    .map(|p| {
                        let (a, b) = p.split_once(',').expect("pair");
                        (a.parse().expect("x"), b.parse().expect("y"))
                    })
                    .collect();
                let x0 = pts.iter().map(|p| p.0).fold(f32::INFINITY, f32::min);
                let x1 = pts.iter().map(|p| p.0).fold(f32::NEG_INFINITY, f32::max);
                let y0 = pts.iter().map(|p| p.1).fold(f32::INFINITY, f32::min);
                let y1 = pts.iter().map(|p| p.1).fold(f32::NEG_INFINITY, f32::max);
                out.push((x0, y0, x1 - x0, y1 - y0));
            }
        }
        out
    }

    fn view(svg: &str) -> (f32, f32) {
        let s = &svg[svg.find("viewBox=\"0 0 ").expect("viewBox") + 13..];
        let mut it = s[..s.find('"').expect("end")].split(' ');
        (
            it.next().expect("w").parse().expect("w"),
            it.next().expect("h").parse().expect("h"),
        )
    }

    fn no_overlap(svg: &str) {
        let b = boxes(svg);
        let (w, h) = view(svg);
        for (i, a) in b.iter().enumerate() {
            assert!(
                a.0 >= 0.0 && a.1 >= 0.0 && a.0 + a.2 <= w + 0.5 && a.1 + a.3 <= h + 0.5,
                "{a:?} outside {w}x{h}"
            );
            for c in &b[i + 1..] {
                let apart = a.0 + a.2 <= c.0 + 0.5
                    || c.0 + c.2 <= a.0 + 0.5
                    || a.1 + a.3 <= c.1 + 0.5
                    || c.1 + c.3 <= a.1 + 0.5;
                assert!(apart, "{a:?} overlaps {c:?}");
            }
        }
    }

    /// Rectangles (x, y, width, height) from an SVG fragment's attributes.
    fn attr(part: &str, name: &str) -> f32 {
        let k = format!(" {name}=\"");
        let s = &part[part.find(&k).expect("attribute") + k.len()..];
        s[..s.find('"').expect("end")].parse().expect("number")
    }

    /// The links' texts' backgrounds, from the SVG.
    fn label_boxes(svg: &str) -> Vec<(f32, f32, f32, f32)> {
        svg.split("<rect class=\"flow-label-bg\"")
            .skip(1)
            .map(|p| {
                (
                    attr(p, "x"),
                    attr(p, "y"),
                    attr(p, "width"),
                    attr(p, "height"),
                )
            })
            .collect()
    }

    type Rect = (f32, f32, f32, f32);

    /// The subgraphs' boxes drawn, from the SVG: each box, its title's text and the title's
    /// place (as measured for the layout).
    fn group_boxes(svg: &str) -> Vec<(Rect, String, Rect)> {
        let mut out = Vec::new();
        for part in svg.split("<rect class=\"flow-group-box\"").skip(1) {
            let part = &part[..part.find("</g>").expect("end of group")];
            let r = (
                attr(part, "x"),
                attr(part, "y"),
                attr(part, "width"),
                attr(part, "height"),
            );
            let mut lines = Vec::new();
            let mut ys = Vec::new();
            let mut cx = 0.0;
            for t in part.split("<tspan").skip(1) {
                cx = attr(t, "x");
                ys.push(attr(t, "y"));
                let text = &t[t.find('>').expect("tag") + 1..t.find("</tspan>").expect("end")];
                let text = text.replace("&lt;", "<").replace("&gt;", ">");
                lines.push(text.replace("&quot;", "\"").replace("&amp;", "&"));
            }
            let w = lines
                .iter()
                .map(|l| text_width(l, TITLE_FONT) * BOLD)
                .fold(0.0f32, f32::max);
            let h = lines.len() as f32 * TITLE_LINE;
            let cy = ys.iter().sum::<f32>() / ys.len().max(1) as f32;
            out.push((r, lines.join("\n"), (cx - w / 2.0, cy - h / 2.0, w, h)));
        }
        out
    }

    fn within(a: (f32, f32, f32, f32), b: (f32, f32, f32, f32)) -> bool {
        a.0 >= b.0 - 0.5
            && a.1 >= b.1 - 0.5
            && a.0 + a.2 <= b.0 + b.2 + 0.5
            && a.1 + a.3 <= b.1 + b.3 + 0.5
    }

    fn apart(a: (f32, f32, f32, f32), b: (f32, f32, f32, f32)) -> bool {
        a.0 + a.2 <= b.0 + 0.5
            || b.0 + b.2 <= a.0 + 0.5
            || a.1 + a.3 <= b.1 + 0.5
            || b.1 + b.3 <= a.1 + 0.5
    }

    /// Whether subgraph `g` is `h` or inside it.
    fn in_group(f: &Flow, g: Option<usize>, h: usize) -> bool {
        std::iter::successors(g, |&x| f.groups[x].parent).any(|x| x == h)
    }

    /// Each subgraph is drawn as a box holding its nodes and no other, a box inside its
    /// parent's and apart from the others, its title inside it and clear of every node, of
    /// the boxes inside it and of the links' texts.
    fn boxes_hold_their_nodes(f: &Flow, svg: &str) {
        let nodes = boxes(svg);
        let groups = group_boxes(svg);
        let labels = label_boxes(svg);
        let (w, h) = view(svg);
        let drawn: Vec<usize> = (0..f.nodes.len())
            .filter(|&v| !f.groups.iter().any(|g| g.stand_in == Some(v)))
            .collect();
        assert_eq!(nodes.len(), drawn.len(), "{svg}");
        assert_eq!(
            groups.len(),
            f.groups.len(),
            "a box for each subgraph: {svg}"
        );
        for (g, (b, title, t)) in groups.iter().enumerate() {
            assert!(within(*b, (0.0, 0.0, w, h)), "{b:?} outside {w}x{h}");
            let bare = |t: &str| -> String { t.split_whitespace().collect() };
            assert_eq!(bare(title), bare(&f.groups[g].title), "{svg}");
            for (&v, n) in drawn.iter().zip(&nodes) {
                if in_group(f, f.nodes[v].group, g) {
                    assert!(
                        within(*n, *b),
                        "{} outside box {title}: {svg}",
                        f.nodes[v].id
                    );
                } else {
                    assert!(apart(*n, *b), "{} in box {title}: {svg}", f.nodes[v].id);
                }
                if !title.is_empty() {
                    assert!(apart(*n, *t), "title {title} on {}: {svg}", f.nodes[v].id);
                }
            }
            if !title.is_empty() {
                assert!(within(*t, *b), "title {title} outside its box: {svg}");
                for l in &labels {
                    assert!(apart(*l, *t), "title {title} on a link's text: {svg}");
                }
            }
            for (k, (c, other, _)) in groups.iter().enumerate() {
                if k == g {
                } else if in_group(f, Some(k), g) {
                    assert!(within(*c, *b), "{other} outside {title}: {svg}");
                    if !title.is_empty() {
                        assert!(apart(*c, *t), "{other} on {title}'s title: {svg}");
                    }
                } else if !in_group(f, Some(g), k) {
                    assert!(apart(*c, *b), "{other} overlaps {title}: {svg}");
                }
            }
        }
    }

    const PROCEDURE: &str = "flowchart TD\nA([客户来电投诉]) --> B[受理登记]\nB --> C{是否属于<br>投诉范围}\nC -->|否| D[转咨询或意见处理]\nC -->|是| E[派单至责任单位]\nE --> F[调查核实]\nF --> G{情况是否属实}\nG -->|属实| H[整改并答复]\nG -->|不属实| I[解释说明]\nH --> J[回访客户]\nI --> J\nJ -->|不满意| F\nJ -->|满意| K([办结归档])\nD --> K\n";

    #[test]
    fn layers_follow_the_links_and_nothing_overlaps() {
        let (f, _) = flow(PROCEDURE);
        let s = svg(&f, "flow1", &[]);
        no_overlap(&s);
        let b = boxes(&s);
        // Top to bottom: each link's start above its end, but the loop back.
        for e in &f.edges {
            let (a, c) = (b[e.from], b[e.to]);
            if f.nodes[e.from].id == "J" && f.nodes[e.to].id == "F" {
                assert!(a.1 > c.1);
            } else {
                assert!(
                    a.1 + a.3 <= c.1,
                    "{} above {}",
                    f.nodes[e.from].id,
                    f.nodes[e.to].id
                );
            }
        }
        // Text is in the page, once per node; the chart is described for screen readers.
        let drawn = &s[s.find("</defs>").expect("defs")..];
        assert_eq!(drawn.matches("受理登记").count(), 1, "{s}");
        assert!(s.contains("aria-label=\"流程图：客户来电投诉 → 受理登记；"));
        let heads = s.matches("marker-end").count() + s.matches("marker-start").count();
        assert_eq!(heads, f.edges.len());
        // A chain is drawn straight down.
        assert!((b[0].0 + b[0].2 / 2.0 - (b[1].0 + b[1].2 / 2.0)).abs() < 1.0);
    }

    #[test]
    fn left_to_right_turns_the_layout() {
        let (f, _) = flow("flowchart LR\nA[受理] --> B[派单] --> C[处理]\nA --> C\n");
        let s = svg(&f, "flow1", &[]);
        no_overlap(&s);
        let b = boxes(&s);
        assert!(b[0].0 + b[0].2 <= b[1].0 && b[1].0 + b[1].2 <= b[2].0);
        assert!(s.contains("id=\"flow1-head\""));
        let (f, _) = flow("flowchart BT\nA --> B\n");
        let b = boxes(&svg(&f, "flow1", &[]));
        assert!(b[0].1 > b[1].1);
    }

    /// No input panics, and whatever is drawn has finite numbers, each subgraph a box holding
    /// its nodes and no other: 20,000 charts made of the syntax's pieces at random, and
    /// 7,500 of nodes, links and subgraphs only, in each direction (a fixed-seed generator,
    /// so a failure repeats).
    #[test]
    fn no_input_panics() {
        const PIECES: [&str; 70] = [
            "A",
            "B",
            "节点",
            "x",
            "o",
            "end",
            "click",
            "style",
            "subgraph",
            "flowchart",
            "graph",
            "LR",
            "TD",
            "-->",
            "---",
            "-.->",
            "==>",
            "<-->",
            "--o",
            "-- 是 -->",
            "-->|否|",
            "|",
            "[",
            "]",
            "(",
            ")",
            "{",
            "}",
            "((",
            "))",
            "([",
            "])",
            "\"",
            "&",
            ";",
            " ",
            "\n",
            "%%",
            ":::c",
            "<br>",
            "~~~",
            "--x",
            "o--o",
            "--是-->",
            "-. 是 .->",
            "---->",
            "e1@-->",
            "@{ shape: diamond, label: \"判断\" }",
            "e1@{ animate: true }",
            "accTitle: 标题",
            "accDescr { 说明 }",
            "%%{init: {}}%%",
            "\"`**粗体**`\"",
            "#quot;#9829;",
            "subgraph S [组]",
            "direction LR",
            "click A call f()",
            "click B href \"#x\" _blank",
            "-->|\"是\"|",
            "\n---\n",
            // Subgraphs: nested, empty, linked to by name.
            "\nsubgraph G1\n",
            "\nsubgraph G2 [阶段二]\n",
            "\nsubgraph \"`**受理** 阶段`\"\n",
            "\nend\n",
            "\nend\n",
            "\nsubgraph E [空组]\nend\n",
            "G1",
            " --> G2\n",
            "\nE --> A\n",
            "\nS --> G1\n",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let (mut drawn, mut grouped) = (0, 0);
        for round in 0..27_500 {
            let mut t = String::new();
            if round < 20_000 {
                if round % 3 != 0 {
                    t.push_str("flowchart TD\n");
                }
                // (The subgraphs opened here are closed, so that more charts are drawn.)
                let mut open = 0;
                for _ in 0..(next() % 40) {
                    let piece = PIECES[(next() % PIECES.len() as u64) as usize];
                    if piece.starts_with("\nsubgraph") && !piece.ends_with("end\n") {
                        open += 1;
                    } else if piece == "\nend\n" {
                        if open == 0 {
                            continue;
                        }
                        open -= 1;
                    }
                    t.push_str(piece);
                }
                t.push_str(&"\nend".repeat(open));
            } else {
                // A line at a time: links, nodes, subgraphs opened and closed.
                t.push_str(
                    [
                        "flowchart TD",
                        "flowchart LR",
                        "flowchart BT",
                        "flowchart RL",
                    ][round % 4],
                );
                let mut pick = |xs: &[&'static str]| xs[(next() % xs.len() as u64) as usize];
                let names = ["A", "B", "C", "D", "节点", "G1", "E"];
                let shapes = ["", "", "[较长的方框文字]", "{判断}", "(圆角)"];
                let links = [" --> ", " ---> ", " -- 是 --> ", " -.-> ", " ~~~ ", " ==> "];
                let mut open = 0;
                for _ in 0..(pick(&["2", "6", "10", "16"]).parse::<usize>().unwrap_or(0)) {
                    t.push('\n');
                    match pick(&["sub", "end", "empty", "node", "link", "link", "link"]) {
                        "sub" => {
                            open += 1;
                            t.push_str(pick(&[
                                "subgraph G1",
                                "subgraph G2 [阶段二]",
                                "subgraph \"`**受理** 阶段`\"",
                            ]));
                        }
                        "end" if open > 0 => {
                            open -= 1;
                            t.push_str("end");
                        }
                        "empty" => t.push_str("subgraph E [空组]\nend"),
                        "node" => {
                            t.push_str(pick(&names));
                            t.push_str(pick(&shapes));
                        }
                        _ => {
                            t.push_str(pick(&names));
                            t.push_str(pick(&shapes));
                            t.push_str(pick(&links));
                            t.push_str(pick(&names));
                            t.push_str(pick(&shapes));
                        }
                    }
                }
                t.push_str(&"\nend".repeat(open));
            }
            if let Parsed::Flow(f, p) = parse(&t) {
                if !p.iter().any(|x| !x.warning) && !f.nodes.is_empty() {
                    let out = svg(&f, "f", &vec![Some("#a".to_string()); f.nodes.len()]);
                    assert!(!out.contains("NaN") && !out.contains("inf"), "{t:?}\n{out}");
                    drawn += 1;
                    if !f.groups.is_empty() {
                        let checked = std::panic::catch_unwind(|| boxes_hold_their_nodes(&f, &out));
                        assert!(checked.is_ok(), "{t:?}");
                        grouped += 1;
                    }
                }
            }
        }
        assert!(drawn > 1_000, "only {drawn} drawn");
        assert!(grouped > 1_000, "only {grouped} drawn with subgraphs");
    }

    /// A chart in two stages, as trainers write it.
    const STAGES: &str = "flowchart TD\n  subgraph 受理阶段\n    A([客户来电]) --> B[登记工单]\n    B --> C{是否紧急}\n  end\n  subgraph 处理阶段\n    D[转抢修] --> F[现场处理]\n    E[派单] --> F\n  end\n  C -->|是| D\n  C -- 否 --> E\n  F --> G([回访归档])\n";

    #[test]
    fn pooled_is_the_nearest_non_decreasing_sequence() {
        assert_eq!(pooled(&[1.0, 3.0, 2.0, 4.0]), vec![1.0, 2.5, 2.5, 4.0]);
        assert_eq!(pooled(&[3.0, 2.0, 1.0]), vec![2.0, 2.0, 2.0]);
        assert_eq!(pooled(&[]), Vec::<f32>::new());
    }

    /// A loop from a step to itself, and its text, get room beside the step: they stay in
    /// the step's subgraph box and off the next step and its box (where the chart runs down).
    #[test]
    fn a_loop_has_room_beside_its_step() {
        let (f, _) = flow(
            "flowchart TD\nsubgraph S [组一]\nA[受理] -->|重复来电| A\nend\nsubgraph T [组二]\nB[派单]\nend\nX[开始] --> A\nX --> B",
        );
        let s = svg(&f, "g", &[]);
        no_overlap(&s);
        boxes_hold_their_nodes(&f, &s);
        let groups = group_boxes(&s);
        let label = label_boxes(&s)[0];
        let (one, two) = (groups[0].0, groups[1].0);
        assert!(
            label.0 + label.2 <= one.0 + one.2,
            "{label:?} beyond {one:?}\n{s}"
        );
        assert!(!meets(label, two), "{label:?} on {two:?}\n{s}");
        for b in boxes(&s) {
            assert!(!meets(label, b), "{label:?} on {b:?}\n{s}");
        }
        // Without text, the loop alone.
        let (f, _) = flow("flowchart TD\nsubgraph S [组一]\nA[受理] --> A\nend\nsubgraph T [组二]\nB[派单]\nend\nX[开始] --> A\nX --> B");
        let s = svg(&f, "g", &[]);
        let groups = group_boxes(&s);
        let a = boxes(&s)[0];
        assert!(
            a.0 + a.2 + LOOP_OUT <= groups[0].0 .0 + groups[0].0 .2,
            "the loop beyond {:?}\n{s}",
            groups[0].0
        );
    }

    /// Where the chart runs across, a loop's text stays off the next step.
    #[test]
    fn an_across_loop_has_room_before_the_next_layer() {
        let (f, _) = flow("flowchart LR\nA[受理] -->|客户再次来电催办| A\nA --> B[派单]");
        let s = svg(&f, "g", &[]);
        let label = label_boxes(&s)[0];
        for b in boxes(&s) {
            assert!(!meets(label, b), "{label:?} on {b:?}\n{s}");
        }
    }

    /// Stages one under the other, each linked from the last: the link into a stage comes
    /// down the middle, so its box is made wide enough for the title to sit beside it.
    #[test]
    fn a_stage_linked_from_above_has_its_title_beside_the_link() {
        for dir in ["TD", "BT"] {
            let (f, _) = flow(&format!(
                "flowchart {dir}\nsubgraph 受理阶段\nA[客户来电] --> B[登记工单]\nend\nsubgraph 处理阶段\nC[核实情况] --> D[整改]\nend\nsubgraph 回访阶段\nE[回访客户] --> F([办结])\nend\nB --> C\nD --> E"
            ));
            let s = svg(&f, "g", &[]);
            boxes_hold_their_nodes(&f, &s);
            // Each link: its x (they run straight) and the stretch of the page it covers.
            let edges = &s[s.find("class=\"flow-edges\"").expect("edges")..];
            let links: Vec<(f32, f32, f32)> = edges
                .split(" d=\"M")
                .skip(1)
                .map(|d| {
                    let d = &d[..d.find('"').expect("end")];
                    let n: Vec<f32> = d.split([' ', 'C']).filter_map(|t| t.parse().ok()).collect();
                    let (y0, y1) = (n[1], n[n.len() - 1]);
                    (n[0], y0.min(y1), y0.max(y1))
                })
                .collect();
            assert_eq!(links.len(), 5, "{s}");
            for (_, name, t) in group_boxes(&s) {
                for &(x, top, bottom) in &links {
                    let across = t.0 - 2.0 < x && x < t.0 + t.2 + 2.0;
                    let beside = bottom < t.1 || top > t.1 + t.3;
                    assert!(
                        !across || beside,
                        "{dir}: {name} {t:?} across the link at {x} ({top}..{bottom})\n{s}"
                    );
                }
            }
        }
    }

    /// An empty subgraph with a `click` is a link: its box, as a step's is.
    #[test]
    fn an_empty_subgraphs_click_makes_its_box_a_link() {
        let (f, p) = flow("flowchart TD\nA[受理] --> E\nsubgraph E [待补充]\nend\nclick E \"https://example.com/e\"");
        assert!(p.iter().all(|p| p.warning), "{p:?}");
        let v = f.groups[0].stand_in.expect("the empty box's node");
        let mut links = vec![None; f.nodes.len()];
        links[v] = Some("../e/index.html?a=1&b=2".to_string());
        let s = svg(&f, "g", &links);
        assert!(
            s.contains("<a class=\"flow-link flow-group-link\" href=\"../e/index.html?a=1&amp;b=2\"><g class=\"flow-group\"><rect class=\"flow-group-box\""),
            "{s}"
        );
        assert!(s.contains(">待补充</tspan></text></g></a>"), "{s}");
        assert_eq!(group_boxes(&s).len(), 1);
    }

    /// Where the chart runs across, a long title keeps clear of a link's text beside the
    /// box's first step (the link to a step outside it): it moves along the box, where the
    /// box is longer than the title. (As long as the title, it meets the fewest.)
    #[test]
    fn an_across_title_keeps_clear_of_a_links_text() {
        for dir in ["LR", "RL"] {
            let (f, _) = flow(&format!(
                "flowchart {dir}\nA -->|否| C[转咨询]\nsubgraph S [受理阶段：来电登记]\nA([客户来电]) --> B[登记工单] --> D[核实] --> E[派单]\nend"
            ));
            let s = svg(&f, "g", &[]);
            let (_, _, title) = group_boxes(&s)[0];
            for l in label_boxes(&s) {
                assert!(
                    !meets(l, title),
                    "{dir}: the title {title:?} is on a link's text {l:?}\n{s}"
                );
            }
        }
    }

    /// A link coming down into a box at its middle does not run through the title: the
    /// title moves to the box's left (or right).
    #[test]
    fn a_title_keeps_clear_of_the_link_into_its_box() {
        let (f, _) = flow(
            "flowchart TD\nA[客户来电] --> B\nsubgraph 处理阶段\nB[核实情况] --> C[整改]\nB --> D[解释说明]\nend",
        );
        let s = svg(&f, "g", &[]);
        let groups = group_boxes(&s);
        let (bx, _, title) = groups[0];
        // The link A --> B runs straight down the page at B's middle, about the box's.
        let edges = &s[s.find("class=\"flow-edges\"").expect("edges")..];
        let d = &edges[edges.find(" d=\"M").expect("a link") + 5..];
        let x: f32 = d[..d.find(' ').expect("x")].parse().expect("a number");
        assert!(
            x > bx.0 + bx.2 / 3.0 && x < bx.0 + bx.2 * 2.0 / 3.0,
            "{x} {bx:?}\n{s}"
        );
        assert!(
            title.0 + title.2 < x - 2.0 || title.0 > x + 2.0,
            "the title {title:?} is across the link at x = {x}\n{s}"
        );
    }

    #[test]
    fn subgraphs_are_boxes_around_their_nodes_with_their_titles() {
        let (f, p) = flow(STAGES);
        assert!(p.is_empty(), "{p:?}");
        let s = svg(&f, "g", &[]);
        no_overlap(&s);
        boxes_hold_their_nodes(&f, &s);
        let groups = group_boxes(&s);
        assert_eq!(groups.len(), 2, "{s}");
        assert_eq!(
            (groups[0].1.as_str(), groups[1].1.as_str()),
            ("受理阶段", "处理阶段")
        );
        // The titles are text in the picture (found by search), the boxes drawn behind the
        // links and nodes, styled by the theme (no colour of their own).
        assert!(
            s.contains(">受理阶段</tspan>") && s.contains(">处理阶段</tspan>"),
            "{s}"
        );
        assert!(
            s.find("flow-group-box") < s.find("class=\"flow-edges\""),
            "{s}"
        );
        assert!(
            !s[s.find("<g class=\"flow-groups\">").expect("groups")..].contains("fill="),
            "{s}"
        );
        // The stages one above the other, apart; the links between them keep going.
        let (a, b) = (groups[0].0, groups[1].0);
        assert!(a.1 + a.3 < b.1, "{a:?} above {b:?}");
        assert_eq!(f.edges.len(), 7);
        // Screen readers hear the groups.
        assert!(
            s.contains("分组「受理阶段」：客户来电、登记工单、是否紧急；分组「处理阶段」：转抢修、现场处理、派单"),
            "{s}"
        );
        // Each way round, the same holds (the title at the box's top on the page).
        for dir in ["LR", "BT", "RL"] {
            let (f, _) = flow(&STAGES.replace("flowchart TD", &format!("flowchart {dir}")));
            let s = svg(&f, "g", &[]);
            no_overlap(&s);
            boxes_hold_their_nodes(&f, &s);
            for (b, _, t) in group_boxes(&s) {
                assert!(
                    t.1 - b.1 < 2.0 * TITLE_LINE,
                    "{dir}: title {t:?} not at the top of {b:?}"
                );
            }
        }
    }

    #[test]
    fn nested_and_side_by_side_subgraphs_keep_apart() {
        // Mermaid's own example: B1 and B2 in TOP, side by side.
        let (f, p) = flow("flowchart LR\n  subgraph TOP\n    direction TB\n    subgraph B1\n        i1 -->f1\n    end\n    subgraph B2\n        i2 -->f2\n    end\n  end\n  A --> TOP --> B\n  B1 --> B2\n");
        assert_eq!(p.len(), 1, "`direction` only: {p:?}");
        assert_eq!(f.groups[1].parent, Some(0));
        let s = svg(&f, "n", &[]);
        boxes_hold_their_nodes(&f, &s);
        let g = group_boxes(&s);
        assert!(within(g[1].0, g[0].0) && within(g[2].0, g[0].0), "{s}");
        assert!(apart(g[1].0, g[2].0), "{s}");
        // A node named in a subgraph and again in one inside it is in the inner one (the one
        // closed first), as Mermaid has it.
        let (f, _) = flow(
            "flowchart TD\nsubgraph O [外]\nA --> B\nsubgraph I [内]\nB --> C\nend\nend\nC --> D\n",
        );
        let group = |id: &str| f.nodes.iter().find(|n| n.id == id).and_then(|n| n.group);
        assert_eq!(
            (group("A"), group("B"), group("C"), group("D")),
            (Some(0), Some(1), Some(1), None)
        );
        let s = svg(&f, "n", &[]);
        boxes_hold_their_nodes(&f, &s);
        // Many siblings, linked across: apart, each around its own.
        let mut t = String::from("flowchart TD\n");
        for g in 0..5 {
            t.push_str(&format!("subgraph S{g} [第{g}组]\n"));
            for i in 0..3 {
                t.push_str(&format!(
                    "N{g}{i}[步骤{g}{i}] --> N{}{}\n",
                    (g + i) % 5,
                    (i + 1) % 3
                ));
            }
            t.push_str("end\n");
        }
        let (f, p) = flow(&t);
        assert!(p.is_empty(), "{p:?}");
        let s = svg(&f, "n", &[]);
        no_overlap(&s);
        boxes_hold_their_nodes(&f, &s);
    }

    #[test]
    fn an_empty_subgraph_is_a_box_with_its_title() {
        // Not linked: its box alone; linked: the links end at its box.
        let (f, p) = flow("flowchart TD\nsubgraph 空 [待补充]\nend\nA --> B\n");
        assert!(p.is_empty(), "{p:?}");
        let s = svg(&f, "e", &[]);
        boxes_hold_their_nodes(&f, &s);
        assert_eq!(boxes(&s).len(), 2, "{s}");
        assert!(s.contains(">待补充</tspan>"), "{s}");
        let (f, _) =
            flow("flowchart TD\nA[开始] --> 空\nsubgraph 空 [待补充]\nend\n空 --> B[结束]\n");
        assert_eq!(sum(&f), "A-->空 空-->B | A[开始] 空[待补充] B[结束]");
        let s = svg(&f, "e", &[]);
        boxes_hold_their_nodes(&f, &s);
        let g = group_boxes(&s)[0].0;
        let ends: Vec<f32> = s
            .split("<path class=\"flow-edge\" d=\"M")
            .skip(1)
            .flat_map(|p| {
                let d = &p[..p.find('"').expect("end")];
                let first: f32 = d.split(' ').nth(1).expect("y").parse().expect("y");
                let last: f32 = d.rsplit(' ').next().expect("y").parse().expect("y");
                [first, last]
            })
            .collect();
        assert!(
            ends.iter().any(|y| (y - g.1).abs() < 0.2),
            "into its top {g:?}: {ends:?}"
        );
        assert!(
            ends.iter().any(|y| (y - (g.1 + g.3)).abs() < 0.2),
            "out of its bottom {g:?}: {ends:?}"
        );
        assert!(s.contains("分组「待补充」"), "{s}");
    }

    #[test]
    fn a_subgraphs_title_is_read_as_a_nodes_text() {
        let (f, p) = flow("flowchart LR\nsubgraph \"`**受理** #quot;阶段#quot;`\"\nA --> B\nend\nsubgraph s2 [\"派单 &amp; 处理\"]\nC\nend\n");
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(f.groups[0].title, "受理 \"阶段\"");
        assert_eq!(f.groups[1].title, "派单 & 处理");
        let s = svg(&f, "t", &[]);
        boxes_hold_their_nodes(&f, &s);
        assert!(s.contains(">受理 &quot;阶段&quot;</tspan>"), "{s}");
        assert!(s.contains(">派单 &amp; 处理</tspan>"), "{s}");
        // A title longer than what its box holds widens the box, or runs over lines, which way
        // round the chart goes; `<br>` breaks it.
        for dir in ["TD", "LR", "BT", "RL"] {
            let (f, _) = flow(&format!("flowchart {dir}\nsubgraph s3 [这是一个很长很长的分组标题，用来看框是否够宽够高<br>第二行]\nZ\nend\nY --> Z\n"));
            let s = svg(&f, "t", &[]);
            boxes_hold_their_nodes(&f, &s);
            assert!(s.contains(">第二行</tspan>"), "{s}");
        }
    }

    #[test]
    fn a_big_chart_of_many_subgraphs_lays_out() {
        let mut t = String::from("flowchart TD\n");
        for g in 0..12 {
            t.push_str(&format!("subgraph S{g} [阶段{g}]\n"));
            for i in 0..12 {
                t.push_str(&format!(
                    "N{g}_{i}[步骤{g}-{i}] --> N{g}_{}\n",
                    (i * 7 + 3) % 12
                ));
            }
            t.push_str("end\n");
            t.push_str(&format!("N{g}_0 --> N{}_5\n", (g * 5 + 1) % 12));
        }
        let (f, p) = flow(&t);
        assert!(p.is_empty(), "{p:?}");
        let s = svg(&f, "f", &[]);
        no_overlap(&s);
        boxes_hold_their_nodes(&f, &s);
    }

    #[test]
    fn any_graph_lays_out() {
        // Dense, cyclic, self-linked, disconnected: placed apart, in the picture.
        let mut t = String::from("flowchart TD\nZ[孤立]\nA --> A\n");
        for i in 0..12 {
            for j in 0..12 {
                if (i * 7 + j * 3) % 5 == 0 && i != j {
                    t.push_str(&format!("N{i}[节点{i}] --> N{j}\n"));
                }
            }
        }
        let (f, p) = flow(&t);
        assert!(p.is_empty(), "{p:?}");
        no_overlap(&svg(&f, "flow1", &[]));
    }

    /// A chart in short: its links (`A-->B|text|`, `*2` a longer one), then the nodes whose
    /// text or shape is written (`A{判断}`, lines split by `/`, `@link`).
    fn sum(f: &Flow) -> String {
        let head = |h: Head, start: bool| match h {
            Head::None => "",
            Head::Arrow if start => "<",
            Head::Arrow => ">",
            Head::Circle => "o",
            Head::Cross => "x",
        };
        let mut parts: Vec<String> = f
            .edges
            .iter()
            .map(|e| {
                let body = match e.stroke {
                    Stroke::Solid => "--",
                    Stroke::Dotted => "-.-",
                    Stroke::Thick => "==",
                    Stroke::Invisible => "~~",
                };
                let mut s = format!(
                    "{}{}{body}{}{}",
                    f.nodes[e.from].id,
                    head(e.heads.0, true),
                    head(e.heads.1, false),
                    f.nodes[e.to].id
                );
                if !e.text.is_empty() {
                    s.push_str(&format!("|{}|", e.text.replace('\n', "/")));
                }
                if e.len > 1 {
                    s.push_str(&format!("*{}", e.len));
                }
                s
            })
            .collect();
        let nodes: Vec<String> = f
            .nodes
            .iter()
            .filter(|n| n.text != n.id || n.shape != Shape::Rect || n.link.is_some())
            .map(|n| {
                let (a, b) = match n.shape {
                    Shape::Rect => ("[", "]"),
                    Shape::Round => ("(", ")"),
                    Shape::Stadium => ("([", "])"),
                    Shape::Circle => ("((", "))"),
                    Shape::Diamond => ("{", "}"),
                    Shape::Hexagon => ("{{", "}}"),
                };
                let mut s = format!("{}{a}{}{b}", n.id, n.text.replace('\n', "/"));
                if let Some((l, _, _)) = &n.link {
                    s.push_str(&format!("@{l}"));
                }
                s
            })
            .collect();
        if !nodes.is_empty() {
            parts.push("|".into());
            parts.extend(nodes);
        }
        parts.join(" ")
    }

    /// Each form of Mermaid's flowchart documentation (mermaid.js.org/syntax/flowchart), and
    /// ones met in charts pasted from its live editor or brought from mdbook books: read with
    /// no error, with the links, heads, strokes, texts and shapes Mermaid draws, and a warning
    /// where something of it is not drawn (the count after each).
    #[test]
    fn mermaid_forms_are_read() {
        const FORMS: &[(&str, &str, usize)] = &[
            // Links.
            ("A-->B", "A-->B", 0),
            ("A --- B", "A--B", 0),
            ("A-- This is the text! ---B", "A--B|This is the text!|", 0),
            ("A---|This is the text|B", "A--B|This is the text|", 0),
            ("A-->|text|B", "A-->B|text|", 0),
            ("A -->|text| B", "A-->B|text|", 0),
            ("A-- text -->B", "A-->B|text|", 0),
            ("A--text-->B", "A-->B|text|", 0),
            ("A--是-->B", "A-->B|是|", 0),
            ("A -->|\"quoted\"|B", "A-->B|quoted|", 0),
            ("A -- \"edge label\" --> B", "A-->B|edge label|", 0),
            ("A-.->B;", "A-.->B", 0),
            ("A -.- B", "A-.-B", 0),
            ("A-. text .-> B", "A-.->B|text|", 0),
            ("A-.text.->B", "A-.->B|text|", 0),
            ("A ==> B", "A==>B", 0),
            ("A === B", "A==B", 0),
            ("A == text ==> B", "A==>B|text|", 0),
            ("A==text==>B", "A==>B|text|", 0),
            ("A ~~~ B", "A~~B", 0),
            (
                "A -- text --> B -- text2 --> C",
                "A-->B|text| B-->C|text2|",
                0,
            ),
            ("a --> b & c--> d", "a-->b a-->c b-->d c-->d", 0),
            ("A & B--> C & D", "A-->C A-->D B-->C B-->D", 0),
            ("A --o B", "A--oB", 0),
            ("A --x B", "A--xB", 0),
            // (As in Mermaid, `---o` is one longer than `--o`.)
            ("A---oB", "A--oB*2", 0),
            ("A---xB", "A--xB*2", 0),
            (
                "A o--o B\nB <--> C\nC x--x D",
                "Ao--oB B<-->C Cx--xD",
                0,
            ),
            ("A<-->B", "A<-->B", 0),
            ("A <-- 双向 --> B", "A<-->B|双向|", 0),
            ("B ---->|No| E", "B-->E|No|*3", 0),
            ("B -- No ----> E", "B-->E|No|*3", 0),
            ("A -..-> B", "A-.->B*2", 0),
            ("A ===> B", "A==>B*2", 0),
            ("A e1@--> B", "A-->B", 0),
            ("A e1@==> B\ne1@{ animate: true }", "A==>B", 1),
            ("A e1@--> B\ne1@{ animation: fast }\nB --> C", "A-->B B-->C", 1),
            ("dev--- ops", "dev--ops", 0),
            ("node-1 --> node_2 --> 3", "node-1-->node_2 node_2-->3", 0),
            ("开始 --> 结束", "开始-->结束", 0),
            ("A-->B;B-->C;", "A-->B B-->C", 0),
            // Nodes.
            ("id", "", 0),
            (
                "id1[This is the text in the box]",
                "| id1[This is the text in the box]",
                0,
            ),
            ("id[\"This ❤ Unicode\"]", "| id[This ❤ Unicode]", 0),
            (
                "markdown[\"`This **is** _Markdown_`\"]\nnewLines[\"`Line1\n    Line 2\n    Line 3`\"]\nmarkdown --> newLines",
                "markdown-->newLines | markdown[This is Markdown] newLines[Line1/Line 2/Line 3]",
                0,
            ),
            ("id1(text)", "| id1(text)", 0),
            ("id1([text])", "| id1([text])", 0),
            ("id1[[text]]", "| id1[text]", 0),
            ("id1[(Database)]", "| id1[Database]", 0),
            ("id1((text))", "| id1((text))", 0),
            ("id1(((text)))", "| id1((text))", 0),
            ("id1>text]", "| id1[text]", 0),
            ("id1{text}", "| id1{text}", 0),
            ("id1{{text}}", "| id1{{text}}", 0),
            ("id1[/text/]", "| id1[text]", 0),
            ("id1[\\text\\]", "| id1[text]", 0),
            ("A[/Christmas\\]", "| A[Christmas]", 0),
            ("B[\\Go shopping/]", "| B[Go shopping]", 0),
            (
                "id1[\"This is the (text) in the box\"]",
                "| id1[This is the (text) in the box]",
                0,
            ),
            (
                "A[\"A double quote:#quot;\"] --> B[\"A dec char:#9829;\"]",
                "A-->B | A[A double quote:\"] B[A dec char:♥]",
                0,
            ),
            (
                "A[\"&lt;b&gt; #35; &#9829; &amp;\"]",
                "| A[<b> # ♥ &]",
                0,
            ),
            ("A-->B[AAA<span>BBB</span>]", "A-->B | B[AAABBB]", 0),
            ("A[第一行<br/>第二行]", "| A[第一行/第二行]", 0),
            ("A[\"第一行\n第二行\"] --> B", "A-->B | A[第一行/第二行]", 0),
            (
                "a(\"`The **cat**\n  in the hat`\") -- \"edge label\" --> b{{\"`The **dog** in the hog`\"}}",
                "a-->b|edge label| | a(The cat/in the hat) b{{The dog in the hog}}",
                0,
            ),
            (
                "B[\"fa:fa-twitter for peace\"]\nB-->C[fa:fa-ban forbidden]",
                "B-->C | B[for peace] C[forbidden]",
                1,
            ),
            // Mermaid 11's shapes.
            ("A@{ shape: rect }", "", 0),
            (
                "A@{ shape: rect, label: \"This is a process\" }",
                "| A[This is a process]",
                0,
            ),
            (
                "A@{ shape: rounded, label: \"This is an event\" }",
                "| A(This is an event)",
                0,
            ),
            (
                "A@{ shape: stadium, label: \"Terminal point\" }",
                "| A([Terminal point])",
                0,
            ),
            ("A@{ shape: diamond, label: \"Decision\" }", "| A{Decision}", 0),
            ("A@{ shape: hex, label: \"Prepare\" }", "| A{{Prepare}}", 0),
            ("A@{ shape: dbl-circ, label: \"Stop\" }", "| A((Stop))", 0),
            ("A@{ shape: sm-circ }", "| A((A))", 0),
            (
                "A@{ shape: manual-file, label: \"File Handling\"}\nB@{ shape: docs, label: \"Multiple Documents\"}",
                "| A[File Handling] B[Multiple Documents]",
                0,
            ),
            ("A@{ shape: cyl, label: \"库\" } --> B", "A-->B | A[库]", 0),
            (
                "A@{ shape: rect, label: \"a, b\" } --> B@{ shape: diam, label: 判断 }",
                "A-->B | A[a, b] B{判断}",
                0,
            ),
            (
                "A@{\n  shape: diamond,\n  label: \"多行\"\n}\nA --> B",
                "A-->B | A{多行}",
                0,
            ),
            ("A@{ shape: nope, label: \"x\" }", "| A[x]", 1),
            (
                "A@{ icon: \"fa:user\", form: \"square\", label: \"User Icon\", pos: \"t\", h: 60 }",
                "| A[User Icon]",
                1,
            ),
            (
                "A@{ img: \"https://example.com/image.png\", label: \"Image Label\", pos: \"t\", w: 60, h: 60, constraint: \"off\" }",
                "| A[Image Label]",
                1,
            ),
            // Styles and classes: drawn, one warning a kind.
            ("A:::someclass --> B\nclassDef someclass fill:#f96", "A-->B", 1),
            ("A:::foo & B:::bar --> C:::foobar", "A-->C B-->C", 0),
            (
                "id1(Start)-->id2(Stop)\nstyle id1 fill:#f9f,stroke:#333,stroke-width:4px\nstyle id2 fill:#bbf,stroke:#f66,stroke-width:2px,color:#fff,stroke-dasharray: 5 5",
                "id1-->id2 | id1(Start) id2(Stop)",
                1,
            ),
            (
                "A-->B\nlinkStyle default stroke:#f00\nlinkStyle 0,1 color:blue;",
                "A-->B",
                1,
            ),
            ("A-->B\nclass A,B cssClass", "A-->B", 1),
            ("classDef default fill:#f9f;\nA-->B", "A-->B", 1),
            // Clicks.
            (
                "A-->B\nclick A \"https://www.github.com\" _blank\nclick B href \"https://www.github.com\" \"Open this in a new tab\" _blank",
                "A-->B | A[A]@https://www.github.com B[B]@https://www.github.com",
                0,
            ),
            ("click A \"rule:X-1\"\nA-->B", "A-->B | A[A]@rule:X-1", 0),
            ("A-->B\nclick A call callback() \"Tooltip\"", "A-->B", 1),
            ("A-->B\nclick A callback \"Tooltip for a callback\"", "A-->B", 1),
            ("A-->B\nclick Z \"rule:X-1\"", "A-->B", 1),
            // Subgraphs: boxes around their nodes; a link to one goes to its first nodes.
            (
                "c1-->a2\nsubgraph one\na1-->a2\nend\nsubgraph two\nb1-->b2\nend\nsubgraph three\nc1-->c2\nend\none --> two\nthree --> two\ntwo --> c2",
                "c1-->a2 a1-->a2 b1-->b2 c1-->c2 a2-->b1 c2-->b1 b2-->c2",
                0,
            ),
            (
                "c1-->a2\nsubgraph ide1 [one]\na1-->a2\nend",
                "c1-->a2 a1-->a2",
                0,
            ),
            (
                "subgraph TOP\n  direction TB\n  subgraph B1\n    direction RL\n    i1 -->f1\n  end\n  subgraph B2\n    direction BT\n    i2 -->f2\n  end\nend\nA --> TOP --> B\nB1 --> B2",
                "i1-->f1 i2-->f2 A-->i1 A-->i2 f1-->B f2-->B f1-->i2",
                1,
            ),
            (
                "subgraph \"One\"\n  a(\"`The **cat**\n  in the hat`\") -- \"edge label\" --> b{{\"`The **dog** in the hog`\"}}\nend\nsubgraph \"`**Two**`\"\n  c(\"`The **cat**\n  in the hat`\") -- \"`Bold **edge label**`\" --> d(\"The dog in the hog\")\nend",
                "a-->b|edge label| c-->d|Bold edge label| | a(The cat/in the hat) b{{The dog in the hog}} c(The cat/in the hat) d(The dog in the hog)",
                0,
            ),
            ("subgraph empty [空组]\nend\nA --> empty", "A-->empty | empty[空组]", 0),
            ("subgraph empty [空组]\nend\nA --> B", "A-->B | empty[空组]", 0),
            ("subgraph A\nA --> B\nend", "A-->B", 0),
            (
                "subgraph g1 [组]\nx --> y\nend\nA e2@-- 进入 --> g1\ng1 ==>|离开| B",
                "x-->y A-->x|进入| y==>B|离开|",
                0,
            ),
            // Comments.
            (
                "%% this is a comment A -- text --> B{node}\n   A -- text --> B -- text2 --> C",
                "A-->B|text| B-->C|text2|",
                0,
            ),
            ("A --> B %% 注释\nA[\"50%% 的人\"]", "A-->B | A[50%% 的人]", 0),
        ];
        for (body, want, warnings) in FORMS {
            let (f, p) = flow(&format!("flowchart LR\n{body}\n"));
            assert!(p.iter().all(|x| x.warning), "{body:?}: {p:?}");
            assert_eq!(sum(&f).trim_end(), want.trim_end(), "{body:?}");
            assert_eq!(p.len(), *warnings, "{body:?}: {p:?}");
            // Drawn, nothing overlapping, each subgraph a box around its nodes.
            if !f.nodes.is_empty() {
                let s = svg(&f, "f", &[]);
                no_overlap(&s);
                boxes_hold_their_nodes(&f, &s);
            }
        }
    }

    #[test]
    fn headers_directives_and_accessibility() {
        let dir = |t: &str| flow(t).0.dir;
        assert_eq!(dir("graph TD;\nA-->B;"), Dir::Down);
        assert_eq!(dir("graph\nA-->B"), Dir::Down);
        assert_eq!(dir("graph;A-->B"), Dir::Down);
        assert_eq!(dir("flowchart-elk LR\nA-->B"), Dir::Right);
        assert_eq!(dir("graph RL\nA-->B"), Dir::Left);
        assert_eq!(dir("graph BT\nA-->B"), Dir::Up);
        assert_eq!(dir("graph >\nA-->B"), Dir::Right);
        for t in [
            "---\ntitle: 投诉\nconfig:\n  theme: forest\n  flowchart:\n    title: 不是\n    curve: linear\n---\nflowchart LR\nA-->B",
            "%%{init: {\"flowchart\": {\"htmlLabels\": false}} }%%\nflowchart LR\nA-->B",
            "%%{\n  init: {\n    'theme': 'base',\n    'themeVariables': { 'primaryColor': '#BB2528' }\n  }\n}%%\nflowchart LR\nA-->B",
            "flowchart LR\n%%{ init: { 'flowchart': { 'curve': 'stepBefore' } } }%%\nA-->B",
            "---\nconfig:\n  layout: elk\n  look: handDrawn\n---\n%%{init: {'theme':'dark'}}%%\ngraph LR\n    A-->B",
        ] {
            let (f, p) = flow(t);
            assert!(p.is_empty(), "{t:?}: {p:?}");
            assert_eq!(f.edges.len(), 1, "{t:?}");
            assert_eq!(f.dir, Dir::Right, "{t:?}");
            assert!(f.title.is_none() || f.title.as_deref() == Some("投诉"), "{t:?}");
        }
        // The front matter's own title only, not one inside `config:`; an indented block too.
        let title = |t: &str| flow(t).0.title;
        assert_eq!(
            title("---\nconfig:\n  flowchart:\n    title: 不是\n---\nflowchart LR\nA-->B"),
            None
        );
        assert_eq!(
            title("  ---\n  title: 缩进\n  ---\n  flowchart LR\n  A-->B").as_deref(),
            Some("缩进")
        );
        // accTitle: the title when there is none; accDescr: the picture's description.
        let (f, p) = flow(
            "flowchart LR\naccTitle: 投诉处理\naccDescr: 从受理到归档的步骤\nA[受理] --> B[归档]\n",
        );
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(f.acc_title.as_deref(), Some("投诉处理"));
        assert_eq!(f.desc.as_deref(), Some("从受理到归档的步骤"));
        let s = svg(&f, "flow3", &[]);
        assert!(s.contains("aria-label=\"流程图「投诉处理」："), "{s}");
        assert!(s.contains("<figcaption>投诉处理</figcaption>"), "{s}");
        assert!(
            s.contains("aria-describedby=\"flow3-desc\"")
                && s.contains("<desc id=\"flow3-desc\">从受理到归档的步骤</desc>"),
            "{s}"
        );
        let (f, p) = flow(
            "---\ntitle: 正式标题\n---\nflowchart LR\naccTitle: 备用\naccDescr {\n  第一行\n  第二行\n}\nA-->B\n",
        );
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(f.desc.as_deref(), Some("第一行 第二行"));
        let s = svg(&f, "f", &[]);
        assert!(s.contains("<figcaption>正式标题</figcaption>"), "{s}");
        // Other kinds of diagram stay code, whatever opens the block.
        for (t, k) in [
            (
                "%%{init: {}}%%\nsequenceDiagram\nA->>B: hi",
                "sequenceDiagram",
            ),
            (
                "---\ntitle: x\n---\nstateDiagram-v2\n[*] --> A",
                "stateDiagram-v2",
            ),
            ("gitGraph:\ncommit", "gitGraph"),
            (
                "architecture-beta\ngroup api(cloud)[API]",
                "architecture-beta",
            ),
            ("C4Context\ntitle x", "C4Context"),
        ] {
            match parse(t) {
                Parsed::Other(kind) => assert_eq!(kind, k),
                Parsed::Flow(..) => panic!("{t:?} is not a flowchart"),
            }
        }
    }

    #[test]
    fn heads_and_invisible_links_are_drawn_as_written() {
        let (f, _) = flow("flowchart LR\nA --o B\nB --x C\nC o--o D\nA ~~~ D\n");
        let s = svg(&f, "g", &[]);
        no_overlap(&s);
        assert!(
            s.contains("id=\"g-circle\"") && s.contains("id=\"g-cross\""),
            "{s}"
        );
        assert_eq!(s.matches("url(#g-circle)").count(), 3, "{s}");
        assert_eq!(s.matches("url(#g-cross)").count(), 1, "{s}");
        // Four links, three drawn; the invisible one is not in the description either.
        assert_eq!(s.matches("<path class=\"flow-edge").count(), 3, "{s}");
        assert!(!s.contains("A — D"), "{s}");
        // Charts without them define the arrow's head only.
        let (f, _) = flow("flowchart LR\nA --> B\n");
        let s = svg(&f, "h", &[]);
        assert!(!s.contains("h-circle") && !s.contains("h-cross"), "{s}");
        // A longer link spans more layers.
        let (f, _) = flow("flowchart TD\nA --> B --> C\nA ----> D\n");
        let b = boxes(&svg(&f, "i", &[]));
        assert!(b[3].1 > b[1].1 + b[1].3, "{b:?}");
    }

    #[test]
    fn unreadable_forms_are_errors_with_a_place_and_a_fix() {
        for (t, at, says) in [
            ("flowchart LR\nA -- text B", (1, 3), "has no end"),
            (
                "flowchart LR\nA@{ shape: rect",
                (1, 2),
                "`@{` opened here is never closed",
            ),
            ("flowchart LR\nA -->|text B", (1, 6), "`|` is never closed"),
            ("flowchart LR\nA ~~ B", (1, 3), "`~~` is not a link"),
            ("flowchart LR\nA->B", (1, 2), "`->` is not a link"),
            (
                "flowchart LR\nA[\"multi\nline] --> B",
                (1, 3),
                "quote opening this node's text is never closed",
            ),
            (
                "flowchart LR\nclick A rule:X-1\nA-->B",
                (1, 9),
                "double quotes",
            ),
            ("flowchart LR\nsubgraph S\nA-->B", (2, 1), "never closed"),
        ] {
            let (_, p) = flow(t);
            let e = p
                .iter()
                .find(|x| !x.warning)
                .unwrap_or_else(|| panic!("{t:?}: no error in {p:?}"));
            assert_eq!((e.line, e.col), at, "{t:?}: {e:?}");
            assert!(e.message.contains(says), "{t:?}: {e:?}");
            assert!(!e.hint.is_empty());
        }
    }

    /// The same mistakes in a Chinese book: told in Chinese, at the same places.
    #[test]
    fn mistakes_are_told_in_chinese_at_the_same_places() {
        for (t, says) in [
            ("flowchart LR\nA -- text B", "带文字的连线 `--` 没有结尾"),
            ("flowchart LR\nA@{ shape: rect", "这里开始的 `@{` 没有结束"),
            ("flowchart LR\nA ~~ B", "`~~` 不是连线"),
            ("flowchart LR\nA[受理 --> B", "这里开始的 `[` 没有结束"),
            (
                "flowchart LR\nclick A rule:X-1\nA-->B",
                "`click` 要把链接的目标写在英文双引号里",
            ),
            (
                "flowchart LR\nsubgraph S\nA-->B",
                "有一个 `subgraph` 没有结束",
            ),
            ("flowchart XY\nA-->B", "`XY` 不是方向"),
            ("flowchart LR\nA -->", "这条连线没有指向任何节点"),
            (
                "flowchart LR\nA --> B\nstyle A fill:#f00",
                "`style` 不起作用：handbook 按主题自己的样式画流程图",
            ),
        ] {
            let (_, en) = flow(t);
            let (_, zh) = crate::i18n::in_chinese(|| flow(t));
            let at = |p: &[Problem]| -> Vec<(usize, usize, bool)> {
                p.iter().map(|x| (x.line, x.col, x.warning)).collect()
            };
            assert_eq!(at(&en), at(&zh), "{t:?}");
            assert!(zh.iter().any(|x| x.message == says), "{t:?}: {zh:?}");
            assert!(zh.iter().all(|x| !x.hint.is_ascii()), "{t:?}: {zh:?}");
        }
    }

    /// The documentation's bigger examples lay out with nothing overlapping.
    #[test]
    fn documentation_examples_lay_out() {
        for t in [
            "flowchart TD\n    A[Start] --> B{Is it?}\n    B -->|Yes| C[OK]\n    C --> D[Rethink]\n    D --> B\n    B ---->|No| E[End]",
            "flowchart TD\n    A[Start] --> B{Is it?}\n    B -- Yes --> C[OK]\n    C --> D[Rethink]\n    D --> B\n    B -- No ----> E[End]",
            "flowchart LR\n    A[Hard edge] -->|Link text| B(Round edge)\n    B --> C{Decision}\n    C -->|One| D[Result one]\n    C -->|Two| E[Result two]",
            "flowchart TB\n    c1-->a2\n    subgraph one\n    a1-->a2\n    end\n    subgraph two\n    b1-->b2\n    end\n    subgraph three\n    c1-->c2\n    end\n    one --> two\n    three --> two\n    two --> c2",
            "flowchart LR\n  subgraph TOP\n    direction TB\n    subgraph B1\n        direction RL\n        i1 -->f1\n    end\n    subgraph B2\n        direction BT\n        i2 -->f2\n    end\n  end\n  A --> TOP --> B\n  B1 --> B2",
            "flowchart LR\n    subgraph subgraph1\n        direction TB\n        top1[top] --> bottom1[bottom]\n    end\n    subgraph subgraph2\n        direction TB\n        top2[top] --> bottom2[bottom]\n    end\n    outside --> subgraph1\n    outside ---> top2",
            "flowchart TB\n    A & B--> C & D",
            "flowchart LR\n    A o--o B\n    B <--> C\n    C x--x D",
            "flowchart RL\n    A@{ shape: manual-file, label: \"File Handling\"}\n    B@{ shape: manual-input, label: \"User Input\"}\n    C@{ shape: docs, label: \"Multiple Documents\"}\n    D@{ shape: procs, label: \"Process Automation\"}\n    E@{ shape: paper-tape, label: \"Paper Records\"}",
            "flowchart TD\n    B[\"fa:fa-twitter for peace\"]\n    B-->C[fa:fa-ban forbidden]\n    B-->D(fa:fa-spinner)\n    B-->E(A fa:fa-camera-retro perhaps?)",
            "flowchart LR\n    A-->B\n    B-->C\n    C-->D\n    click A callback \"Tooltip for a callback\"\n    click B \"https://www.github.com\" \"This is a tooltip for a link\"\n    click C call callback() \"Tooltip for a callback\"\n    click D href \"https://www.github.com\" \"This is a tooltip for a link\"",
            "graph TD;\n    A-->B;\n    A-->C;\n    B-->D;\n    C-->D;",
            // The live editor's first charts, old and new.
            "flowchart TD\n    A[Christmas] -->|Get money| B(Go shopping)\n    B --> C{Let me think}\n    C -->|One| D[Laptop]\n    C -->|Two| E[iPhone]\n    C -->|Three| F[fa:fa-car Car]",
            "---\nconfig:\n  theme: redux\n---\nflowchart TD\n    A([\"Start\"])\n    A --> B{\"Decision\"}\n    B --> C[\"Option A\"]\n    B --> D[\"Option B\"]",
            "flowchart LR\n  A e1@==> B\n  e1@{ animate: true }\n  A ~~~ C\n  C -.-> B",
        ] {
            let (f, p) = flow(t);
            assert!(p.iter().all(|x| x.warning), "{t:?}: {p:?}");
            let s = svg(&f, "d", &[]);
            no_overlap(&s);
            boxes_hold_their_nodes(&f, &s);
            assert!(!s.contains("NaN"), "{t:?}");
        }
    }
}
