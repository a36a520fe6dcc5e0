//! Content-stream interpreter: runs a page's operators (text state, text
//! positioning and showing, graphics state, paths, Form XObjects) and
//! records what the layout needs — every glyph with its position, size and
//! font, every thin horizontal or vertical rule (table borders, strike
//! lines), and how many images the page draws.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::{self, Font, Kind, num, resolve};

/// How deep Form XObjects may nest; deeper ones are skipped.
const MAX_FORM_DEPTH: usize = 12;
/// Operators one page may run (all its forms included), so a crafted file
/// cannot loop through a huge form many times.
const MAX_OPS: usize = 4_000_000;
/// A filled rectangle thinner than this (user space units) is a rule.
const THIN: f32 = 3.0;

/// An affine matrix [a b c d e f] (PDF order).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix(pub [f32; 6]);

impl Matrix {
    pub const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// self × other (apply self first, then other).
    pub fn mul(self, o: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [oa, ob, oc, od, oe, of] = o.0;
        Matrix([
            a * oa + b * oc,
            a * ob + b * od,
            c * oa + d * oc,
            c * ob + d * od,
            e * oa + f * oc + oe,
            e * ob + f * od + of,
        ])
    }

    pub fn apply(self, x: f32, y: f32) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    fn translate(tx: f32, ty: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, tx, ty])
    }

    fn from_operands(ops: &[Object]) -> Option<Matrix> {
        if ops.len() < 6 {
            return None;
        }
        let mut m = [0.0; 6];
        for (slot, o) in m.iter_mut().zip(ops) {
            *slot = num(o)?;
        }
        Some(Matrix(m))
    }
}

/// One shown glyph in page space (y grows upwards).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub text: String,
    pub x0: f32,
    pub x1: f32,
    /// Baseline.
    pub y: f32,
    /// Font size in page space (height of the em square).
    pub size: f32,
    pub bold: bool,
    /// Number of the font's face within the document, to tell style
    /// changes apart.
    pub font: u32,
    /// Whitespace glyph: a word gap, not content.
    pub space: bool,
    pub struck: bool,
}

/// A thin axis-aligned mark: a stroked line or a thin filled rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Rule {
    pub fn horizontal(&self) -> bool {
        self.x1 - self.x0 >= self.y1 - self.y0
    }
}

/// What a page draws.
#[derive(Debug, Default)]
pub struct PageContent {
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    pub images: usize,
    /// Image XObjects drawn, with the matrix that maps the unit square
    /// onto the page (for OCR of pages without text).
    pub placed: Vec<(ObjectId, Matrix)>,
    /// Codes no table could decode: (font name, code).
    pub undecoded: Vec<(String, u32)>,
    /// The content stream could not be parsed to its end.
    pub truncated: bool,
    /// Content or a form was left out: the file's decompression budget
    /// ([`FILE_LIMIT`]) was spent.
    pub capped: bool,
}

#[derive(Debug, Clone)]
struct GState {
    ctm: Matrix,
    font: Option<(Rc<Font>, u32)>,
    size: f32,
    char_space: f32,
    word_space: f32,
    hscale: f32,
    leading: f32,
    rise: f32,
    render: i64,
    line_width: f32,
}

impl Default for GState {
    fn default() -> Self {
        GState {
            ctm: Matrix::IDENTITY,
            font: None,
            size: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
            render: 0,
            line_width: 1.0,
        }
    }
}

/// Fonts loaded once per document, by object id.
pub struct FontCache {
    fonts: HashMap<ObjectId, (Rc<Font>, u32)>,
    faces: std::collections::HashSet<String>,
    /// Face (name without subset tag) → number: subsets of one face
    /// share a number, so a style change is a change of face.
    face_ids: HashMap<String, u32>,
    /// Bytes the file's content streams and forms may still decompress
    /// to, all pages together ([`FILE_LIMIT`] at the start).
    budget: usize,
}

/// What the content streams and forms of one file may decompress to in
/// all (each stream is also capped at [`font::STREAM_LIMIT`]), so many
/// pages of bombs cannot add up.
pub const FILE_LIMIT: usize = 256 * 1024 * 1024;

