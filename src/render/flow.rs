//! Flowcharts drawn at build time: a ```` ```mermaid ```` block holding a Mermaid `flowchart`
//! (or `graph`) becomes an inline SVG, laid out in layers, styled by the theme's CSS (light,
//! dark and print), with no script, so it shows offline, from `file://` and on old browsers,
//! and its text is found by search.
//!
//! The part of Mermaid's flowchart syntax a procedure needs: a direction (`TD`, `TB`, `BT`,
//! `LR`, `RL`); nodes with text and a shape (`A[方框]`, `A(圆角)`, `A([胶囊])`, `A((圆))`,
//! `A{判断}`, `A{{六边形}}`, `A[[子流程]]`, `A[(库)]`, `A>旗]`, `A[/斜/]`); links (`-->`, `---`,
//! `-.->`, `==>`, `<-->`, with text as `-->|是|` or `-- 是 -->`), chained (`A --> B --> C`)
//! and joined with `&`; `%%` comments; `;` between statements; a `---` / `title:` / `---`
//! header; `click A "rule:TS-PROC-001"` (or `href`) makes a node a link, resolved like any link
//! on the page. Subgraphs are drawn as their nodes only; `style`, `classDef`, `class` and
//! `linkStyle` are ignored (the theme styles every chart alike): each is a warning, not an
//! error, so a chart written for Mermaid still shows.

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
}

#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub text: String,
    pub stroke: Stroke,
    /// Arrow heads at the start and at the end.
    pub heads: (bool, bool),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub dir: Dir,
    pub title: Option<String>,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
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
const OTHER_KINDS: [&str; 16] = [
    "sequenceDiagram",
    "classDiagram",
    "stateDiagram",
    "stateDiagram-v2",
    "erDiagram",
    "journey",
    "gantt",
    "pie",
    "quadrantChart",
    "requirementDiagram",
    "gitGraph",
    "mindmap",
    "timeline",
    "sankey-beta",
    "xychart-beta",
    "block-beta",
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

/// Reads a ```` ```mermaid ```` block's text.
pub fn parse(text: &str) -> Parsed {
    let mut p = Parser {
        nodes: Vec::new(),
        edges: Vec::new(),
        problems: Vec::new(),
        ignored: Vec::new(),
        depth: 0,
    };
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    let mut title = None;
    // (Mermaid's front matter: `---`, `title: …`, `---`.)
    let first = lines.iter().position(|l| !l.trim().is_empty());
    if let Some(f) = first.filter(|&f| lines[f].trim() == "---") {
        match lines[f + 1..].iter().position(|l| l.trim() == "---") {
            Some(e) => {
                for l in &lines[f + 1..f + 1 + e] {
                    if let Some(t) = l.trim().strip_prefix("title:") {
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
                "the chart's header opened with `---` is never closed",
                "end the header (`title: …`) with a line `---`",
            )),
        }
    }
    // The first statement names the kind of diagram and its direction.
    let mut dir = None;
    while i < lines.len() {
        let l = strip_comment(lines[i]).trim();
        i += 1;
        if l.is_empty() {
            continue;
        }
        let mut words = l.split(|c: char| c.is_whitespace() || c == ';');
        let kind = words.next().unwrap_or("");
        if kind != "flowchart" && kind != "graph" {
            if let Some(k) = OTHER_KINDS.iter().find(|k| k.eq_ignore_ascii_case(kind)) {
                return Parsed::Other(k.to_string());
            }
            let col = 1 + lines[i - 1].len() - lines[i - 1].trim_start().len();
            p.problems.push(problem(
                i - 1,
                col,
                format!("a mermaid block opens with the kind of diagram, not `{kind}`"),
                "start it with `flowchart TD` (top to bottom) or `flowchart LR` (left to right) on a line of its own",
            ));
            break;
        }
        let d = words.next().filter(|w| !w.is_empty()).unwrap_or("TD");
        dir = Some(match d.to_ascii_uppercase().as_str() {
            "TD" | "TB" => Dir::Down,
            "BT" => Dir::Up,
            "LR" => Dir::Right,
            "RL" => Dir::Left,
            _ => {
                let col = lines[i - 1]
                    .find(d)
                    .map_or(1, |b| lines[i - 1][..b].chars().count() + 1);
                p.problems.push(problem(
                    i - 1,
                    col,
                    format!("`{d}` is not a direction"),
                    "write TD (top to bottom), LR (left to right), BT or RL after `flowchart`",
                ));
                Dir::Down
            }
        });
        // (Statements may follow on the same line after a `;`.)
        if let Some(semi) = strip_comment(lines[i - 1]).find(';') {
            let start = lines[i - 1][..semi].chars().count() + 1;
            p.line(i - 1, lines[i - 1], start);
        }
        break;
    }
    let Some(dir) = dir else {
        if p.problems.is_empty() {
            p.problems.push(problem(
                0,
                1,
                "this mermaid block is empty",
                "write the chart: `flowchart TD` on the first line, then one link a line, e.g. `A[受理] --> B[派单]`",
            ));
        }
        return Parsed::Flow(
            Flow {
                dir: Dir::Down,
                title,
                nodes: Vec::new(),
                edges: Vec::new(),
            },
            p.problems,
        );
    };
    while i < lines.len() {
        p.line(i, lines[i], 0);
        i += 1;
    }
    if p.nodes.is_empty() && !p.problems.iter().any(|x| !x.warning) {
        p.problems.push(problem(
            0,
            1,
            "this flowchart has no nodes",
            "write one link a line under `flowchart`, e.g. `A[受理] --> B[派单]`",
        ));
    }
    if p.depth > 0 {
        p.problems.push(problem(
            lines.len().saturating_sub(1),
            1,
            "a `subgraph` is never closed",
            "end each `subgraph` with a line `end`",
        ));
    }
    let flow = Flow {
        dir,
        title,
        nodes: p.nodes,
        edges: p.edges,
    };
    Parsed::Flow(flow, p.problems)
}

/// A line without its `%%` comment.
fn strip_comment(l: &str) -> &str {
    match l.find("%%") {
        Some(i) => &l[..i],
        None => l,
    }
}

struct Parser {
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    problems: Vec<Problem>,
    /// The ignored statements already warned about (one warning each).
    ignored: Vec<&'static str>,
    /// Open subgraphs.
    depth: usize,
}

/// A cursor over one line's characters.
struct Cur {
    chars: Vec<char>,
    at: usize,
    line: usize,
}

impl Cur {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }
    fn peek_at(&self, k: usize) -> Option<char> {
        self.chars.get(self.at + k).copied()
    }
    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.at += 1;
        }
    }
    fn starts(&self, s: &str) -> bool {
        s.chars()
            .enumerate()
            .all(|(k, c)| self.peek_at(k) == Some(c))
    }
    fn col(&self) -> usize {
        self.at + 1
    }
    fn done(&self) -> bool {
        self.at >= self.chars.len()
    }
}

