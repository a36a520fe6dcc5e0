//! Readers: bytes of one format → [`Doc`], the one document model everything
//! after this stage sees. A format's quirks (PDF operators, XML, Markdown
//! markup) stay inside its reader; the parser only sees blocks of text.

pub mod docx;
pub mod html;
mod hygiene;
mod lines;
pub mod markdown;
mod numfmt;
pub mod ocr;
pub mod pdf;
mod space;
pub mod text;

use std::borrow::Cow;

use crate::diag::{Diagnostic, Error, Result};
use crate::model::{Format, Span};
pub(crate) use space::first_space;
use space::is_space;

/// A document as a sequence of blocks, whatever format it came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Doc {
    pub format: Format,
    /// Detected text encoding; `None` for binary formats.
    pub encoding: Option<String>,
    pub pages: Option<u32>,
    pub blocks: Vec<Block>,
    /// Repairs and anomalies the reader saw (page-break joins, struck text…).
    pub diagnostics: Vec<Diagnostic>,
}

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading with its level (1 = top). Readers that cannot know the
    /// level (PDF: centered or bold lines) use 1.
    Heading(u8),
    Paragraph,
    /// A bulleted list item; the bullet itself is dropped, an ordered
    /// number written in the text (1、 1.) stays in the text.
    ListItem,
    /// A table; its content is in [`Block::table`].
    Table,
}

/// A piece of inline text with the formatting the parser may care about.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    /// Struck-through (deleted) text: kept so a reviewer can see it, never
    /// part of a value.
    pub struck: bool,
}

/// One block of the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    /// Inline content, already normalized with [`normalize_inline`] run by
    /// run (empty for tables). Empty as well when the content is a single
    /// plain run (neither bold nor struck), which is then `text` itself:
    /// most paragraphs are one plain run, and keeping them once spares a
    /// copy of nearly the whole document.
    runs: Vec<Run>,
    /// The text without struck runs, computed once when the block is made:
    /// every later stage reads it, often several times.
    text: String,
    pub table: Option<Table>,
    pub span: Span,
}

impl Block {
    pub fn new(kind: BlockKind, runs: Vec<Run>, span: Span) -> Block {
        let text = plain_text(&runs);
        Block::with_text(kind, runs, text, span)
    }

    /// A block whose runs are each already [`normalize_inline`]d and
    /// non-empty: their join needs no second pass (a normalized run starts
    /// and ends with a non-space, so the join has no gap a pass would
    /// change).
    pub fn normalized(kind: BlockKind, mut runs: Vec<Run>, span: Span) -> Block {
        if let [run] = runs.as_slice()
            && !run.bold
            && !run.struck
        {
            let text = runs.pop().map(|r| r.text).unwrap_or_default();
            return Block::with_text(kind, runs, text, span);
        }
        let text = joined(&runs);
        Block::with_text(kind, runs, text, span)
    }

    fn with_text(kind: BlockKind, runs: Vec<Run>, text: String, span: Span) -> Block {
        let mut b = Block {
            kind,
            runs,
            text,
            table: None,
            span,
        };
        b.drop_plain_run();
        b
    }

    /// Drop the runs when they are one plain run equal to `text` (see
    /// [`Block::runs`](Block#structfield.runs)).
    fn drop_plain_run(&mut self) {
        if let [run] = self.runs.as_slice()
            && !run.bold
            && !run.struck
            && run.text == self.text
        {
            self.runs.clear();
        }
    }

    /// The block's text without struck runs.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The block's runs, struck ones included. A block held as one plain
    /// run (see [`Block::runs`](Block#structfield.runs)) gives that run,
    /// rebuilt from the text.
    pub fn runs(&self) -> Cow<'_, [Run]> {
        if self.held_as_text() {
            return Cow::Owned(vec![plain_run(self.text.clone())]);
        }
        Cow::Borrowed(&self.runs)
    }

    /// Whether the content is the single plain run `text` (no runs kept).
    fn held_as_text(&self) -> bool {
        self.runs.is_empty() && !self.text.is_empty()
    }

    /// Move `next`'s runs to the end of this block's (a paragraph
    /// continued after a page break); `next` is left without content.
    pub fn append(&mut self, next: &mut Block) {
        let end = next.span.end;
        let mut runs = self.take_runs();
        runs.extend(next.take_runs());
        self.text = plain_text(&runs);
        self.runs = runs;
        self.drop_plain_run();
        self.span.end = self.span.end.max(end);
    }

    /// Move the runs out (the plain run rebuilt from `text`).
    fn take_runs(&mut self) -> Vec<Run> {
        if self.held_as_text() {
            return vec![plain_run(std::mem::take(&mut self.text))];
        }
        std::mem::take(&mut self.runs)
    }

    /// Rewrite the block's text run by run with `f` (readers' repairs,
    /// such as OCR misreads); the plain text is rebuilt.
    pub(crate) fn map_text(&mut self, mut f: impl FnMut(&str) -> String) {
        if self.runs.is_empty() {
            let t = f(&self.text);
            self.text = normalize_inline(&t);
            return;
        }
        for r in &mut self.runs {
            r.text = f(&r.text);
        }
        self.text = plain_text(&self.runs);
        self.drop_plain_run();
    }

    /// True when the block has struck text.
    pub fn has_struck(&self) -> bool {
        self.runs
            .iter()
            .any(|r| r.struck && !r.text.trim().is_empty())
    }

    /// True when the first run with visible, unstruck text is bold (a
    /// label or a heading in disguise).
    pub fn bold_start(&self) -> bool {
        self.runs
            .iter()
            .find(|r| !r.struck && !r.text.trim().is_empty())
            .is_some_and(|r| r.bold)
    }
}