impl FontCache {
    pub fn new(doc: &Document) -> FontCache {
        FontCache {
            fonts: HashMap::new(),
            faces: font::embedded_faces(doc),
            face_ids: HashMap::new(),
            budget: FILE_LIMIT,
        }
    }

    fn get(&mut self, doc: &Document, obj: &Object) -> Option<(Rc<Font>, u32)> {
        let id = obj.as_reference().ok();
        if let Some(hit) = id.and_then(|id| self.fonts.get(&id)) {
            return Some(hit.clone());
        }
        let dict = resolve(doc, obj).as_dict().ok()?;
        let loaded = Font::load(doc, dict, &self.faces);
        let key = format!("{}{}", font::face_key(&loaded.name), loaded.bold);
        let next = self.face_ids.len() as u32;
        let face = *self.face_ids.entry(key).or_insert(next);
        let f = (Rc::new(loaded), face);
        if let Some(id) = id {
            self.fonts.insert(id, f.clone());
        }
        Some(f)
    }
}

/// A path being built: subpaths as point lists, rectangles apart.
#[derive(Default)]
struct Path {
    subpaths: Vec<Vec<(f32, f32)>>,
}

struct Interp<'a> {
    doc: &'a Document,
    fonts: &'a mut FontCache,
    out: PageContent,
    stack: Vec<GState>,
    gs: GState,
    tm: Matrix,
    tlm: Matrix,
    path: Path,
    ops: usize,
    forms: Vec<ObjectId>,
    /// Open marked-content sequences (BMC/BDC … EMC), innermost last: the
    /// `/ActualText` of a span and the index of the first glyph shown
    /// inside it, or `None` for a sequence without one.
    marked: Vec<Option<(String, usize)>>,
    /// Entries of `marked` below this belong to the content around the
    /// Form XObject being run.
    marked_floor: usize,
}

/// How deep marked-content sequences may nest; deeper ones are not
/// tracked (their EMC closes nothing of ours).
const MAX_MARKED_DEPTH: usize = 256;

/// The resources of a page, inherited through the page tree.
pub fn page_resources(doc: &Document, page: ObjectId) -> Option<&Dictionary> {
    let mut node = doc.get_dictionary(page).ok()?;
    for _ in 0..64 {
        if let Ok(r) = node.get(b"Resources")
            && let Ok(d) = resolve(doc, r).as_dict()
        {
            return Some(d);
        }
        node = resolve(doc, node.get(b"Parent").ok()?).as_dict().ok()?;
    }
    None
}

/// The page's crop box, else its media box ([x0 y0 x1 y1], inherited
/// through the page tree); A4 when neither is found.
pub fn page_box(doc: &Document, page: ObjectId) -> [f32; 4] {
    let mut node = doc.get_dictionary(page).ok();
    for _ in 0..64 {
        let Some(d) = node else { break };
        if let Some(a) = d
            .get(b"CropBox")
            .or_else(|_| d.get(b"MediaBox"))
            .ok()
            .map(|o| resolve(doc, o))
            .and_then(|o| o.as_array().ok())
        {
            let v: Vec<f32> = a.iter().filter_map(num).collect();
            if let [x0, y0, x1, y1] = v[..] {
                return [x0.min(x1), y0.min(y1), x0.max(x1), y0.max(y1)];
            }
        }
        node = d
            .get(b"Parent")
            .ok()
            .and_then(|o| resolve(doc, o).as_dict().ok());
    }
    [0.0, 0.0, 595.0, 842.0]
}

/// The page's `/Rotate` (inherited through the page tree): 0, 90, 180 or
/// 270 degrees clockwise.
pub fn page_rotation(doc: &Document, page: ObjectId) -> u32 {
    let mut node = doc.get_dictionary(page).ok();
    for _ in 0..64 {
        let Some(d) = node else { break };
        if let Some(r) = d
            .get(b"Rotate")
            .ok()
            .and_then(|o| resolve(doc, o).as_i64().ok())
        {
            return match r.rem_euclid(360) {
                90 => 90,
                180 => 180,
                270 => 270,
                _ => 0,
            };
        }
        node = d
            .get(b"Parent")
            .ok()
            .and_then(|o| resolve(doc, o).as_dict().ok());
    }
    0
}

