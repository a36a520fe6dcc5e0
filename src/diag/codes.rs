//! Every diagnostic and finding code, defined once: its stable English
//! identifier (trackers key on it, it is written byte for byte into the
//! JSON), its level and a one-line meaning in Chinese and English.
//!
//! The message catalogues (`locales/*/zhenggai.ftl`) are keyed by the same
//! identifiers; a test checks that every code has a message in both.

use super::Level;
use crate::i18n::Lang;

/// Where a code is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A diagnostic of `extract` (readers, parser, normalizers).
    Diagnostic,
    /// A finding of `validate` (ledger against plan).
    Finding,
}

macro_rules! codes {
    ($( $var:ident = $s:literal, $kind:ident, $lvl:ident, $zh:literal, $en:literal; )*) => {
        /// A diagnostic or finding code. See the module documentation.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Code { $($var,)* }

        impl Code {
            /// Every code, in the order of the table.
            pub const ALL: &'static [Code] = &[$(Code::$var,)*];

            /// The stable identifier, as written in JSON and reports.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$var => $s,)* }
            }
            /// How much a reviewer should care.
            pub fn level(self) -> Level {
                match self { $(Code::$var => Level::$lvl,)* }
            }
            /// Diagnostic or ledger finding.
            pub fn kind(self) -> Kind {
                match self { $(Code::$var => Kind::$kind,)* }
            }
            /// What the code means, in one line.
            pub fn meaning(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Code::$var, Lang::Zh) => $zh, (Code::$var, Lang::En) => $en,)*
                }
            }
            /// The code whose identifier is `s`.
            pub fn parse(s: &str) -> Option<Code> {
                match s { $($s => Some(Code::$var),)* _ => None }
            }
        }
    };
}