/// A table as a rectangular grid. Readers expand merged cells: a cell
/// covered by a merge holds a copy of the merge's content and
/// `covered = true`, so the parser can read any row on its own.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
    /// How many leading rows are header rows, when the format says so
    /// (DOCX `w:tblHeader`, HTML `<thead>`/`<th>`); parsers also detect it.
    pub header_rows: usize,
}

/// One table cell: its paragraphs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cell {
    pub blocks: Vec<Block>,
    pub covered: bool,
}

impl Cell {
    /// The cell's paragraphs' text joined by newlines.
    pub fn text(&self) -> String {
        let parts: Vec<&str> = self
            .blocks
            .iter()
            .map(Block::text)
            .filter(|t| !t.is_empty())
            .collect();
        parts.join("\n")
    }
}

/// A run neither bold nor struck.
fn plain_run(text: String) -> Run {
    Run {
        text,
        bold: false,
        struck: false,
    }
}

/// The text of `runs` without struck ones, normalized.
pub(crate) fn plain_text(runs: &[Run]) -> String {
    match runs {
        [run] if run.struck => String::new(),
        [run] => normalize_inline(&run.text),
        _ => normalize_inline(&joined(runs)),
    }
}

/// The text of `runs` without struck ones, as written.
fn joined(runs: &[Run]) -> String {
    let mut s = String::with_capacity(runs.iter().map(|r| r.text.len()).sum());
    for r in runs.iter().filter(|r| !r.struck) {
        s.push_str(&r.text);
    }
    s
}

/// Reader options.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Password for encrypted PDFs.
    pub password: Option<String>,
    /// Refuse pages without a text layer instead of reading them by OCR.
    pub no_ocr: bool,
    /// `tesseract` processes for one document's pages (0 = one per core).
    pub ocr_jobs: usize,
}

/// Largest input we accept, so a runaway file cannot exhaust memory.
pub const MAX_INPUT_BYTES: usize = 256 * 1024 * 1024;

/// Guess the format from the content first, the file name second: a `.doc`
/// that is really HTML is read as HTML; a legacy binary `.doc` is refused.
pub fn detect_format(bytes: &[u8], path: &str) -> Result<Format> {
    let lower = path.to_ascii_lowercase();
    let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    let head = &bytes[..bytes.len().min(1024)];
    if has_pdf_magic(head) {
        return Ok(Format::Pdf);
    }
    if image_ext(head).is_some() {
        return Ok(Format::Image);
    }
    if head.starts_with(b"PK\x03\x04") {
        if let Some(f) = docx::package_format(bytes) {
            return Ok(f);
        }
        if ext == "xlsx" {
            return Ok(Format::Xlsx);
        }
        return Ok(Format::Docx);
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(Error::Unsupported(crate::tr!("read-legacy-office")));
    }
    // A binary format's extension on bytes that are not that format is a
    // damaged or misnamed file, not text to guess at.
    match ext {
        "pdf" => {
            return Err(Error::Damaged {
                format: "PDF",
                detail: crate::tr!("read-no-pdf-header"),
            });
        }
        "docx" | "xlsx" => {
            return Err(Error::Damaged {
                format: "DOCX",
                detail: crate::tr!("read-not-zip"),
            });
        }
        _ => {}
    }
    // Every HTML test opens with `<`: the head is decoded and lowered only
    // when it does.
    if opens_with_lt(head) {
        let text_head = String::from_utf8_lossy(head).to_ascii_lowercase();
        let trimmed = text_head.trim_start_matches('\u{feff}').trim_start();
        if trimmed.starts_with("<!doctype html")
            || trimmed.starts_with("<html")
            || (trimmed.starts_with('<')
                && (text_head.contains("<body") || text_head.contains("<p")))
            || (trimmed.starts_with('<')
                && (text_head.contains("<html") || text_head.contains("<head")))
        {
            return Ok(Format::Html);
        }
    }
    match ext {
        "html" | "htm" | "shtml" | "xhtml" => Ok(Format::Html),
        "txt" | "text" => {
            if looks_like_markdown(bytes) {
                Ok(Format::Markdown)
            } else {
                Ok(Format::Text)
            }
        }
        "csv" | "tsv" => Ok(Format::Csv),
        _ => {
            if is_binary(bytes) {
                return Err(Error::NotADocument(crate::tr!("read-binary")));
            }
            if ext == "md" || ext == "markdown" || looks_like_markdown(bytes) {
                Ok(Format::Markdown)
            } else {
                Ok(Format::Text)
            }
        }
    }
}

/// The file extension of an image format Tesseract reads, by magic bytes.
fn image_ext(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("png")
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("jpg")
    } else if head.starts_with(b"II*\0") || head.starts_with(b"MM\0*") {
        Some("tif")
    } else {
        None
    }
}

/// Does `head` hold `%PDF-`? Its `%`s are found by SIMD and only those
/// are compared.
fn has_pdf_magic(head: &[u8]) -> bool {
    memchr::memchr_iter(b'%', head).any(|i| head.get(i..).is_some_and(|t| t.starts_with(b"%PDF-")))
}