/// The matrix from user space to the page as displayed: `/Rotate` turns
/// the page clockwise, so text set to read upright on a turned page (a
/// landscape table) reads upright here. Identity for an unturned page.
fn display_matrix(rotation: u32, [x0, y0, x1, y1]: [f32; 4]) -> Matrix {
    match rotation {
        90 => Matrix([0.0, -1.0, 1.0, 0.0, -y0, x1]),
        180 => Matrix([-1.0, 0.0, 0.0, -1.0, x1, y1]),
        270 => Matrix([0.0, 1.0, -1.0, 0.0, y1, -x0]),
        _ => Matrix::IDENTITY,
    }
}

/// Interpret page `page` of `doc`.
pub fn run_page(doc: &Document, page: ObjectId, fonts: &mut FontCache) -> PageContent {
    let limit = font::STREAM_LIMIT.min(fonts.budget);
    let mut capped = false;
    let data = match doc.get_page_content_with_limit(page, limit) {
        Ok(d) => d,
        Err(_) => {
            // Over the limit, or damaged: which, only a second look
            // within the per-stream limit would tell.
            capped = limit < font::STREAM_LIMIT;
            Vec::new()
        }
    };
    fonts.budget = fonts.budget.saturating_sub(data.len());
    let empty = Dictionary::new();
    let res = page_resources(doc, page).unwrap_or(&empty);
    let mut it = Interp {
        doc,
        fonts,
        out: PageContent::default(),
        stack: Vec::new(),
        gs: GState {
            ctm: display_matrix(page_rotation(doc, page), page_box(doc, page)),
            ..GState::default()
        },
        tm: Matrix::IDENTITY,
        tlm: Matrix::IDENTITY,
        path: Path::default(),
        ops: 0,
        forms: Vec::new(),
        marked: Vec::new(),
        marked_floor: 0,
    };
    it.out.capped = capped;
    it.run(&data, res);
    it.out
}

fn f(ops: &[Object], i: usize) -> f32 {
    ops.get(i).and_then(num).unwrap_or(0.0)
}

