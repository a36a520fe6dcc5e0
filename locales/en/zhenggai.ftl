# zhenggai: English messages. Keys are the diagnostic and finding codes
# (src/diag/codes.rs); attributes are variants of a code's message.
# Every key and argument here must be in ../zh-CN/zhenggai.ftl too.

## Diagnostics: readers

nesting-capped = { $capped } tags of elements nested deeper than { $max } levels left out (their text is kept)
charset-mismatch = the page declares { $charset } but is UTF-8; read as UTF-8
invalid-characters = the page has byte sequences invalid in its declared { $charset }; they were replaced
page-break-joined = joined a paragraph split at a page break: …{ $tail } | { $head }…
    .after-page = joined a paragraph across the break after page { $page }: …{ $tail } | { $head }…
struck-text-dropped = struck-through text left out of values: { $text }
control-characters-removed = removed { $count } control characters (NUL and other C0 controls) from the text; the file may be damaged
radical-forms-mapped = mapped { $count } Kangxi radicals or compatibility ideographs (U+2F00 → 一) to the ideographs they stand for
ocr-repaired = line { $line }: OCR misreads repaired: { $notes }
    .page = page { $page } line { $line }: OCR misreads repaired: { $notes }
    .name = OCR misread of a name repaired: `{ $wrong }` → `{ $right }` ({ $right } is written with the same duty elsewhere in the plan, { $wrong } nowhere else)
pdf-repaired = the PDF's cross-reference table was damaged and has been rebuilt; some text may be missing
pdf-owner-password = the PDF is encrypted with an owner password only (its permissions may restrict copying); it opens without a password and was read
pdf-content-damaged = page { $page }: the content stream is damaged; text after the damage is missing
pdf-decompression-capped = page { $page }: content left out: the file's streams decompress to more than { $mib } MiB in all
no-text-layer = page { $page } is an image without a text layer (scanned): OCR needed (left out by --no-ocr)
ocr-text-layer = the text layer was made by OCR ({ $tool }); OCR misreads are repaired
ocr-page-skipped = page { $page }: not read by OCR: { $error }
ocr-page-failed = page { $page }: OCR failed: { $error }
ocr-confidence = page { $page }: read by OCR, mean word confidence { $confidence }%
pdf-undecodable-glyph = page { $page }: { $count } glyph(s) in font { $fonts } have no Unicode mapping (codes { $codes }); shown as U+FFFD
page-furniture-dropped = dropped { $count } running page number / header / footer line(s)
table-row-joined = joined a table row split at the break before page { $page }

## Diagnostics: parser

notice-unnumbered = some notices of the batch give no 第N项 number: their seq is their position
notice-fields-shared = the notice lists { $count } problems under one heading: each carries the notice's units, measures, deadline and status
group-fields-shared = the { $count } items under “{ $group }” are problems of their own that share the fields written after the last of them
group-items-joined = { $label }: the { $count } numbered items up to the one followed by fields are one problem (no group heading says each is a problem)
shape-weak-evidence = read as a task list with duties in brackets on the strength of only { $count } numbered items
    .notice = read as a sectioned notice on the strength of one notice whose heading numbers its problem
missing-field = { $label }: no { $what }
table-text-recovered = a checklist table flattened into text was rebuilt into { $rows } rows from its header's column order
    .uncertain = a checklist table flattened into text was rebuilt into { $rows } rows from its header's column order; { $uncertain } rows had more or fewer cells than the header, or a cell that contradicts its column, and were placed by what each cell looks like (unit, date, status, text)
    .cell-missing = flattened table, row { $row }: fewer cells than the header; { $columns } left empty rather than guessed
    .cell-unplaced = flattened table, row { $row }: a cell fits no column and was left out: { $text }
    .group-row = flattened table: a group row between the rows was left out: { $text }
    .units-undecided = flattened table, row { $row }: more unit cells than unit columns; which role each holds is unclear, so the units were left empty: { $text }
deadline-from-text = the deadline was taken from the task's own wording (no 整改时限 label)
    .progress = the deadline was taken from the progress text: { $text }
no-checklist = no problems found: no 反馈问题 labels, numbered problems with 整改时限/责任单位 fields, or checklist table; `zhenggai text` shows the text as it was read
unlabelled-text = text outside any field: { $text }
title-not-found = problem { $label } has no title: its text has no sentence end and is too long or several lines to be one
    .document = the document's title was not found (no heading or short line naming a 方案/清单/通知… before the checklist)