/// Does `head`, decoded as [`String::from_utf8_lossy`] would, open with
/// `<` once its leading BOMs and then its white space are skipped? Decodes
/// from the front, a character at a time, and stops at the first that is
/// neither: the lossy decoding validates (and, for a head cut inside a
/// character, copies) the whole head.
fn opens_with_lt(head: &[u8]) -> bool {
    let mut rest = head;
    while let Some(r) = rest.strip_prefix("\u{feff}".as_bytes()) {
        rest = r;
    }
    while let Some(c) = first_char(rest) {
        if c == '<' {
            return true;
        }
        if !c.is_whitespace() {
            return false;
        }
        rest = rest.get(c.len_utf8()..).unwrap_or_default();
    }
    // The end, or bytes the lossy decoding turns into U+FFFD.
    false
}

/// The first character of `b`, when `b` starts with valid UTF-8.
fn first_char(b: &[u8]) -> Option<char> {
    let window = b.get(..b.len().min(4)).unwrap_or_default();
    let valid = match std::str::from_utf8(window) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(window.get(..e.valid_up_to()).unwrap_or_default())
            .unwrap_or_default(),
    };
    valid.chars().next()
}

fn looks_like_markdown(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let s = String::from_utf8_lossy(head);
    s.lines().any(|l| {
        let t = l.trim_start();
        t.starts_with("# ") || t.starts_with("## ") || t.contains("**") || t.starts_with("| ")
    })
}

/// Binary junk: more than one NUL byte in a hundred, or many control
/// characters, in the first block,
/// unless the text is UTF-16 (which has NULs by nature).
fn is_binary(bytes: &[u8]) -> bool {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return false;
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.is_empty() {
        return false;
    }
    // Branch-free with byte-wide counters, so the compiler counts 16 or
    // 32 bytes per step (a chunk of 255 cannot overflow a byte).
    let ctrl: usize = head
        .chunks(255)
        .map(|chunk| {
            let n = chunk.iter().fold(0u8, |n, &b| {
                n + u8::from(b < 0x20 && b != b'\n' && b != b'\r' && b != b'\t' && b != 0x0c)
            });
            usize::from(n)
        })
        .sum();
    // A NUL now and then is damage in a text file (hygiene removes it);
    // binary data has them everywhere.
    let nuls = memchr::memchr_iter(0, head).count();
    nuls * 100 > head.len() && !looks_utf16(head) || ctrl * 20 > head.len()
}

fn looks_utf16(head: &[u8]) -> bool {
    let zeros_even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let zeros_odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let half = head.len() / 2;
    half > 0 && (zeros_even * 3 > half || zeros_odd * 3 > half)
}

/// Read `bytes` (named `path`, used for format hints and messages) into a
/// [`Doc`]. Never inlined: called once per document, and a profile can
/// then tell the readers' cost from the parser's.
#[inline(never)]
pub fn read(bytes: &[u8], path: &str, opts: &ReadOptions) -> Result<Doc> {
    if bytes.is_empty() {
        return Err(Error::Empty);
    }
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(Error::TooLarge(crate::tr!(
            "read-too-large",
            size = bytes.len(),
            limit = MAX_INPUT_BYTES
        )));
    }
    let mut doc = match detect_format(bytes, path)? {
        Format::Markdown => markdown::read(bytes),
        Format::Text => text::read(bytes),
        Format::Pdf => pdf::read(bytes, opts),
        Format::Image => pdf::read_image(bytes, image_ext(bytes).unwrap_or("png"), opts),
        Format::Docx => docx::read(bytes),
        Format::Html => html::read(bytes),
        Format::Xlsx | Format::Csv => Err(Error::Unsupported(crate::tr!("read-spreadsheet"))),
    }?;
    // Once, for every reader: control characters out, radical forms to
    // the ideographs they stand for.
    hygiene::clean_doc(&mut doc);
    Ok(doc)
}

/// Decode text bytes: BOMs first (UTF-8, UTF-16LE/BE), then strict UTF-8,
/// then UTF-16 without BOM by its NUL pattern, then chardetng's guess
/// (GB18030 for Chinese text in a legacy code page). Returns the text and
/// the encoding's name. UTF-8 input is borrowed, not copied.
pub fn decode_text(bytes: &[u8]) -> Result<(Cow<'_, str>, &'static str)> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(Error::NotADocument(crate::tr!(
                "read-bom-invalid",
                encoding = enc.name()
            )));
        }
        return Ok((text, enc.name()));
    }
    if let Ok(s) = simdutf8::basic::from_utf8(bytes) {
        return Ok((Cow::Borrowed(s), "UTF-8"));
    }
    let head = &bytes[..bytes.len().min(4096)];
    if looks_utf16(head) {
        let zeros_odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
        let zeros_even = head.iter().step_by(2).filter(|&&b| b == 0).count();
        let enc = if zeros_odd >= zeros_even {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if !had_errors {
            return Ok((text, enc.name()));
        }
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let mut enc = det.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    if enc == encoding_rs::GBK {
        // GB18030 is a superset of GBK; decode with the superset.
        enc = encoding_rs::GB18030;
    }
    // Plans are Chinese: a guess of a Latin or Cyrillic code page means the
    // bytes are not text we can read, and decoding would be mojibake.
    if enc != encoding_rs::GB18030 && enc != encoding_rs::BIG5 {
        return Err(Error::NotADocument(crate::tr!(
            "read-not-text-encoding",
            encoding = enc.name()
        )));
    }
    let (text, _, had_errors) = enc.decode(bytes);
    if had_errors {
        return Err(Error::NotADocument(crate::tr!(
            "read-invalid-encoding",
            encoding = enc.name()
        )));
    }
    Ok((text, enc.name()))
}

/// Is `c` a CJK ideograph or CJK/full-width punctuation? Spaces next to
/// such characters are converter artefacts (2018 年 12 月, 刘 华).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F   // CJK punctuation
        | 0x3400..=0x4DBF // Ext A
        | 0x4E00..=0x9FFF // Unified
        | 0xF900..=0xFAFF // Compatibility
        | 0xFF00..=0xFFEF // full-width forms
        | 0x2E80..=0x2FDF // radicals
        | 0x20000..=0x2FA1F)
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·' | '《' | '》')
}