/// Whether a link begins at the cursor (`o--o` / `x--x` heads only where `ox`, not inside a
/// node's name).
fn edge_starts(c: &Cur, ox: bool) -> bool {
    let (a, b) = (c.peek(), c.peek_at(1));
    matches!(
        (a, b),
        (Some('-'), Some('-' | '.')) | (Some('='), Some('=')) | (Some('~'), Some('~'))
    ) || (a == Some('<') && matches!(b, Some('-' | '=')))
        || (ox
            && matches!(a, Some('o' | 'x'))
            && matches!(b, Some('-' | '='))
            && matches!(c.peek_at(2), Some('-' | '=' | '.')))
}

impl Parser {
    /// Reads line `n` from character `from`.
    fn line(&mut self, n: usize, text: &str, from: usize) {
        let body = strip_comment(text);
        let mut c = Cur {
            chars: body.chars().collect(),
            at: from,
            line: n,
        };
        loop {
            c.skip_ws();
            if c.done() {
                return;
            }
            if c.peek() == Some(';') {
                c.at += 1;
                continue;
            }
            if !self.statement(&mut c) {
                return;
            }
        }
    }

    /// Reads one statement; false when the rest of the line is used up (or given up on).
    fn statement(&mut self, c: &mut Cur) -> bool {
        let word: String = c.chars[c.at..]
            .iter()
            .take_while(|ch| ch.is_ascii_alphanumeric() || **ch == '-')
            .collect();
        let next = c.peek_at(word.chars().count());
        let alone = next.is_none_or(|ch| ch.is_whitespace() || ch == ';');
        match word.as_str() {
            "subgraph" if alone => {
                self.depth += 1;
                self.ignore(c, "subgraph", "a subgraph's box is not drawn (its nodes and links are): fine to keep, or remove `subgraph … end` to silence this");
                return false;
            }
            "end" if alone => {
                if self.depth == 0 {
                    self.problems.push(problem(
                        c.line,
                        c.col(),
                        "`end` closes no `subgraph`",
                        "remove this `end`, or open the subgraph above with `subgraph 名称`",
                    ));
                } else {
                    self.depth -= 1;
                }
                c.at += 3;
                return true;
            }
            "direction" if alone => {
                self.ignore(
                    c,
                    "direction",
                    "a subgraph's own direction is not used: the whole chart runs one way",
                );
                return false;
            }
            "style" | "classDef" | "class" | "linkStyle" if alone => {
                let w: &'static str = match word.as_str() {
                    "style" => "style",
                    "classDef" => "classDef",
                    "class" => "class",
                    _ => "linkStyle",
                };
                self.ignore(c, w, "the theme styles every chart alike (light, dark and print): remove the line to silence this");
                return false;
            }
            "click" if alone => {
                self.click(c);
                return false;
            }
            _ => {}
        }
        self.chain(c)
    }

    fn ignore(&mut self, c: &Cur, what: &'static str, hint: &str) {
        if !self.ignored.contains(&what) {
            self.ignored.push(what);
            self.problems.push(Problem {
                line: c.line,
                col: c.col(),
                message: format!(
                    "`{what}` is ignored: handbook draws flowcharts in the theme's own style"
                ),
                hint: hint.into(),
                warning: true,
            });
        }
    }

    /// `click ID "target"`, `click ID href "target"` (a callback name is refused).
    fn click(&mut self, c: &mut Cur) {
        c.at += 5;
        c.skip_ws();
        let id_at = c.col();
        let id: String = c.chars[c.at..]
            .iter()
            .take_while(|ch| !ch.is_whitespace())
            .collect();
        c.at += id.chars().count();
        c.skip_ws();
        if c.starts("href") && c.peek_at(4).is_some_and(char::is_whitespace) {
            c.at += 4;
            c.skip_ws();
        }
        let target_at = c.col();
        let target = if c.peek() == Some('"') {
            let rest: String = c.chars[c.at + 1..].iter().collect();
            rest.find('"').map(|e| rest[..e].to_string())
        } else {
            None
        };
        let Some(target) = target.filter(|t| !t.trim().is_empty()) else {
            self.problems.push(problem(
                c.line,
                target_at,
                "`click` needs the link's target in double quotes",
                "write `click 节点 \"rule:TS-PROC-001\"` (a rule, lesson path or address; scripts are not run)",
            ));
            return;
        };
        match self.nodes.iter_mut().find(|n| n.id == id) {
            Some(n) => n.link = Some((target.trim().to_string(), c.line, target_at)),
            None => {
                let known: Vec<&str> = self.nodes.iter().map(|n| n.id.as_str()).collect();
                let near = known
                    .iter()
                    .min_by_key(|k| strsim::levenshtein(k, &id))
                    .filter(|k| strsim::levenshtein(k, &id) <= 2);
                self.problems.push(problem(
                    c.line,
                    id_at,
                    format!("`click {id}`: the chart has no node `{id}`"),
                    match near {
                        Some(k) => format!(
                            "did you mean `{k}`? (write `click` after the node's link lines)"
                        ),
                        None => "name a node written above this line".into(),
                    },
                ));
            }
        }
    }

    /// `A[x] --> B & C -->|y| D`: nodes joined by `&`, linked in a chain.
    fn chain(&mut self, c: &mut Cur) -> bool {
        let Some(mut left) = self.group(c) else {
            return false;
        };
        loop {
            c.skip_ws();
            if c.done() || c.peek() == Some(';') {
                return true;
            }
            if !edge_starts(c, true) {
                let ch = c.peek().unwrap_or(' ');
                let run: String = c.chars[c.at..]
                    .iter()
                    .take_while(|ch| "-=.<>~".contains(**ch))
                    .collect();
                if !run.is_empty() {
                    self.problems.push(problem(
                        c.line,
                        c.col(),
                        format!("`{run}` is not a link"),
                        "link two nodes with `-->` (arrow), `---` (line), `-.->` (dotted) or `==>` (thick)",
                    ));
                    return false;
                }
                self.problems.push(problem(
                    c.line,
                    c.col(),
                    format!("`{ch}` where a link (`-->`) or the end of the line was expected"),
                    "write one link a line: `A[受理] --> B[派单]`; a node's text goes in brackets right after its name, with no space (`B[派单]`)",
                ));
                return false;
            }
            let Some((stroke, heads, text)) = self.arrow(c) else {
                return false;
            };
            c.skip_ws();
            if c.done() || c.peek() == Some(';') {
                self.problems.push(problem(
                    c.line,
                    c.col(),
                    "this link points to nothing",
                    "name the node it goes to after the arrow: `A --> B`",
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
                    });
                }
            }
            left = right;
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
        let at = (c.line, c.col());
        let start = c.at;
        while let Some(ch) = c.peek() {
            if ch.is_whitespace()
                || "[({>&;|\"".contains(ch)
                || (c.at > start && edge_starts(c, false))
                || (ch == ':' && c.starts(":::"))
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
                format!("a node's name is missing before `{ch}`"),
                "give each node a short name before its text: `B[派单]`, then link by the name: `A --> B`",
            ));
            return None;
        }
        let shaped = match c.peek() {
            Some('[' | '(' | '{' | '>') => Some(self.shape(c)?),
            _ => None,
        };
        // (`A:::class`: a class, ignored.)
        if c.starts(":::") {
            c.at += 3;
            while c
                .peek()
                .is_some_and(|ch| !ch.is_whitespace() && ch != ';' && ch != '&')
            {
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
                });
                self.nodes.len() - 1
            }
        };
        if let Some((shape, text)) = shaped {
            self.nodes[i].shape = shape;
            self.nodes[i].text = text;
        }
        Some(i)
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
        let (open, close, shape) = *OPENS.iter().find(|(o, _, _)| c.starts(o))?;
        let open_col = c.col();
        c.at += open.chars().count();
        let rest: String = c.chars[c.at..].iter().collect();
        // Quoted text may hold the closing bracket.
        let (text, used) = if let Some(q) = rest.strip_prefix('"') {
            match q.find('"') {
                Some(e) if q[e + 1..].starts_with(close) => (q[..e].to_string(), e + 2),
                Some(e) => {
                    let col = c.col() + q[..e].chars().count() + 2;
                    self.problems.push(problem(
                        c.line,
                        col,
                        format!("the node's quoted text must end with `\"{close}`"),
                        format!("close the text right after the quote: `\"…\"{close}`"),
                    ));
                    return None;
                }
                None => {
                    self.problems.push(problem(
                        c.line,
                        c.col(),
                        "the quote opening this node's text is never closed",
                        format!("end the text with `\"{close}`"),
                    ));
                    return None;
                }
            }
        } else {
            match rest.find(close) {
                // (`A[x]` closes at the first `]`; `A(x)` at the first `)`.)
                Some(e) => (rest[..e].to_string(), e),
                None => {
                    self.problems.push(problem(
                        c.line,
                        open_col,
                        format!("`{open}` opened here is never closed"),
                        format!("end the node's text with `{close}` on the same line (`<br>` breaks a line inside it)"),
                    ));
                    return None;
                }
            }
        };
        c.at += rest[..used].chars().count() + close.chars().count();
        Some((shape, clean_text(&text)))
    }

    /// The link at the cursor: its stroke, heads and text.
    fn arrow(&mut self, c: &mut Cur) -> Option<(Stroke, (bool, bool), String)> {
        let col = c.col();
        let start_head = matches!(c.peek(), Some('<' | 'o' | 'x'));
        let head_char = c.peek();
        if start_head {
            c.at += 1;
        }
        let body = c.peek()?;
        let stroke = match (body, c.peek_at(1)) {
            ('=', _) => Stroke::Thick,
            ('-', Some('.')) => Stroke::Dotted,
            ('~', _) => Stroke::Solid,
            _ => Stroke::Solid,
        };
        // The body: a run of `-`, `=`, `.`, `~`.
        let run_start = c.at;
        while c
            .peek()
            .is_some_and(|ch| matches!(ch, '-' | '=' | '.' | '~'))
        {
            c.at += 1;
        }
        let run: String = c.chars[run_start..c.at].iter().collect();
        let mut text = String::new();
        let mut end_head = false;
        match c.peek() {
            Some('>') => {
                c.at += 1;
                end_head = true;
            }
            Some('o' | 'x') if c.peek_at(1).is_none_or(char::is_whitespace) => {
                c.at += 1;
                end_head = true;
            }
            Some(ch) if ch.is_whitespace() && (run == "--" || run == "==" || run == "-.") => {
                // `-- 是 -->`: the text, then the rest of the link.
                let rest: String = c.chars[c.at..].iter().collect();
                let ends: [&str; 3] = match stroke {
                    Stroke::Thick => ["==>", "===", "=="],
                    Stroke::Dotted => [".->", ".-", ".-"],
                    Stroke::Solid => ["-->", "---", "--"],
                };
                let found = ends
                    .iter()
                    .filter_map(|e| rest.find(e).map(|i| (i, *e)))
                    .min_by_key(|(i, e)| (*i, std::cmp::Reverse(e.len())));
                match found {
                    Some((i, e)) => {
                        text = clean_text(rest[..i].trim());
                        c.at += rest[..i].chars().count() + e.chars().count();
                        // (A longer run: `-- 是 --->`.)
                        while c.peek().is_some_and(|ch| matches!(ch, '-' | '=' | '.')) {
                            c.at += 1;
                        }
                        if c.peek() == Some('>') {
                            c.at += 1;
                        }
                        end_head = e.ends_with('>') || c.chars[c.at - 1] == '>';
                    }
                    None => {
                        self.problems.push(problem(
                            c.line,
                            col,
                            format!("the link `{run}` with text has no end"),
                            "write the text between the link's two halves, `A -- 是 --> B`, or after it: `A -->|是| B`",
                        ));
                        return None;
                    }
                }
            }
            _ => {}
        }
        if run.chars().count() < 2 && text.is_empty() {
            self.problems.push(problem(
                c.line,
                col,
                format!("`{run}` is not a link"),
                "link two nodes with `-->` (arrow), `---` (line), `-.->` (dotted) or `==>` (thick)",
            ));
            return None;
        }
        // `-->|是|`: text after the link.
        let save = c.at;
        c.skip_ws();
        if c.peek() == Some('|') {
            let rest: String = c.chars[c.at + 1..].iter().collect();
            match rest.find('|') {
                Some(e) => {
                    text = clean_text(rest[..e].trim().trim_matches('"'));
                    c.at += 1 + rest[..e].chars().count() + 1;
                }
                None => {
                    self.problems.push(problem(
                        c.line,
                        c.col(),
                        "the link's text opened with `|` is never closed",
                        "end the text with another `|`: `A -->|是| B`",
                    ));
                    return None;
                }
            }
        } else {
            c.at = save;
        }
        let start = start_head && (head_char == Some('<') || end_head);
        Some((stroke, (start, end_head), text))
    }
}