repeated-label = { $name }： appears again in problem { $label }; the first value is kept, this one is left out: { $text }
label-without-value = { $name }： has no value
    .measures-cell = empty 整改措施 cell
problem-number-repeated = { $label } appears more than once
problem-number-skipped = problem numbers skip from { $from } to { $to } (missing { $missing })
problem-number-out-of-order = { $label } follows problem { $previous }
non-integer-count = “{ $text }” counts discrete things with a fraction: probably a typo
empty-checklist-table = a checklist table has a header but no rows

## Diagnostics: normalizers

ambiguous-region = the region { $region } names several places; units are named as written there
region-not-found = the document names no region: units written with 市/县/区 are not given a place; --region gives one
unknown-unit = unit not in the dictionary, kept as written: { $text }
    .placed = unit not in the dictionary: { $text }, named { $name } with the plan's place
unit-name-varies = { $text } is named differently from city to city; the plain expansion { $name } is given
vague-period = “{ $text }” names a period whose dates vary (a season, the flood or heating season, the beginning of a year); no date recorded
    .deadline = deadline “{ $text }” names no date (“{ $word }”); no date recorded
unparsed-deadline = deadline “{ $text }” holds no date or time expression
    .bare-date = “{ $text }” looks like a date written without 年/月/日; not interpreted
date-partial = “{ $text }” is followed by words not understood as part of the date; no date recorded
    .end = the end of “{ $text }” is not a date that can be resolved; only its start recorded
invalid-date = “{ $text }” is not a calendar date; no date recorded
    .before-issue = “{ $text }” ends before the issue date; no date recorded
    .reversed = “{ $text }” ends before it starts; no date recorded
issue-date-unknown = “{ $text }” counts from the document's issue date, which is not known (give --date); no date recorded
holiday-unknown = “{ $text }” ends on or counts across days that may be public holidays, which the State Council sets each year; no end date recorded
duration-uncounted = “{ $text }” is not a whole number of days or months; no end date recorded
year-unknown = “{ $text }” has no year and the document year is unknown; no date recorded
festival-date-unknown = “{ $text }” names a festival whose day in that year is not in the festival table (the Spring Festival of 2000–2050, 元旦, 劳动节, 国庆); no date recorded
default-units = every problem also lists { $text }, as the plan declares for all its items
problem-count-mismatch = the plan states { $stated } problems but { $found } were found
inspection-date-conflict = the inspection period is stated as { $stated } and elsewhere as { $other }; using the plan's own { $stated }
    .feedback = the feedback date is stated as { $stated } and elsewhere as { $other }
collective-role = “{ $text }” is a role many hold, not one person; left out of the people
name-remnant = dropped unreadable remnant { $remnant } in { $head }; kept { $kept }
names-split = names written without a separator: { $text } → { $names }

## Errors: why a file could not be read (src/diag/mod.rs Error)

error-io = cannot read: { $detail }; check the path and the read permission
error-empty = empty input: the file holds no bytes; check that it was downloaded or copied completely
error-not-a-document = not a document: { $detail }; give the plan as PDF, DOCX, HTML, Markdown or text
error-unsupported = unsupported format: { $detail }
error-encrypted = encrypted: the PDF needs a password; pass it with --password
error-wrong-password = wrong password: the PDF could not be decrypted with the password given; check the value of --password
error-no-text-layer = no-text-layer: pages { $pages } are images only (scanned): no text layer, OCR needed (run without --no-ocr to read them with Tesseract)
error-ocr-unavailable = ocr-unavailable: { $detail }
error-damaged = damaged { $format }: { $detail }; the file may be incomplete: download it again or ask the issuing office for the original
error-too-large = too large: { $detail }; check that this is the right file, or split it
error-json = invalid JSON: { $detail }; check that the file is complete

## Command line

cli-stdin-unreadable = -: cannot read standard input: { $error }
cli-cannot-read = { $file }: cannot read: { $error }
cli-cannot-write = { $file }: cannot write: { $error }
cli-render-failed = cannot render the output: { $error }
cli-xlsx-terminal = XLSX is binary; write it to a file with -o FILE.xlsx
cli-stdout-failed = cannot write to stdout: { $error }
cli-report-write-failed = { $file }: cannot write the report: { $error }
cli-units-unreadable = { $file }: cannot read the unit dictionary: { $error }
cli-timeout-invalid = --timeout must be a positive number of seconds
cli-no-inputs = no input files found (supported: .md .txt .pdf .docx .html)
cli-lang-invalid = unknown language { $lang } (zh or en)