/// Normalize inline text: every run of white space becomes one space, and
/// a space next to a CJK character (or between a digit and CJK) is removed.
/// Leading and trailing space is trimmed.
///
/// Works chunk by chunk: the text between white-space runs is copied
/// whole, and only the characters either side of a gap are decoded.
pub fn normalize_inline(s: &str) -> String {
    // Fast path: nothing to remove or collapse.
    match first_space(s) {
        None => s.to_string(),
        Some(first) => normalize_inline_from(s, first),
    }
}

/// [`normalize_inline`] for a caller that has already found the first
/// white space of `s`, at byte `first`.
pub(crate) fn normalize_inline_from(s: &str, first: usize) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chunk = 0..first;
    // Did the gap before `chunk` hold a tab? A run of white space holding
    // a tab separates cells (a table exported as text): it stays, as one
    // tab.
    let mut tab_before = false;
    loop {
        let text = &s[chunk.clone()];
        if let (Some(first_char), Some(prev)) = (text.chars().next(), out.chars().next_back()) {
            if tab_before {
                out.push('\t');
            } else if !is_cjk(prev) && !is_cjk(first_char) {
                out.push(' ');
            }
        }
        out.push_str(text);
        // The gap after the chunk, then the next chunk.
        let mut gap_end = chunk.end;
        if gap_end >= s.len() {
            break;
        }
        let mut tab = false;
        while let Some(c) = s[gap_end..].chars().next().filter(|&c| is_space(c)) {
            tab |= c == '\t';
            gap_end += c.len_utf8();
        }
        tab_before = tab;
        let next_end = first_space(&s[gap_end..]).map_or(s.len(), |k| gap_end + k);
        chunk = gap_end..next_end;
    }
    out
}

/// Characters that end a sentence or a clause a paragraph may end with.
pub(crate) fn ends_complete(text: &str) -> bool {
    match text.trim_end().chars().last() {
        None => true,
        Some(c) => matches!(
            c,
            '。' | '；'
                | ';'
                | '！'
                | '!'
                | '？'
                | '?'
                | '：'
                | ':'
                | '”'
                | '」'
                | '）'
                | ')'
                | '.'
                | '…'
        ),
    }
}

/// The openings of a structural unit (see [`starts_structure`]).
static STRUCTURE_START: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"^(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+[、.．]|\d+[、.．](?:\D|$)|\d{1,2}[)）]|[一二三四五六七八九十]是|附件|【[\p{Han}]{1,10}】|[\p{Han}]{1,8}[\d一二三四五六七八九十]{0,3}[：:])",
    )
    .expect("static regex")
});

/// Does `text` open a new structural unit (a label, a numbered item, a
/// heading-like line) rather than continue a sentence?
pub(crate) fn starts_structure(text: &str) -> bool {
    // The regex's openings, tested cheaply first: a bracket (【整改时限】
    // included), a numeral or 附 first, or a colon within the first
    // twelve characters (eight Han, three numerals, the colon).
    let Some(first) = text.chars().next() else {
        return false;
    };
    let may_open = matches!(first, '（' | '(' | '【' | '附' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
        // Decimal digits of any script, without a Unicode-table lookup
        // for the common case of an ideograph.
        || first.is_ascii_digit()
        || (!('\u{4e00}'..='\u{9fff}').contains(&first) && first.is_numeric())
        || text.chars().take(12).any(|c| matches!(c, '：' | ':'));
    may_open && (opens_with_label(text) || STRUCTURE_START.is_match(text))
}

/// A label (整改时限：): one to eight ideographs of the basic block, all
/// Han, then a colon — the regex's last opening in its commonest form,
/// told without running the regex.
fn opens_with_label(text: &str) -> bool {
    let mut chars = text.chars();
    for ideographs in 0..=8 {
        match chars.next() {
            Some('：' | ':') => return ideographs > 0,
            Some(c) if ('\u{4e00}'..='\u{9fff}').contains(&c) => {}
            _ => return false,
        }
    }
    false
}

/// Join paragraphs split at a page break: a paragraph that ends without
/// closing punctuation, followed by one that does not open a new unit,
/// was one paragraph in the original (see [`split_at_page_break`]). For a
/// reader that knows where its pages break and lays its paragraphs out
/// itself (PDF). Each join is reported.
pub fn join_page_breaks(blocks: &mut Vec<Block>, diags: &mut Vec<Diagnostic>) {
    join_split_paragraphs(blocks, diags, Break::Known, |_, _| true);
}

/// [`join_page_breaks`] for formats that know where their pages break
/// (a plain-text file's form feeds): only a pair on two pages is joined.
/// Lines of one page are separate paragraphs as written.
pub fn join_across_pages(blocks: &mut Vec<Block>, diags: &mut Vec<Diagnostic>) {
    join_split_paragraphs(blocks, diags, Break::Known, |prev, next| {
        prev.span.page.is_some() && next.span.page != prev.span.page
    });
}

/// Join paragraphs split at a page break that left no mark (DOCX, HTML,
/// and Markdown's blank lines): only sure splits, see [`Break::Unmarked`].
pub fn join_unmarked_page_breaks(blocks: &mut Vec<Block>, diags: &mut Vec<Diagnostic>) {
    join_split_paragraphs(blocks, diags, Break::Unmarked, |_, _| true);
}

/// What a reader knows of the break between two paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Break {
    /// A page break is known to lie between them (a PDF's pages, a form
    /// feed), or the reader's layout put it there: a paragraph cut
    /// mid-sentence goes on in the next.
    Known,
    /// Nothing says a page broke there. A paragraph break alone is no
    /// proof: converters write one between the cells of a flattened
    /// table, between a title's lines, after a label's value. Only a sure
    /// split is joined, and a doubtful one is left alone (a split sentence
    /// costs less than a corrupted number or a swallowed item): the first
    /// is running prose that stops mid-sentence, and the next is neither
    /// a cell-like fragment, a document number nor an organ.
    Unmarked,
}