/// A node's or link's text as shown: `<br>` breaks lines; entities Mermaid writes as
/// `#quot;` and HTML's common ones read back.
fn clean_text(t: &str) -> String {
    let mut s = t.trim().to_string();
    for br in ["<br/>", "<br />", "<br>", "<BR>", "<BR/>"] {
        s = s.replace(br, "\n");
    }
    for (e, r) in [
        ("#quot;", "\""),
        ("#amp;", "&"),
        ("#lt;", "<"),
        ("#gt;", ">"),
        ("&quot;", "\""),
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&amp;", "&"),
    ] {
        s = s.replace(e, r);
    }
    s.lines().map(str::trim).collect::<Vec<_>>().join("\n")
}

// ---------------------------------------------------------------------------------------
// Layout: layers (longest path, cycles turned), an order in each layer (barycentres), and
// positions (each node as near its neighbours' mean as the order allows).

const FONT: f32 = 14.0;
const LINE: f32 = 20.0;
const WRAP: f32 = 168.0;
const NODE_GAP: f32 = 28.0;
const RANK_GAP: f32 = 40.0;
const MARGIN: f32 = 8.0;
const LABEL_FONT: f32 = 13.0;
/// A chart wider than this (in CSS pixels) scrolls instead of being scaled down.
const WIDE: f32 = 600.0;

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
    html.push_str(&format!(
        "<svg class=\"flow-svg\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"{role}\" aria-label=\"{label}\">",
        w = num(d.width),
        h = num(d.height),
        label = escape_html(&label),
    ));
    html.push_str(&d.svg);
    html.push_str("</svg>");
    if let Some(t) = &flow.title {
        html.push_str(&format!("<figcaption>{}</figcaption>", escape_html(t)));
    }
    html.push_str("</figure>\n");
    html
}