impl Interp<'_> {
    fn run(&mut self, data: &[u8], res: &Dictionary) {
        for op in Content::decode_iter(data) {
            let Ok(op) = op else {
                self.out.truncated = true;
                break;
            };
            self.ops += 1;
            if self.ops > MAX_OPS {
                self.out.truncated = true;
                break;
            }
            self.op(&op, res);
        }
    }

    fn op(&mut self, op: &Operation, res: &Dictionary) {
        let o = op.operands.as_slice();
        match op.operator.as_str() {
            "q" if self.stack.len() < 256 => {
                self.stack.push(self.gs.clone());
            }
            "Q" => {
                if let Some(g) = self.stack.pop() {
                    self.gs = g;
                }
            }
            "cm" => {
                if let Some(m) = Matrix::from_operands(o) {
                    self.gs.ctm = m.mul(self.gs.ctm);
                }
            }
            "w" => self.gs.line_width = f(o, 0),
            "BT" => {
                self.tm = Matrix::IDENTITY;
                self.tlm = Matrix::IDENTITY;
            }
            "ET" => {}
            "Tc" => self.gs.char_space = f(o, 0),
            "Tw" => self.gs.word_space = f(o, 0),
            "Tz" => self.gs.hscale = f(o, 0) / 100.0,
            "TL" => self.gs.leading = f(o, 0),
            "Ts" => self.gs.rise = f(o, 0),
            "Tr" => self.gs.render = o.first().and_then(|v| v.as_i64().ok()).unwrap_or(0),
            "Tf" => {
                self.gs.size = f(o, 1);
                self.gs.font = o
                    .first()
                    .and_then(|n| n.as_name().ok())
                    .and_then(|n| self.lookup_font(res, n));
            }
            "Td" => self.next_line(f(o, 0), f(o, 1)),
            "TD" => {
                self.gs.leading = -f(o, 1);
                self.next_line(f(o, 0), f(o, 1));
            }
            "Tm" => {
                if let Some(m) = Matrix::from_operands(o) {
                    self.tm = m;
                    self.tlm = m;
                }
            }
            "T*" => self.next_line(0.0, -self.gs.leading),
            "Tj" => self.show_operand(o.first()),
            "'" => {
                self.next_line(0.0, -self.gs.leading);
                self.show_operand(o.first());
            }
            "\"" => {
                self.gs.word_space = f(o, 0);
                self.gs.char_space = f(o, 1);
                self.next_line(0.0, -self.gs.leading);
                self.show_operand(o.get(2));
            }
            "TJ" => {
                if let Some(Ok(items)) = o.first().map(Object::as_array) {
                    for item in items {
                        match item {
                            Object::String(s, _) => self.show(s),
                            other => {
                                let n = num(other).unwrap_or(0.0);
                                let tx = -n / 1000.0 * self.gs.size * self.gs.hscale;
                                self.advance(tx);
                            }
                        }
                    }
                }
            }
            "Do" => {
                if let Some(n) = o.first().and_then(|n| n.as_name().ok()) {
                    self.do_xobject(res, n);
                }
            }
            "BMC" => self.open_marked(None),
            "BDC" => {
                let text = o.get(1).and_then(|p| self.actual_text(p, res));
                self.open_marked(text);
            }
            "EMC" => self.close_marked(),
            "BI" | "EI" => self.out.images += 1,
            "m" => self.path.subpaths.push(vec![self.point(o)]),
            "l" => {
                let p = self.point(o);
                match self.path.subpaths.last_mut() {
                    Some(sp) => sp.push(p),
                    None => self.path.subpaths.push(vec![p]),
                }
            }
            "c" | "v" | "y" => {
                // Curves are not rules; keep the end point so a later line
                // starts in the right place, but break the subpath.
                let k = o.len().saturating_sub(2);
                let p = self.point(o.get(k..).unwrap_or(&[]));
                self.path.subpaths.push(vec![p]);
            }
            "h" => {
                if let Some(sp) = self.path.subpaths.last_mut()
                    && let Some(&first) = sp.first()
                {
                    sp.push(first);
                }
            }
            "re" => {
                let (x, y, w, h) = (f(o, 0), f(o, 1), f(o, 2), f(o, 3));
                let m = self.gs.ctm;
                let pts = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)];
                self.path
                    .subpaths
                    .push(pts.iter().map(|&(a, b)| m.apply(a, b)).collect());
            }
            "S" | "s" => self.paint(true, false),
            "f" | "F" | "f*" => self.paint(false, true),
            "B" | "B*" | "b" | "b*" => self.paint(true, true),
            "n" => self.path = Path::default(),
            _ => {}
        }
    }

    fn point(&self, o: &[Object]) -> (f32, f32) {
        self.gs.ctm.apply(f(o, 0), f(o, 1))
    }

    fn lookup_font(&mut self, res: &Dictionary, name: &[u8]) -> Option<(Rc<Font>, u32)> {
        let fonts = resolve(self.doc, res.get(b"Font").ok()?).as_dict().ok()?;
        let obj = fonts.get(name).ok()?;
        self.fonts.get(self.doc, obj)
    }

    fn next_line(&mut self, tx: f32, ty: f32) {
        self.tlm = Matrix::translate(tx, ty).mul(self.tlm);
        self.tm = self.tlm;
    }

    fn advance(&mut self, tx: f32) {
        let vertical = self.gs.font.as_ref().is_some_and(|(f, _)| f.vertical);
        self.tm = if vertical {
            Matrix::translate(0.0, -tx).mul(self.tm)
        } else {
            Matrix::translate(tx, 0.0).mul(self.tm)
        };
    }

    fn show_operand(&mut self, o: Option<&Object>) {
        if let Some(Ok(s)) = o.map(Object::as_str) {
            self.show(s);
        }
    }

    /// Show a string: one glyph per code, advancing the text matrix.
    fn show(&mut self, bytes: &[u8]) {
        let Some((font, font_no)) = self.gs.font.clone() else {
            return;
        };
        let g = &self.gs;
        let (fs, th) = (g.size, g.hscale);
        let bold = font.bold || g.render == 2;
        for code in font.decode(bytes) {
            let trm = Matrix([fs * th, 0.0, 0.0, fs, 0.0, self.gs.rise])
                .mul(self.tm)
                .mul(self.gs.ctm);
            let size = (trm.0[2].hypot(trm.0[3]) * font.em).abs();
            let (ox, oy) = trm.apply(0.0, 0.0);
            let (x0, x1, y) = if font.vertical {
                (ox - size / 2.0, ox + size / 2.0, oy - size * 0.88)
            } else {
                let w = if code.width > 0.0 { code.width } else { 0.0 };
                let (ex, _) = trm.apply(w, 0.0);
                (ox.min(ex), ox.max(ex), oy)
            };
            let text = match code.text {
                Some(t) => t,
                None => {
                    if self.out.undecoded.len() < 1000 {
                        self.out.undecoded.push((font.name.clone(), code.code));
                    }
                    char::REPLACEMENT_CHARACTER.to_string()
                }
            };
            if size.is_finite() && x0.is_finite() && y.is_finite() && !text.is_empty() {
                let space = text.chars().all(char::is_whitespace);
                self.out.glyphs.push(Glyph {
                    text,
                    x0,
                    x1: if x1 > x0 { x1 } else { x0 + size * 0.5 },
                    y,
                    size,
                    bold,
                    font: font_no,
                    space,
                    struck: false,
                });
            }
            let spacing = self.gs.char_space
                + if code.word_space && font.kind != Kind::Type0 {
                    self.gs.word_space
                } else {
                    0.0
                };
            let adv = if font.vertical {
                fs * font.em + spacing
            } else {
                (code.width * fs + spacing) * th
            };
            self.advance(adv);
        }
    }

    /// The `/ActualText` of a BDC's properties, given inline or named in
    /// the resources' `/Properties`.
    fn actual_text(&self, props: &Object, res: &Dictionary) -> Option<String> {
        let dict = match props {
            Object::Dictionary(d) => d,
            Object::Name(n) => resolve(self.doc, res.get(b"Properties").ok()?)
                .as_dict()
                .ok()
                .and_then(|p| p.get(n).ok())
                .map(|o| resolve(self.doc, o))?
                .as_dict()
                .ok()?,
            _ => return None,
        };
        lopdf::decode_text_string(dict.get(b"ActualText").ok()?).ok()
    }

    fn open_marked(&mut self, actual: Option<String>) {
        if self.marked.len() < MAX_MARKED_DEPTH {
            let start = self.out.glyphs.len();
            self.marked.push(actual.map(|t| (t, start)));
        }
    }

    /// Close a marked-content sequence. One with `/ActualText` replaces
    /// the text of the glyphs shown inside it: PDF writers give it where
    /// the font's ToUnicode cannot say which character a glyph is —
    /// Chromium maps a glyph Noto CJK shares between 户 and 戶, or — and
    /// ―, to one of them in ToUnicode and wraps each use in a span whose
    /// ActualText is the character the page had. Glyph by glyph when the
    /// counts agree (positions stay exact), else one glyph over them all.
    fn close_marked(&mut self) {
        if self.marked.len() <= self.marked_floor {
            return;
        }
        let Some(Some((text, start))) = self.marked.pop() else {
            return;
        };
        let glyphs = &mut self.out.glyphs;
        let Some(shown) = glyphs.get_mut(start..).filter(|g| !g.is_empty()) else {
            return;
        };
        if text.chars().count() == shown.len() {
            for (g, c) in shown.iter_mut().zip(text.chars()) {
                g.text = c.to_string();
                g.space = c.is_whitespace();
            }
            return;
        }
        let mut one = shown[0].clone();
        for g in &shown[1..] {
            one.x0 = one.x0.min(g.x0);
            one.x1 = one.x1.max(g.x1);
        }
        one.space = text.chars().all(char::is_whitespace);
        one.text = text;
        glyphs.truncate(start);
        if !one.text.is_empty() {
            glyphs.push(one);
        }
    }

    fn do_xobject(&mut self, res: &Dictionary, name: &[u8]) {
        let Some(xobjs) = res
            .get(b"XObject")
            .ok()
            .and_then(|o| resolve(self.doc, o).as_dict().ok())
        else {
            return;
        };
        let Ok(obj) = xobjs.get(name) else { return };
        let id = obj.as_reference().ok();
        let Ok(stream) = resolve(self.doc, obj).as_stream() else {
            return;
        };
        match stream.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => {
                self.out.images += 1;
                if let Some(id) = id
                    && self.out.placed.len() < 64
                {
                    self.out.placed.push((id, self.gs.ctm));
                }
            }
            Ok(b"Form") => {
                if self.forms.len() >= MAX_FORM_DEPTH || id.is_some_and(|i| self.forms.contains(&i))
                {
                    return;
                }
                let data = if stream.dict.get(b"Filter").is_ok() {
                    let limit = font::STREAM_LIMIT.min(self.fonts.budget);
                    match stream.decompressed_content_with_limit(limit) {
                        Ok(d) => d,
                        Err(_) => {
                            self.out.capped |= limit < font::STREAM_LIMIT;
                            return;
                        }
                    }
                } else {
                    stream.content.clone()
                };
                self.fonts.budget = self.fonts.budget.saturating_sub(data.len());
                let form_res = stream
                    .dict
                    .get(b"Resources")
                    .ok()
                    .and_then(|o| resolve(self.doc, o).as_dict().ok())
                    .unwrap_or(res);
                let saved = (self.gs.clone(), self.tm, self.tlm, self.stack.len());
                if let Some(m) = stream
                    .dict
                    .get(b"Matrix")
                    .ok()
                    .and_then(|o| resolve(self.doc, o).as_array().ok())
                    .and_then(|a| Matrix::from_operands(a))
                {
                    self.gs.ctm = m.mul(self.gs.ctm);
                }
                self.forms.push(id.unwrap_or((0, 0)));
                // A form's marked content is its own: what it leaves open is
                // dropped, and its EMCs close nothing opened outside it.
                let (marked, floor) = (self.marked.len(), self.marked_floor);
                self.marked_floor = marked;
                self.run(&data, form_res);
                self.marked.truncate(marked);
                self.marked_floor = floor;
                self.forms.pop();
                self.stack.truncate(saved.3);
                (self.gs, self.tm, self.tlm) = (saved.0, saved.1, saved.2);
            }
            _ => {}
        }
    }

    /// Paint the current path: keep its thin axis-aligned parts as rules.
    fn paint(&mut self, stroke: bool, fill: bool) {
        let path = std::mem::take(&mut self.path);
        let half = (self.gs.line_width * self.gs.ctm.0[3].abs().max(self.gs.ctm.0[0].abs()))
            .abs()
            .max(0.1)
            / 2.0;
        for sp in &path.subpaths {
            if fill {
                let (x0, y0, x1, y1) = bbox(sp);
                if sp.len() >= 3 && (x1 - x0 <= THIN || y1 - y0 <= THIN) && x1 - x0 + y1 - y0 > 1.0
                {
                    self.push_rule(Rule { x0, y0, x1, y1 });
                    continue;
                }
            }
            if stroke {
                for w in sp.windows(2) {
                    let ((ax, ay), (bx, by)) = (w[0], w[1]);
                    if (ay - by).abs() < 0.5 && (ax - bx).abs() > 0.5 {
                        self.push_rule(Rule {
                            x0: ax.min(bx),
                            y0: ay.min(by) - half,
                            x1: ax.max(bx),
                            y1: ay.max(by) + half,
                        });
                    } else if (ax - bx).abs() < 0.5 && (ay - by).abs() > 0.5 {
                        self.push_rule(Rule {
                            x0: ax.min(bx) - half,
                            y0: ay.min(by),
                            x1: ax.max(bx) + half,
                            y1: ay.max(by),
                        });
                    }
                }
            }
        }
    }

    fn push_rule(&mut self, r: Rule) {
        if self.out.rules.len() < 200_000 && [r.x0, r.y0, r.x1, r.y1].iter().all(|v| v.is_finite())
        {
            self.out.rules.push(r);
        }
    }
}

fn bbox(pts: &[(f32, f32)]) -> (f32, f32, f32, f32) {
    pts.iter().fold(
        (f32::MAX, f32::MAX, f32::MIN, f32::MIN),
        |(a, b, c, d), &(x, y)| (a.min(x), b.min(y), c.max(x), d.max(y)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrix_product_order() {
        let t = Matrix::translate(10.0, 0.0);
        let s = Matrix([2.0, 0.0, 0.0, 2.0, 0.0, 0.0]);
        // Translate then scale: (0,0) → (10,0) → (20,0).
        assert_eq!(t.mul(s).apply(0.0, 0.0), (20.0, 0.0));
        assert_eq!(s.mul(t).apply(0.0, 0.0), (10.0, 0.0));
    }
}