/// Join the paragraphs split at a page break ([`split_at_page_break`];
/// `evidence` says how sure the break is) for which `may_join` also holds
/// (the reader's own evidence of a break between the two).
pub(crate) fn join_split_paragraphs(
    blocks: &mut Vec<Block>,
    diags: &mut Vec<Diagnostic>,
    evidence: Break,
    may_join: impl Fn(&Block, &Block) -> bool,
) {
    // In place: `dedup_by` pairs each block with the last one kept, and
    // drops it once its content has been appended to that one.
    blocks.dedup_by(|next, prev| {
        if !may_join(prev, next) || !split_at_page_break(prev, next, evidence) {
            return false;
        }
        let (pt, nt) = (prev.text(), next.text());
        diags.push(
            crate::diag!(
                PageBreakJoined;
                tail = tail_chars(pt, 8),
                head = head_chars(nt, 8)
            )
            .at(Some(prev.span.to(next.span))),
        );
        prev.append(next);
        true
    });
}

/// Is `next` the rest of `prev`, split from it at a page break? `prev`
/// stops mid-sentence, and `next` opens nothing of its own: no marker, no
/// label, no date, no number that the join would glue to another. Where
/// the break is [`Break::Unmarked`], `prev` must also be running prose and
/// `next` no fragment, document number or organ.
fn split_at_page_break(prev: &Block, next: &Block, evidence: Break) -> bool {
    let joinable_kinds = matches!(prev.kind, BlockKind::Paragraph | BlockKind::ListItem)
        && next.kind == BlockKind::Paragraph;
    let (pt, nt) = (prev.text(), next.text());
    // Cheap tests first: most paragraphs end a sentence, and the short
    // ones are headings; the structure regex last.
    joinable_kinds
        && !pt.is_empty()
        && !nt.is_empty()
        && !ends_complete(pt)
        && !is_label_only(pt)
        && memchr::memchr(b'\t', pt.as_bytes()).is_none()
        && memchr::memchr(b'\t', nt.as_bytes()).is_none()
        && !is_heading_like(pt)
        && !numbers_would_merge(pt, nt)
        && (evidence == Break::Known
            || (is_running_prose(pt)
                && !is_fragment(nt)
                && !is_reference_line(nt)
                && !lines::is_organ_line(nt)))
        && !starts_structure(nt)
        && !all_bold(prev)
        && !crate::text::is_date_line(nt)
        && !is_reference_line(pt)
}

/// Text a page break can cut: fifteen characters or more, with a clause
/// or a sentence mark among its last hundred (the cut sentence follows a
/// finished one, or has clauses of its own). A title, a header line or a
/// table cell has none. Only the tail is searched: a paragraph joined
/// many times is asked again after each join.
fn is_running_prose(text: &str) -> bool {
    let tail = text
        .char_indices()
        .rev()
        .nth(99)
        .map_or(text, |(i, _)| &text[i..]);
    text.chars().nth(14).is_some() && tail.contains(['，', ',', '、', '；', ';', '。', '！', '？'])
}

/// A short piece that does not end a sentence (县卫健局, 提前完成年度任务,
/// 98%): a table cell or a heading, not the end of a cut sentence, which
/// ends with its sentence.
fn is_fragment(text: &str) -> bool {
    text.chars().nth(20).is_none() && !ends_complete(text)
}

/// Would joining put a number next to a number, or take a row number or a
/// list number (3, 2), 4、) into the sentence before? `next` opens with
/// digits and either is nothing but a number, goes on with an item
/// marker, or follows a digit, a decimal point or a per cent sign.
fn numbers_would_merge(prev: &str, next: &str) -> bool {
    let is_digit = |c: char| c.is_ascii_digit() || ('０'..='９').contains(&c);
    let lead = next.chars().take_while(|&c| is_digit(c)).count();
    if lead == 0 {
        return false;
    }
    let mut rest = next.chars().skip(lead);
    let after = rest.next();
    after.is_none()
        || matches!(after, Some(')' | '）' | '、' | '.' | '．' | '%' | '％'))
        || prev
            .chars()
            .next_back()
            .is_some_and(|c| is_digit(c) || matches!(c, '.' | '．' | '%' | '％'))
}