## Batch

batch-progress-files = files
batch-summary = { $inputs } files: { $ok } ok ({ $unchanged } unchanged), { $flagged } with errors, { $failed } failed, { $skipped } skipped; { $problems } problems; { $seconds } s
batch-with-errors = with errors: { $file }: { $error }
batch-failed = failed: { $file }: { $error }
batch-review-pages = review pages: { $path }
batch-timed-out = timed out
batch-unsupported-type = unsupported file type
batch-cannot-read = cannot read: { $error }
batch-cannot-render = cannot render output: { $error }
batch-cannot-write = cannot write { $file }: { $error }

## zhenggai codes

codes-code = code
codes-level = level
codes-kind = kind
codes-meaning = meaning
codes-meaning-zh = meaning (Chinese)
codes-meaning-en = meaning (English)
level-info = info
level-warning = warning
level-error = error
kind-diagnostic = diagnostic
kind-finding = finding

## --help

help-about = Chinese rectification plans (整改方案) → structured records
help-extract = Extract plans as JSON, JSON Lines, CSV or XLSX (FILE `-` = stdin); several files → a JSON array.
help-batch = Convert many files in parallel into a directory.
help-validate = Check a hand-typed ledger (台账) against the issued plan. Exit 0: matches; 1: findings; 2: a file cannot be read.
help-text = Print a document as the reader saw it, as Markdown: headings, numbered paragraphs, pipe tables (^^ / << mark merged cells), page breaks and ~~struck~~ text marked.
help-review = Write a review page (one HTML file) to check a plan against its document: the text, one card per problem, diagnostics, due dates.
help-schema = Print the JSON Schema of the output.
help-normalize = Normalize one expression (or one per stdin line) for checking a value.
help-codes = List every diagnostic and finding code with its level and meaning.
help-lang = Language of messages and help: zh (简体中文, the default) or en; an English LANG or LC_ALL also selects English.
help-codes-format = text (a table for the terminal), md (Markdown, as in the README) or json.

## Ledger findings (validate)

missing-problem = { $label } has no row in the ledger
extra-row = row { $row }: 反馈问题 matches no problem of the plan
    .not-a-number = row { $row }: 序号 { $seq } is not a problem number and 反馈问题 matches no problem of the plan
    .no-such-problem = row { $row }: the plan has no problem { $seq } and 反馈问题 matches none of its problems
duplicate-row = row { $row } repeats row { $earlier } of { $label }
deadline-differs = { $label }: 整改时限 { $text } (due { $due }) differs from the plan's { $plan } (due { $plan_due })
    .empty = { $label }: 整改时限 is empty; the plan says { $plan }
    .due-empty = { $label }: 完成日期 is empty; the plan's deadline is { $plan_due }
    .due = { $label }: 完成日期 { $due } differs from the plan's deadline { $plan_due }
lead-unit-differs = { $label }: lead unit { $ledger } differs from the plan's { $plan }
unit-missing = { $label }: the ledger lacks { $units }
unit-extra = { $label }: the plan does not name { $units }
person-differs = { $label }: { $column } { $ledger } differs from the plan's { $plan }
measure-count-differs = { $label }: the ledger lists { $ledger } measures, the plan { $plan }
text-differs = { $label }: 反馈问题 differs from the plan (similarity { $similarity })
    .target = { $label }: 整改目标 differs from the plan
    .measures = { $label }: 整改措施 { $items } differ from the plan
unparseable-value = { $label }: 整改时限 { $text } is not a date or deadline
    .due = { $label }: 完成日期 { $text } is not a date
    .units = { $label }: no unit could be read from { $text }
    .people = { $label }: no name could be read from { $column } { $text }
status-inconsistent = { $label }: marked { $status } although the deadline { $due } is still ahead of { $as_of }
    .overdue = { $label }: still { $status } although the deadline { $due } passed before { $as_of }
ledger-problem = problem { $seq }
ledger-none = (none)
ledger-no-date = none

## validate: text report and XLSX report