codes! {
    // Readers.
    NestingCapped = "nesting-capped", Diagnostic, Warning,
        "HTML 元素嵌套过深，超出层数的标签已略去（文字保留）",
        "HTML elements nested too deep: the tags beyond the cap were left out (their text kept)";
    CharsetMismatch = "charset-mismatch", Diagnostic, Warning,
        "网页声明的字符集与实际编码不符，已按 UTF-8 读取",
        "the page declares another charset than its bytes are in; read as UTF-8";
    InvalidCharacters = "invalid-characters", Diagnostic, Warning,
        "网页含有所声明编码下无效的字节，已替换",
        "the page has bytes invalid in its declared encoding; they were replaced";
    PageBreakJoined = "page-break-joined", Diagnostic, Info,
        "被分页断开的段落已接合",
        "a paragraph split at a page break was joined";
    StruckTextDropped = "struck-text-dropped", Diagnostic, Info,
        "带删除线的文字未计入字段值",
        "struck-through text was left out of the values";
    ControlCharactersRemoved = "control-characters-removed", Diagnostic, Warning,
        "从文本中删除了控制字符，文件可能已损坏",
        "control characters were removed from the text; the file may be damaged";
    RadicalFormsMapped = "radical-forms-mapped", Diagnostic, Info,
        "康熙部首或兼容汉字已映射为对应的常用汉字",
        "Kangxi radicals or compatibility ideographs were mapped to the ideographs they stand for";
    OcrRepaired = "ocr-repaired", Diagnostic, Info,
        "已修正 OCR 误识别的文字",
        "OCR misreads were repaired";
    PdfRepaired = "pdf-repaired", Diagnostic, Warning,
        "PDF 交叉引用表损坏，已重建，可能缺少部分文字",
        "the PDF's cross-reference table was damaged and rebuilt; some text may be missing";
    PdfOwnerPassword = "pdf-owner-password", Diagnostic, Info,
        "PDF 仅设有所有者密码，无需密码即可打开并已读取",
        "the PDF has an owner password only; it opens without a password and was read";
    PdfContentDamaged = "pdf-content-damaged", Diagnostic, Warning,
        "PDF 页面内容流损坏，损坏处之后的文字缺失",
        "a page's content stream is damaged; the text after the damage is missing";
    PdfDecompressionCapped = "pdf-decompression-capped", Diagnostic, Warning,
        "PDF 解压后的内容超出上限，部分页面内容未读取",
        "the PDF's streams decompress beyond the limit; some page content was left out";
    NoTextLayer = "no-text-layer", Diagnostic, Warning,
        "页面是没有文字层的图片（扫描件），需要 OCR",
        "a page is an image without a text layer (scanned): OCR needed";
    OcrTextLayer = "ocr-text-layer", Diagnostic, Info,
        "PDF 的文字层由 OCR 生成，已修正误识别",
        "the PDF's text layer was made by OCR; misreads are repaired";
    OcrPageSkipped = "ocr-page-skipped", Diagnostic, Warning,
        "页面未经 OCR 读取",
        "a page was not read by OCR";
    OcrPageFailed = "ocr-page-failed", Diagnostic, Warning,
        "页面 OCR 识别失败",
        "OCR of a page failed";
    OcrConfidence = "ocr-confidence", Diagnostic, Info,
        "页面经 OCR 读取，附平均置信度",
        "a page was read by OCR, with its mean word confidence";
    PdfUndecodableGlyph = "pdf-undecodable-glyph", Diagnostic, Warning,
        "PDF 字体中有字形无 Unicode 映射，显示为 U+FFFD",
        "glyphs of a PDF font have no Unicode mapping; shown as U+FFFD";
    PageFurnitureDropped = "page-furniture-dropped", Diagnostic, Info,
        "已删去页码、页眉、页脚行",
        "running page numbers, headers and footers were dropped";
    TableRowJoined = "table-row-joined", Diagnostic, Info,
        "被分页断开的表格行已接合",
        "a table row split at a page break was joined";
    // Parser.
    NoticeUnnumbered = "notice-unnumbered", Diagnostic, Info,
        "部分通知没有“第N项”编号，按位置编号",
        "some notices give no 第N项 number: their seq is their position";
    NoticeFieldsShared = "notice-fields-shared", Diagnostic, Info,
        "一份公示列出多个问题，各问题共用公示的责任单位、措施、时限和完成情况",
        "a notice lists several problems: each carries the notice's units, measures, deadline and status";
    GroupFieldsShared = "group-fields-shared", Diagnostic, Info,
        "一组问题的责任单位、时限等字段写在组末，组内各问题共用",
        "a group's sub-items are problems that share the fields written once after the last of them";
    GroupItemsJoined = "group-items-joined", Diagnostic, Warning,
        "几个编号条目之后才写字段，无法确定是否各为一个问题，合为一个问题",
        "numbered items are followed by fields only after the last: not certain to be problems each, they are one problem";
    ShapeWeakEvidence = "shape-weak-evidence", Diagnostic, Info,
        "文档体例的判断依据较少",
        "the document's shape was recognized on little evidence";
    MissingField = "missing-field", Diagnostic, Warning,
        "问题缺少某个字段（整改时限、责任单位、整改措施等）",
        "a problem lacks a field (deadline, responsible unit, measures …)";
    TableTextRecovered = "table-text-recovered", Diagnostic, Warning,
        "被展平为文字的清单表格已按表头列序重建",
        "a checklist table flattened into text was rebuilt from its header's column order";
    DeadlineFromText = "deadline-from-text", Diagnostic, Info,
        "整改时限取自正文措辞而非“整改时限”标签",
        "the deadline was taken from the wording, not from a 整改时限 label";
    NoChecklist = "no-checklist", Diagnostic, Error,
        "未找到问题清单",
        "no problems found";
    UnlabelledText = "unlabelled-text", Diagnostic, Warning,
        "有文字不属于任何字段",
        "text outside any field";
    LabelWithoutValue = "label-without-value", Diagnostic, Warning,
        "字段标签后没有内容",
        "a field label has no value";
    TitleNotFound = "title-not-found", Diagnostic, Info,
        "问题或文档的标题未能确定，留空",
        "a problem's or the document's title could not be told: title left empty";
    RepeatedLabel = "repeated-label", Diagnostic, Warning,
        "同一问题内字段标签重复出现，保留第一处的内容",
        "a field label appears again within one problem: the first value is kept";
    ProblemNumberRepeated = "problem-number-repeated", Diagnostic, Warning,
        "问题编号重复",
        "a problem number appears more than once";
    ProblemNumberSkipped = "problem-number-skipped", Diagnostic, Warning,
        "问题编号有跳号",
        "problem numbers skip";
    ProblemNumberOutOfOrder = "problem-number-out-of-order", Diagnostic, Warning,
        "问题编号顺序颠倒",
        "problem numbers are out of order";
    NonIntegerCount = "non-integer-count", Diagnostic, Warning,
        "计数出现小数，可能是笔误",
        "a count of discrete things has a fraction: probably a typo";
    EmptyChecklistTable = "empty-checklist-table", Diagnostic, Warning,
        "清单表格只有表头没有数据行",
        "a checklist table has a header but no rows";
    // Normalizers.
    AmbiguousRegion = "ambiguous-region", Diagnostic, Info,
        "地区名对应多个地方，单位名称按原文",
        "the region names several places; units are named as written";
    RegionNotFound = "region-not-found", Diagnostic, Info,
        "文档未写明地区，以市、县、区开头的单位简称未补全地名",
        "the document names no region: units written with 市/县/区 are not given a place (see --region)";
    UnknownUnit = "unknown-unit", Diagnostic, Info,
        "单位不在词典中",
        "a unit is not in the dictionary";
    UnitNameVaries = "unit-name-varies", Diagnostic, Info,
        "单位简称在各地名称不同，给出通用全称",
        "a unit's short name differs from city to city; the plain expansion is given";
    VaguePeriod = "vague-period", Diagnostic, Warning,
        "时限未给出确切日期，未记录日期",
        "a deadline names no definite date; no date recorded";
    UnparsedDeadline = "unparsed-deadline", Diagnostic, Warning,
        "时限中没有可解析的日期或时间",
        "a deadline holds no date or time expression that could be read";
    DatePartial = "date-partial", Diagnostic, Warning,
        "日期只部分可解析",
        "a date could be read only in part";
    InvalidDate = "invalid-date", Diagnostic, Warning,
        "日期无效（不存在或先后颠倒），未记录日期",
        "a date is invalid (not on the calendar, or ends before it starts); no date recorded";
    IssueDateUnknown = "issue-date-unknown", Diagnostic, Warning,
        "相对时限需要印发日期，但日期未知（可用 --date 指定）",
        "a relative deadline needs the issue date, which is not known (give --date)";
    HolidayUnknown = "holiday-unknown", Diagnostic, Warning,
        "时限涉及可能的法定节假日，无法计算截止日期",
        "a deadline counts across possible public holidays; no end date recorded";
    DurationUncounted = "duration-uncounted", Diagnostic, Info,
        "期限不是整天数或整月数，未计算截止日期",
        "a duration is not a whole number of days or months; no end date recorded";
    YearUnknown = "year-unknown", Diagnostic, Warning,
        "日期没有年份且文档年份未知",
        "a date has no year and the document year is unknown";
    FestivalDateUnknown = "festival-date-unknown", Diagnostic, Warning,
        "节日在该年的日期未知",
        "a festival's day in that year is not known";
    DefaultUnits = "default-units", Diagnostic, Info,
        "方案声明的共同单位已加到每个问题",
        "units the plan declares for all items were added to every problem";
    ProblemCountMismatch = "problem-count-mismatch", Diagnostic, Warning,
        "方案声明的问题数与找到的不一致",
        "the plan states another number of problems than were found";
    InspectionDateConflict = "inspection-date-conflict", Diagnostic, Warning,
        "督察时间或反馈日期前后表述不一致",
        "the inspection period or feedback date is stated differently in two places";
    CollectiveRole = "collective-role", Diagnostic, Info,
        "人员栏中的集体职务（如各村村主任）不是具体人员，未列入",
        "a role many hold (各村村主任) in a list of people is no one person; left out";
    NameRemnant = "name-remnant", Diagnostic, Info,
        "人名中无法识别的残字已删去",
        "an unreadable remnant in a list of names was dropped";
    NamesSplit = "names-split", Diagnostic, Info,
        "无分隔符连写的人名已拆分",
        "names written without a separator were split";
    // Ledger findings.
    MissingProblem = "missing-problem", Finding, Error,
        "方案中的问题在台账中没有对应行",
        "a problem of the plan has no row in the ledger";
    ExtraRow = "extra-row", Finding, Warning,
        "台账行不对应方案中的任何问题",
        "a ledger row matches no problem of the plan";
    DuplicateRow = "duplicate-row", Finding, Warning,
        "台账行重复了同一问题的前一行",
        "a ledger row repeats an earlier row of the same problem";
    DeadlineDiffers = "deadline-differs", Finding, Error,
        "整改时限或完成日期与方案不符",
        "the deadline or due date differs from the plan";
    LeadUnitDiffers = "lead-unit-differs", Finding, Error,
        "牵头单位与方案不符",
        "the lead units differ from the plan";
    UnitMissing = "unit-missing", Finding, Error,
        "方案列出的单位台账中没有",
        "a unit the plan names is not in the ledger";
    UnitExtra = "unit-extra", Finding, Warning,
        "台账列出了方案没有的单位",
        "the ledger names a unit the plan does not";
    PersonDiffers = "person-differs", Finding, Warning,
        "责任领导、责任人或联系人与方案不符",
        "leaders, responsible people or contacts differ from the plan";
    MeasureCountDiffers = "measure-count-differs", Finding, Warning,
        "整改措施条数与方案不符",
        "the ledger lists another number of measures than the plan";
    TextDiffers = "text-differs", Finding, Warning,
        "反馈问题、整改目标或措施文字与方案不符",
        "the problem, target or a measure's text differs from the plan";
    UnparseableValue = "unparseable-value", Finding, Warning,
        "单元格内容无法按所在列读取",
        "a cell could not be read as the value its column holds";
    StatusInconsistent = "status-inconsistent", Finding, Warning,
        "整改进展与时限（按 --as-of 日期）矛盾",
        "the progress column contradicts the deadline as of --as-of";
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The table of every code as Markdown (the README's table is this text
/// between its `codes-table` markers; `tests` checks they agree).
pub fn markdown_table() -> String {
    let mut s = String::from("| code | level | kind | 含义 | meaning |\n|---|---|---|---|---|\n");
    for c in Code::ALL {
        let level = match c.level() {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        };
        let kind = match c.kind() {
            Kind::Diagnostic => "diagnostic",
            Kind::Finding => "finding",
        };
        s.push_str(&format!(
            "| `{}` | {level} | {kind} | {} | {} |\n",
            c.as_str(),
            c.meaning(Lang::Zh),
            c.meaning(Lang::En)
        ));
    }
    s
}