/// A line that ends a block of its own: a document number (宝交党〔2024〕
/// 21号) or a row of 【…】 buttons and labels. Never half a sentence.
pub(crate) fn is_reference_line(text: &str) -> bool {
    let t = text.trim_end();
    if t.ends_with('】') {
        return true;
    }
    t.ends_with('号')
        && t.len() <= 60
        && t.rfind(['〕', ']', '）']).is_some_and(|i| {
            t[i..]
                .chars()
                .skip(1)
                .all(|c| c.is_ascii_digit() || c == '号' || ('０'..='９').contains(&c))
        })
}

/// A paragraph bold throughout is a title or a heading set in bold, not
/// the first half of a sentence.
fn all_bold(b: &Block) -> bool {
    !b.runs.is_empty()
        && b.runs
            .iter()
            .filter(|r| !r.struck && !r.text.trim().is_empty())
            .all(|r| r.bold)
}

/// A short line (a title, 一、反馈问题) is a heading, not half a sentence:
/// a page break splits a paragraph after a full line of text.
fn is_heading_like(text: &str) -> bool {
    // Counted no further than the test needs: the text before a page
    // break is often a long paragraph.
    let n = text.chars().take(31).count();
    n <= 12 || (n <= 30 && starts_structure(text))
}

/// A paragraph that is only a label (整改目标：) waits for its value below.
pub(crate) fn is_label_only(text: &str) -> bool {
    let t = text.trim_end();
    t.ends_with('：') || t.ends_with(':')
}

pub(crate) fn tail_chars(s: &str, n: usize) -> String {
    let start = match n.checked_sub(1) {
        Some(k) => s.char_indices().rev().nth(k).map_or(0, |(i, _)| i),
        None => s.len(),
    };
    s[start..].to_string()
}