/// The chart in words, for screen readers: 流程图：each link as `A → B`.
fn describe(flow: &Flow) -> String {
    let name = |i: usize| flow.nodes[i].text.replace('\n', " ");
    let mut parts: Vec<String> = flow
        .edges
        .iter()
        .map(|e| {
            let arrow = match e.heads {
                (true, true) => "↔",
                (false, false) => "—",
                _ => "→",
            };
            let (a, b) = if e.heads == (true, false) {
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
    let linked: std::collections::HashSet<usize> =
        flow.edges.iter().flat_map(|e| [e.from, e.to]).collect();
    parts.extend(
        (0..flow.nodes.len())
            .filter(|i| !linked.contains(i))
            .map(name),
    );
    let mut s = String::from("流程图");
    if let Some(t) = &flow.title {
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
    let boxes: Vec<(f32, f32, Vec<String>)> = flow.nodes.iter().map(node_box).collect();
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
        for &(a, b, _) in &dag {
            if a == v {
                items[b].layer = items[b].layer.max(items[a].layer + 1);
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
            .map(|&(_, b, _)| items[b].layer)
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
    // Segments between neighbouring layers.
    let mut ups: Vec<Vec<usize>> = vec![Vec::new(); items.len()];
    let mut downs: Vec<Vec<usize>> = vec![Vec::new(); items.len()];
    for r in &routes {
        for w in r.items.windows(2) {
            downs[w[0]].push(w[1]);
            ups[w[1]].push(w[0]);
        }
    }
    order_layers(&mut layers, &ups, &downs, items.len());
    place(&mut items, &layers, &ups, &downs);

    // Along the flow: each layer's middle, with room between layers for link text.
    let mut label_room = vec![0.0f32; layers_n];
    let label_lines: Vec<Vec<String>> = flow
        .edges
        .iter()
        .map(|e| {
            if e.text.is_empty() {
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
    for r in &routes {
        if !label_lines[r.edge].is_empty() {
            let (w, h) = label_size(r.edge);
            let along = if across { w } else { h };
            let l = items[r.items[0]].layer;
            label_room[l] = label_room[l].max(along);
        }
    }
    let mut top = MARGIN;
    let mut mids = vec![0.0f32; layers_n];
    for (l, layer) in layers.iter().enumerate() {
        let h = layer.iter().map(|&v| items[v].h).fold(0.0f32, f32::max);
        mids[l] = top + h / 2.0;
        top += h + RANK_GAP + label_room[l];
    }
    for it in items.iter_mut() {
        it.y = mids[it.layer];
    }
    let min_x = items
        .iter()
        .map(|i| i.x - i.w / 2.0)
        .fold(f32::INFINITY, f32::min);
    for it in items.iter_mut() {
        it.x += MARGIN - min_x;
    }

    // Where links meet a node: spread along its side, in the order of their other ends.
    let mut ends: Vec<(f32, f32)> = vec![(0.0, 0.0); routes.len() * 2];
    for v in 0..real {
        for side in [false, true] {
            // (false: the node's lower side, links going down; true: its upper side.)
            let mut here: Vec<(f32, usize)> = Vec::new();
            for (ri, r) in routes.iter().enumerate() {
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
            for (k, &(_, slot)) in here.iter().enumerate() {
                let dx = (k as f32 - (count - 1.0) / 2.0) * step;
                let dy = edge_of(flow.nodes[v].shape, it.w, it.h, dx);
                let y = if side { it.y - dy } else { it.y + dy };
                ends[slot] = (it.x + dx, y);
            }
        }
    }

    // The picture, in the flow's frame; turned for left-to-right, flipped for BT / RL.
    let width_f = items.iter().map(|i| i.x + i.w / 2.0).fold(0.0f32, f32::max) + MARGIN;
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
    let marker = format!("{chart}-head");
    let mut edges_svg = String::new();
    let mut labels_svg = String::new();
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
        edges_svg.push_str(&edge_path(&d, e.stroke, start_head, end_head, &marker));
        if !label_lines[r.edge].is_empty() {
            let (p, q) = (pts[0], pts[1]);
            let (lx, ly) = ((p.0 + q.0) / 2.0, (p.1 + q.1) / 2.0);
            let (cx, cy) = tf(lx, ly);
            labels_svg.push_str(&label_svg(&label_lines[r.edge], cx, cy, label_size(r.edge)));
        }
    }
    // Links from a node to itself: a loop on its far side.
    for (k, e) in flow.edges.iter().enumerate() {
        if e.from != e.to {
            continue;
        }
        let it = &items[e.from];
        let (cx, cy) = tf(it.x, it.y);
        let (w, h) = if across { (it.h, it.w) } else { (it.w, it.h) };
        let x0 = cx + w / 2.0;
        let d = format!(
            "M{} {} C{} {} {} {} {} {}",
            num(x0),
            num(cy - 6.0),
            num(x0 + 34.0),
            num(cy - h / 2.0 - 8.0),
            num(x0 + 34.0),
            num(cy + h / 2.0 + 8.0),
            num(x0),
            num(cy + 6.0)
        );
        edges_svg.push_str(&edge_path(&d, e.stroke, e.heads.0, e.heads.1, &marker));
        let mut reach = 34.0;
        if !label_lines[k].is_empty() {
            let (lw, lh) = label_size(k);
            labels_svg.push_str(&label_svg(
                &label_lines[k],
                x0 + 30.0 + lw / 2.0,
                cy,
                (lw, lh),
            ));
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
        let it = &items[v];
        let (cx, cy) = tf(it.x, it.y);
        let (w, h) = if across { (it.h, it.w) } else { (it.w, it.h) };
        let shape = shape_svg(n.shape, cx, cy, w, h);
        let lines = &boxes[v].2;
        let mut text = format!(
            "<text class=\"flow-text\" x=\"{}\" text-anchor=\"middle\" dominant-baseline=\"central\" font-size=\"{}\">",
            num(cx),
            num(FONT)
        );
        let count = lines.len() as f32;
        for (k, l) in lines.iter().enumerate() {
            let y = cy + (k as f32 - (count - 1.0) / 2.0) * LINE;
            text.push_str(&format!(
                "<tspan x=\"{}\" y=\"{}\">{}</tspan>",
                num(cx),
                num(y),
                escape_html(l)
            ));
        }
        text.push_str("</text>");
        let class = match n.shape {
            Shape::Diamond => "flow-node flow-decision",
            Shape::Stadium | Shape::Circle => "flow-node flow-terminal",
            _ => "flow-node",
        };
        let g = format!("<g class=\"{class}\">{shape}{text}</g>");
        match links.get(v).and_then(|l| l.as_deref()) {
            Some(href) => {
                // (Escaped as pulldown-cmark escapes a Markdown link's, so both read alike.)
                let mut h = String::new();
                let _ = pulldown_cmark_escape::escape_href(&mut h, href);
                nodes_svg.push_str(&format!("<a class=\"flow-link\" href=\"{h}\">{g}</a>\n"));
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
    let svg = format!(
        "<defs><marker id=\"{marker}\" class=\"flow-head\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\" markerUnits=\"userSpaceOnUse\"><path d=\"M0 0L10 5L0 10z\"/></marker></defs>\n<g class=\"flow-edges\">{edges_svg}</g>\n{nodes_svg}<g class=\"flow-labels\">{labels_svg}</g>"
    );
    Drawn {
        width: width.max(1.0),
        height: height.max(1.0),
        svg,
    }
}

fn edge_path(d: &str, stroke: Stroke, start: bool, end: bool, marker: &str) -> String {
    let class = match stroke {
        Stroke::Solid => "flow-edge",
        Stroke::Dotted => "flow-edge flow-dotted",
        Stroke::Thick => "flow-edge flow-thick",
    };
    let mut s = format!("<path class=\"{class}\" d=\"{d}\"");
    if start {
        s.push_str(&format!(" marker-start=\"url(#{marker})\""));
    }
    if end {
        s.push_str(&format!(" marker-end=\"url(#{marker})\""));
    }
    s.push_str("/>\n");
    s
}

fn label_svg(lines: &[String], cx: f32, cy: f32, (w, h): (f32, f32)) -> String {
    let mut s = format!(
        "<rect class=\"flow-label-bg\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\"/><text class=\"flow-label\" text-anchor=\"middle\" dominant-baseline=\"central\" font-size=\"{}\">",
        num(cx - w / 2.0),
        num(cy - h / 2.0),
        num(w),
        num(h),
        num(LABEL_FONT)
    );
    let count = lines.len() as f32;
    for (k, l) in lines.iter().enumerate() {
        let y = cy + (k as f32 - (count - 1.0) / 2.0) * 17.0;
        s.push_str(&format!(
            "<tspan x=\"{}\" y=\"{}\">{}</tspan>",
            num(cx),
            num(y),
            escape_html(l)
        ));
    }
    s.push_str("</text>\n");
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
fn order_layers(layers: &mut [Vec<usize>], ups: &[Vec<usize>], downs: &[Vec<usize>], n: usize) {
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

/// The middle value (the mean of the two middle ones for an even count).
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
    let gap = |a: &Item, b: &Item| {
        let g = if a.h == 0.0 || b.h == 0.0 {
            NODE_GAP / 2.0
        } else {
            NODE_GAP
        };
        (a.w + b.w) / 2.0 + g
    };
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
            // Pool adjacent violators over want - offset.
            let mut blocks: Vec<(f32, usize)> = Vec::new(); // (sum, count)
            for i in 0..l.len() {
                blocks.push((want[i] - offs[i], 1));
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
            let mut i = 0;
            for (s, n) in blocks {
                let z = s / n as f32;
                for _ in 0..n {
                    items[l[i]].x = z + offs[i];
                    i += 1;
                }
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
        assert!(f.edges.iter().all(|e| e.heads == (false, true)));
    }

    #[test]
    fn chains_directions_heads_and_header() {
        let (f, p) =
            flow("---\ntitle: 投诉处理流程\n---\ngraph LR; A-->B-->C; C --- A\nA <--> C %% 注释\n");
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(f.title.as_deref(), Some("投诉处理流程"));
        assert_eq!(f.dir, Dir::Right);
        assert_eq!(f.edges.len(), 4);
        assert_eq!(f.edges[2].heads, (false, false));
        assert_eq!(f.edges[3].heads, (true, true));
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
    fn styles_and_subgraphs_are_warnings_once() {
        let (f, p) = flow("flowchart TD\nsubgraph 受理\nA --> B\nend\nstyle A fill:#f9f\nstyle B fill:#f9f\nclassDef x fill:#fff\nA:::x --> C\n");
        assert_eq!(f.nodes.len(), 3);
        assert!(p.iter().all(|x| x.warning), "{p:?}");
        assert_eq!(p.len(), 3, "{p:?}");
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

    /// No input panics, and whatever is drawn has finite numbers: 20,000 charts made of the
    /// syntax's pieces at random (a fixed-seed generator, so a failure repeats).
    #[test]
    fn no_input_panics() {
        const PIECES: [&str; 40] = [
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
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut drawn = 0;
        for round in 0..20_000 {
            let mut t = String::from(if round % 3 == 0 { "" } else { "flowchart TD\n" });
            for _ in 0..(next() % 40) {
                t.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            }
            if let Parsed::Flow(f, p) = parse(&t) {
                if !p.iter().any(|x| !x.warning) && !f.nodes.is_empty() {
                    let out = svg(&f, "f", &vec![Some("#a".to_string()); f.nodes.len()]);
                    assert!(!out.contains("NaN") && !out.contains("inf"), "{t:?}\n{out}");
                    drawn += 1;
                }
            }
        }
        assert!(drawn > 1_000, "only {drawn} drawn");
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
}