report-unmatched = rows matching no problem
report-ledger = ledger: { $value }
report-plan = plan:   { $value }
report-summary = { $findings } findings ({ $errors } errors, { $warnings } warnings); { $rows } rows read, { $matched } of { $problems } problems matched
report-sheet-findings = Findings
report-col-code = code
report-col-severity = severity
report-col-problem = problem
report-col-cell = cell
report-col-ledger-value = ledger value
report-col-plan-value = plan value
report-col-message = message
report-note-plan = plan: { $value }

## Why a file cannot be read: details the readers give

read-legacy-office = legacy binary Word/Excel file (.doc/.xls); save it as .docx or PDF first
read-no-pdf-header = no %PDF header: the file is not a PDF or is damaged
read-not-zip = not a zip archive: the file is not a .docx/.xlsx or is damaged
read-binary = binary data that is not PDF, DOCX or HTML
read-too-large = { $size } bytes; the limit is { $limit } bytes
read-spreadsheet = spreadsheets are ledgers: use `zhenggai validate --ledger`
read-bom-invalid = the text is marked { $encoding } but holds invalid sequences
read-not-text-encoding = invalid text: not UTF-8, UTF-16 or GB18030 (looks like { $encoding }); convert it to UTF-8
read-invalid-encoding = invalid text: neither UTF-8 nor { $encoding } (is it a binary file?)
pdf-no-pages = no pages could be found (the page tree is missing or broken)
pdf-ocr-no-text = OCR found no text on the PDF's page images
pdf-no-text-no-images = the PDF has no text and no images on any page
image-ocr-no-text = OCR found no text in the image
ledger-legacy-xls = legacy binary Excel file (.xls); save it as .xlsx or CSV first

## --help: arguments (help-<command>-<arg>, else help-arg-<arg>)

help-arg-files = Plan files (`-` = standard input).
help-arg-pretty = Indent the JSON.
help-extract-format = json (one document), jsonl (one problem per line), csv or xlsx (a ready ledger).
help-arg-rows = Ledger rows for csv/xlsx: one per problem or one per measure.
help-arg-output = Write to FILE instead of stdout.
help-arg-year = Year for expressions without one (年底前, 9月底前), when the plan's own dates do not give it.
help-arg-date = The plan's issue date (YYYY-MM-DD), overriding the one the document states: relative deadlines (本月底, 下季度, 即日起) count from it.
help-arg-password = Password of an encrypted PDF.
help-arg-no_ocr = Refuse scanned pages (no text layer) instead of reading them with OCR (Tesseract).
help-arg-units = Extra unit dictionary entries (TSV, same format as the shipped one).
help-arg-region = Region to assume when the plan does not name one (湘潭市).
help-arg-paths = Files, directories (walked recursively) and glob patterns.
help-arg-out = Output directory.
help-arg-jobs = Worker threads (default: one per core).
help-batch-format = json (one file per plan) or jsonl (one problem per line, plus a combined problems.jsonl).
help-arg-timeout = Per-file time limit in seconds.
help-arg-force = Redo files whose output is current.
help-arg-quiet = No progress bar and no summary on stderr.
help-arg-review = Also write a review page per file and index.html.
help-arg-plan = The plan: any input format, or an extracted plan as JSON.
help-validate-ledger = The ledger: XLSX, CSV/TSV (UTF-8 or GB18030) or JSON Lines.
help-arg-sheet = XLSX sheet to read (default: the first).
help-arg-report = Also write the report: FILE.json, or FILE.xlsx (the ledger with the wrong cells highlighted, plus a findings sheet).
help-validate-as_of = Judge 整改进展 against this date (YYYY-MM-DD); without it, status is not checked against due dates.
help-validate-year = Year for ledger dates written without one.
help-arg-file = The document (`-` = standard input).
help-arg-spans = Precede each block with its line, byte range and page.
help-review-ledger = Also check this ledger (as `validate`) and show its findings.
help-review-as_of = Mark overdue and due-soon problems against this date (YYYY-MM-DD).
help-review-output = The HTML file to write.
help-arg-what = What the expression is: date, unit or person.
help-arg-text = The expression; without it, read one per line from stdin.
help-normalize-year = Document year for expressions without one.
help-normalize-date = The document's issue date (YYYY-MM-DD), for expressions relative to it (本月底, 下季度, 即日起).
help-normalize-units = Extra unit dictionary entries (TSV).