pub(crate) fn head_chars(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// Report struck text once per block that has it.
pub fn report_struck(blocks: &[Block], diags: &mut Vec<Diagnostic>) {
    fn walk(b: &Block, diags: &mut Vec<Diagnostic>) {
        if b.has_struck() {
            let struck: Vec<&str> = b
                .runs
                .iter()
                .filter(|r| r.struck)
                .map(|r| r.text.as_str())
                .collect();
            diags.push(crate::diag!(StruckTextDropped; text = struck.join(" / ")).at(Some(b.span)));
        }
        if let Some(t) = &b.table {
            for row in &t.rows {
                for c in row.iter().filter(|c| !c.covered) {
                    for cb in &c.blocks {
                        walk(cb, diags);
                    }
                }
            }
        }
    }
    for b in blocks {
        walk(b, diags);
    }
}

/// The encoding name as the output spells it (GB18030, UTF-8, UTF-16LE).
pub fn encoding_label(name: &str) -> String {
    name.to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_line_joins_only_a_sentence_cut_by_a_page_break() {
        let para = |t: &str| {
            let run = Run {
                text: t.into(),
                ..Run::default()
            };
            Block::new(BlockKind::Paragraph, vec![run], Span::default())
        };
        let prose = "对提出的意见和交办的任务，诚恳接受并全面消化吸";
        for (prev, next, join) in [
            (prose, "收，主动认领。", true),
            (prose, "16010名学生开展筛查，完成率百分之百。", true),
            // A row number, a bare number, a list number.
            ("已完成年度任务，并完成民生实事系统销号", "3", false),
            (
                "截至6月底，已完成筛查12100人，达到100.58",
                "4份报告已报送市里审核。",
                false,
            ),
            (
                "截至6月底，已完成筛查12100人，达到100.58%",
                "2)新建公交候车亭20座",
                false,
            ),
            (prose, "98%", false),
            // A cell, a heading, a short line that ends no sentence.
            (prose, "县卫健局", false),
            (prose, "提前完成年度任务", false),
            // Not running prose: a title, a header cell, a label's value.
            (
                "县人民政府关于印发《2024年环境问题整改方案》的通知",
                "县政发〔2024〕5号",
                false,
            ),
            (
                "2024年县政府重点工作任务分解和责任分工方案",
                "为全面贯彻落实会议精神，现提出如下分工。",
                false,
            ),
            (
                "责任单位:各乡镇,各相关单位",
                "7.其他主要经济指标不低于全市平均水平。",
                false,
            ),
            (
                "责任单位：各乡镇，县直各部门及有关单位",
                "其他主要经济指标不低于全市平均水平。",
                false,
            ),
            // A date, a signing organ.
            (prose, "二〇二四年三月六日", false),
            (prose, "县生态环境局", false),
        ] {
            assert_eq!(
                split_at_page_break(&para(prev), &para(next), Break::Unmarked),
                join,
                "{prev} | {next}"
            );
        }
        // A known page break (a PDF's narrow table cell) joins a cut line
        // without clauses, but never glues numbers either.
        for (prev, next, join) in [
            (
                "2018年底前完成油罐使用15年以上的加油站和在饮用",
                "水源地",
                true,
            ),
            ("已完成年度任务，并完成民生实事系统销号", "3", false),
            (
                "截至6月底，已完成筛查12100人，达到100.58",
                "4份报告已报送。",
                false,
            ),
        ] {
            assert_eq!(
                split_at_page_break(&para(prev), &para(next), Break::Known),
                join,
                "{prev} | {next}"
            );
        }
    }

    #[test]
    fn lines_that_end_a_block_of_their_own() {
        assert!(is_reference_line("宝交党〔2024〕21号"));
        assert!(is_reference_line("发布时间：2024-03-14【字号大中小】"));
        assert!(!is_reference_line("按照市委的部署要求，对照问题清单逐一编"));
        assert!(crate::text::is_date_line("2023年4月18日"));
        assert!(!crate::text::is_date_line("2023年4月18日，召开会议"));
        assert!(crate::text::is_date_line("二〇二四年三月六日"));
        assert!(crate::text::is_date_line("２０２４年３月６日"));
        assert!(!crate::text::is_date_line("二〇二四年三月的最后一日"));
    }

    /// The first, char-by-char `normalize_inline`: the oracle for the
    /// chunked one.
    fn normalize_by_chars(s: &str) -> String {
        let mut out = String::new();
        let (mut pending_space, mut pending_tab) = (false, false);
        let mut prev: Option<char> = None;
        for c in s.chars() {
            if is_space(c) {
                pending_space = prev.is_some();
                pending_tab |= c == '\t' && prev.is_some();
                continue;
            }
            if pending_tab {
                out.push('\t');
            } else if pending_space && prev.is_some_and(|p| !is_cjk(p)) && !is_cjk(c) {
                out.push(' ');
            }
            pending_space = false;
            pending_tab = false;
            out.push(c);
            prev = Some(c);
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn binary_test_counts_controls_as_written(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..3000),
            text in proptest::collection::vec(0x1fu8..0x7f, 0..9000),
        ) {
            for b in [&bytes, &text] {
                let head = &b[..b.len().min(8192)];
                let ctrl = head
                    .iter()
                    .filter(|&&c| c == 0 || (c < 0x20 && !matches!(c, b'\n' | b'\r' | b'\t' | 0x0c)))
                    .count();
                let naive = !b.starts_with(&[0xFF, 0xFE])
                    && !b.starts_with(&[0xFE, 0xFF])
                    && !head.is_empty()
                    && (head.iter().filter(|&&c| c == 0).count() * 100 > head.len()
                        && !looks_utf16(head)
                        || ctrl * 20 > head.len());
                proptest::prop_assert_eq!(is_binary(b), naive);
            }
        }

        #[test]
        fn joined_normalized_runs_stay_normalized(
            a in "[ \t\u{3000}a1年]{0,8}",
            b in "[ \t\u{3000}a1年]{0,8}",
        ) {
            let runs: Vec<Run> = [a, b]
                .iter()
                .map(|t| Run { text: normalize_inline(t), ..Run::default() })
                .filter(|r| !r.text.is_empty())
                .collect();
            let fast = Block::normalized(BlockKind::Paragraph, runs.clone(), Span::default());
            let slow = Block::new(BlockKind::Paragraph, runs, Span::default());
            proptest::prop_assert_eq!(fast.text(), slow.text());
        }

        #[test]
        fn chunked_normalization_agrees_with_char_by_char(
            s in "[ \t\u{3000}\u{a0}\u{200b}a1.年（]{0,12}"
        ) {
            proptest::prop_assert_eq!(normalize_inline(&s), normalize_by_chars(&s));
        }
    }

    /// The first `join_page_breaks`, moving the blocks into a new Vec:
    /// the oracle for the in-place one.
    fn join_by_copy(blocks: &mut Vec<Block>, diags: &mut Vec<Diagnostic>) {
        let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
        for mut b in blocks.drain(..) {
            if let Some(prev) = out.last_mut() {
                let (pt, nt) = (prev.text(), b.text());
                if split_at_page_break(prev, &b, Break::Known) {
                    let diag = crate::diag!(
                        PageBreakJoined;
                        tail = tail_chars(pt, 8),
                        head = head_chars(nt, 8)
                    );
                    let at = Some(prev.span.to(b.span));
                    diags.push(diag.at(at));
                    prev.append(&mut b);
                    continue;
                }
            }
            out.push(b);
        }
        *blocks = out;
    }

    proptest::proptest! {
        #[test]
        fn joins_in_place_as_by_copy(
            parts in proptest::collection::vec(
                (
                    proptest::sample::select(vec![
                        "", "整改", "对提出的意见和交办的任务诚恳接受并全面消化吸", "收，主动认领。",
                        "（一）总体要求", "整改时限：年底", "a\tb", "各县市区要迅速行动起来全面完成整改任务",
                        "二是强化", "加强监管，确保整改到位：年底前",
                    ]),
                    0u8..3,
                ),
                0..10,
            ),
        ) {
            let mut blocks: Vec<Block> = parts
                .iter()
                .enumerate()
                .map(|(i, (t, k))| {
                    let kind = [BlockKind::Paragraph, BlockKind::ListItem, BlockKind::Heading(1)]
                        [usize::from(*k)];
                    let run = Run { text: (*t).into(), bold: i % 3 == 0, struck: false };
                    let span = Span { line: i as u32, page: None, start: i, end: i + 1 };
                    Block::new(kind, vec![run], span)
                })
                .collect();
            let mut expected = blocks.clone();
            let (mut diags, mut expected_diags) = (Vec::new(), Vec::new());
            join_page_breaks(&mut blocks, &mut diags);
            join_by_copy(&mut expected, &mut expected_diags);
            proptest::prop_assert_eq!(blocks, expected);
            proptest::prop_assert_eq!(diags, expected_diags);
        }

        #[test]
        fn format_prefilters_agree_with_the_full_tests(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    &b"\xef\xbb\xbf"[..], b" ", b"\t", "\u{3000}".as_bytes(), "\u{85}".as_bytes(),
                    b"<", b"<html", b"#", b"\xff", b"\xe3\x80", b"%", b"%PDF-", b"%PD", b"a",
                    "整".as_bytes(),
                ]),
                0..8,
            ),
        ) {
            let head = parts.concat();
            let lossy = String::from_utf8_lossy(&head).to_ascii_lowercase();
            let trimmed = lossy.trim_start_matches('\u{feff}').trim_start();
            proptest::prop_assert_eq!(opens_with_lt(&head), trimmed.starts_with('<'));
            proptest::prop_assert_eq!(
                has_pdf_magic(&head),
                head.windows(5).any(|w| w == b"%PDF-")
            );
        }
    }

    #[test]
    fn a_plain_block_is_held_once_and_still_gives_its_run() {
        let run = |t: &str, bold| Run {
            text: t.into(),
            bold,
            struck: false,
        };
        let span = Span::default();
        let plain = || Block::normalized(BlockKind::Paragraph, vec![run("整改", false)], span);
        let mut a = plain();
        assert!(a.runs.is_empty());
        assert_eq!(a.runs().as_ref(), [run("整改", false)]);
        assert!(!a.bold_start() && !a.has_struck());
        assert_eq!(
            Block::new(BlockKind::Paragraph, vec![run("整改", false)], span),
            a
        );
        a.append(&mut Block::normalized(
            BlockKind::Paragraph,
            vec![run("时限", true)],
            span,
        ));
        assert_eq!(a.text(), "整改时限");
        assert_eq!(a.runs().as_ref(), [run("整改", false), run("时限", true)]);
        let mut b = plain();
        b.append(&mut plain());
        assert_eq!((b.text(), b.runs.len()), ("整改整改", 2));
        let bold = Block::normalized(BlockKind::Paragraph, vec![run("标签", true)], span);
        assert!(bold.bold_start());
        assert_eq!(bold.runs().as_ref(), [run("标签", true)]);
    }

    #[test]
    fn tail_and_head_chars() {
        assert_eq!(tail_chars("整改到位abc", 4), "位abc");
        assert_eq!(tail_chars("短", 8), "短");
        assert_eq!(tail_chars("短", 0), "");
        assert_eq!(tail_chars("", 3), "");
        assert_eq!(head_chars("整改到位abc", 2), "整改");
    }

    proptest::proptest! {
        #[test]
        fn label_shortcut_agrees_with_the_regex(
            s in "[整改时限一二十附件是（(）)、.．:：12１a\u{3400}\u{20000}]{0,14}"
        ) {
            proptest::prop_assert_eq!(starts_structure(&s), STRUCTURE_START.is_match(&s));
        }
    }

    #[test]
    fn structure_openings() {
        for t in [
            "（一）总体要求",
            "(2)落实",
            "三、保障措施",
            "12、加强",
            "二是强化",
            "附件1",
            "整改时限：年底",
            "牵头领导2：某某",
        ] {
            assert!(starts_structure(t), "{t}");
        }
        for t in [
            "各县市区要迅速行动",
            "2018年底前完成",
            "",
            "加强监管，确保整改到位：年底前",
        ] {
            assert!(!starts_structure(t), "{t}");
        }
    }

    #[test]
    fn spaces_next_to_cjk_are_removed() {
        assert_eq!(normalize_inline("2018 年 12 月 31 日"), "2018年12月31日");
        assert_eq!(
            normalize_inline("廖 勇（市环保局副局长）"),
            "廖勇（市环保局副局长）"
        );
        assert_eq!(normalize_inline("PM2.5  and  NOx"), "PM2.5 and NOx");
        assert_eq!(normalize_inline("  a  b  "), "a b");
        assert_eq!(
            normalize_inline("序号\t反馈问题 \t 整改时限\t"),
            "序号\t反馈问题\t整改时限"
        );
    }

    #[test]
    fn decodes_gb18030_and_utf16() {
        let (gbk, _, _) =
            encoding_rs::GB18030.encode("湘潭市落实湖南省环境保护督察反馈问题整改工作方案");
        let (s, enc) = decode_text(&gbk).unwrap();
        assert_eq!(s, "湘潭市落实湖南省环境保护督察反馈问题整改工作方案");
        assert_eq!(enc, "gb18030");
        assert_eq!(encoding_label(enc), "GB18030");
        let mut u16 = vec![0xFF, 0xFE];
        for u in "整改时限".encode_utf16() {
            u16.extend_from_slice(&u.to_le_bytes());
        }
        let (s, enc) = decode_text(&u16).unwrap();
        assert_eq!((s.as_ref(), enc), ("整改时限", "UTF-16LE"));
    }

    #[test]
    fn detects_formats_by_content() {
        assert_eq!(detect_format(b"%PDF-1.7\n", "x.doc").unwrap(), Format::Pdf);
        assert_eq!(
            detect_format(b"<!DOCTYPE html><html>", "x.doc").unwrap(),
            Format::Html
        );
        assert!(
            detect_format(
                &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0],
                "x.doc"
            )
            .is_err()
        );
        assert!(detect_format(b"\x00\x01\x02\x03junk\x00\x00", "x.bin").is_err());
        assert_eq!(
            detect_format("# 标题\n".as_bytes(), "x.txt").unwrap(),
            Format::Markdown
        );
    }
}
