# zhenggai：简体中文消息。键为诊断与核对结果代码（src/diag/codes.rs），
# 属性为同一代码的不同消息。每个键和参数都须在 ../en/zhenggai.ftl 中有对应。

## 诊断：读取

nesting-capped = 嵌套超过 { $max } 层的元素有 { $capped } 个标签已略去（文字保留）
charset-mismatch = 网页声明编码为 { $charset }，实际为 UTF-8；已按 UTF-8 读取
invalid-characters = 网页含有在其声明的 { $charset } 编码下无效的字节序列，已替换
page-break-joined = 已接合被分页断开的段落：…{ $tail } | { $head }…
    .after-page = 已接合第 { $page } 页后被分页断开的段落：…{ $tail } | { $head }…
struck-text-dropped = 带删除线的文字未计入字段值：{ $text }
control-characters-removed = 已从文本中删除 { $count } 个控制字符（NUL 及其他 C0 控制字符），文件可能已损坏
radical-forms-mapped = 已将 { $count } 个康熙部首或兼容汉字（如 U+2F00 → 一）映射为对应汉字
ocr-repaired = 第 { $line } 行：已修正 OCR 误识别：{ $notes }
    .page = 第 { $page } 页第 { $line } 行：已修正 OCR 误识别：{ $notes }
    .name = 已修正 OCR 误识别的人名：`{ $wrong }` → `{ $right }`（方案其他地方以相同职责写作 { $right }，{ $wrong } 仅此一处）
pdf-repaired = PDF 的交叉引用表已损坏并已重建，可能缺少部分文字
pdf-owner-password = PDF 仅设有所有者密码（可能限制复制），无需密码即可打开，已读取
pdf-content-damaged = 第 { $page } 页：内容流已损坏，损坏处之后的文字缺失
pdf-decompression-capped = 第 { $page } 页：内容未读取：文件各流解压后总计超过 { $mib } MiB
no-text-layer = 第 { $page } 页是没有文字层的图片（扫描件）：需要 OCR（因 --no-ocr 未读取）
ocr-text-layer = 文字层由 OCR 生成（{ $tool }），已修正 OCR 误识别
ocr-page-skipped = 第 { $page } 页：未经 OCR 读取：{ $error }
ocr-page-failed = 第 { $page } 页：OCR 失败：{ $error }
ocr-confidence = 第 { $page } 页：经 OCR 读取，平均字词置信度 { $confidence }%
pdf-undecodable-glyph = 第 { $page } 页：字体 { $fonts } 中有 { $count } 个字形没有 Unicode 映射（编码 { $codes }），显示为 U+FFFD
page-furniture-dropped = 已删去 { $count } 行页码、页眉或页脚
table-row-joined = 已接合在第 { $page } 页前被分页断开的表格行

## 诊断：解析

notice-unnumbered = 本批部分通知没有“第N项”编号，按其位置编号
notice-fields-shared = 公示在一个标题下列出 { $count } 个问题，各问题共用公示的责任单位、措施、时限和完成情况
group-fields-shared = “{ $group }”下的 { $count } 项各为一个问题，共用写在最后一项之后的字段
group-items-joined = { $label }：此前 { $count } 个编号条目之后才写字段，无组标题，合为一个问题
shape-weak-evidence = 仅凭 { $count } 个编号条目判定为括号内注明责任的任务清单
    .notice = 仅凭一份标题标有问题编号的通知判定为分节通知
missing-field = { $label }：缺少{ $what }
table-text-recovered = 被展平为文字的清单表格已按表头列序重建为 { $rows } 行
    .uncertain = 被展平为文字的清单表格已按表头列序重建为 { $rows } 行；其中 { $uncertain } 行单元格数与表头不符或与所在列不符，已按单元格的样子（单位、日期、完成情况、文字）放入各列
    .cell-missing = 展平表格第 { $row } 行单元格少于表头：{ $columns }无法确定，留空
    .cell-unplaced = 展平表格第 { $row } 行有单元格不属于任何列，已略去：{ $text }
    .group-row = 展平表格中行与行之间的分组标题行已略去：{ $text }
    .units-undecided = 展平表格第 { $row } 行单位单元格多于单位列，无法判断各属牵头还是配合，单位留空：{ $text }
deadline-from-text = 整改时限取自任务本身的措辞（没有“整改时限”标签）
    .progress = 整改时限取自进展文字：{ $text }
no-checklist = 未找到问题：没有“反馈问题”标签、带整改时限/责任单位字段的编号问题或问题清单表格；可用 zhenggai text 查看读到的文字
unlabelled-text = 不属于任何字段的文字：{ $text }
title-not-found = 问题{ $label }未取标题：文字没有句末标点，且过长或跨行
    .document = 未找到文档标题（清单前没有写明方案、清单、通知等的标题行）
repeated-label = 问题{ $label }中“{ $name }：”再次出现，保留第一处，未采用：{ $text }
label-without-value = “{ $name }：”后没有内容
    .measures-cell = 整改措施单元格为空
problem-number-repeated = { $label }出现不止一次
problem-number-skipped = 问题编号从 { $from } 跳到 { $to }（缺少 { $missing }）
problem-number-out-of-order = { $label }排在问题 { $previous } 之后
non-integer-count = “{ $text }”以小数计数可数事物，可能是笔误
empty-checklist-table = 问题清单表格只有表头，没有数据行

## 诊断：规范化

ambiguous-region = 地区“{ $region }”对应多个地方，单位名称按原文
region-not-found = 文档未写明地区：以市、县、区开头的单位简称未补全地名，可用 --region 指定
unknown-unit = 单位不在词典中，按原文保留：{ $text }
    .placed = 单位不在词典中：{ $text }，按方案所在地区称为 { $name }
unit-name-varies = { $text }在各地名称不同，给出通用全称 { $name }
vague-period = “{ $text }”所指期间的日期不固定（季节、汛期或供暖季、年初等），未记录日期
    .deadline = 时限“{ $text }”未给出日期（“{ $word }”），未记录日期
unparsed-deadline = 时限“{ $text }”中没有日期或时间表述
    .bare-date = “{ $text }”像是未写年/月/日的日期，未解析
date-partial = “{ $text }”后面的文字无法理解为日期的一部分，未记录日期
    .end = “{ $text }”的结束部分不是可确定的日期，只记录了开始日期
invalid-date = “{ $text }”不是有效的日历日期，未记录日期
    .before-issue = “{ $text }”早于印发日期结束，未记录日期
    .reversed = “{ $text }”的结束早于开始，未记录日期
issue-date-unknown = “{ $text }”从文件印发日期起算，但印发日期未知（可用 --date 指定），未记录日期
holiday-unknown = “{ $text }”的截止日或计算期间可能含法定节假日（由国务院逐年公布），未记录截止日期
duration-uncounted = “{ $text }”不是整天数或整月数，未记录截止日期
year-unknown = “{ $text }”没有年份，且文件年份未知，未记录日期
festival-date-unknown = “{ $text }”所指节日在该年的日期不在节日表中（2000–2050 年春节、元旦、劳动节、国庆），未记录日期
default-units = 按方案对全部事项的规定，每个问题都加列 { $text }
problem-count-mismatch = 方案称有 { $stated } 个问题，实际找到 { $found } 个
inspection-date-conflict = 督察时间一处写作 { $stated }，另一处写作 { $other }；采用方案本身的 { $stated }
    .feedback = 反馈日期一处写作 { $stated }，另一处写作 { $other }
collective-role = “{ $text }”是集体职务，不是具体人员，未列入人员
name-remnant = 已删去 { $head } 中无法识别的残字 { $remnant }；保留 { $kept }
names-split = 无分隔符连写的人名：{ $text } → { $names }

## 错误：文件无法读取的原因（src/diag/mod.rs Error）

error-io = 无法读取：{ $detail }；请检查路径和读取权限
error-empty = 输入为空：文件没有任何字节；请检查下载或复制是否完整
error-not-a-document = 不是文档：{ $detail }；请提供 PDF、DOCX、HTML、Markdown 或文本格式的方案
error-unsupported = 不支持的格式：{ $detail }
error-encrypted = 已加密：PDF 需要密码，请用 --password 提供
error-wrong-password = 密码错误：无法用所给密码解密 PDF；请核对 --password 的值
error-no-text-layer = 没有文字层（no-text-layer）：第 { $pages } 页只有图片（扫描件），需要 OCR（去掉 --no-ocr 即可用 Tesseract 读取）
error-ocr-unavailable = 无法进行 OCR（ocr-unavailable）：{ $detail }
error-damaged = { $format } 文件已损坏：{ $detail }；文件可能不完整，请重新下载或向发文单位索取原件
error-too-large = 文件过大：{ $detail }；请确认是否选错了文件，或拆分后分别处理
error-json = JSON 无效：{ $detail }；请检查文件是否完整

## 命令行

cli-stdin-unreadable = -：无法读取标准输入：{ $error }
cli-cannot-read = { $file }：无法读取：{ $error }
cli-cannot-write = { $file }：无法写入：{ $error }
cli-render-failed = 无法生成输出：{ $error }
cli-xlsx-terminal = XLSX 是二进制文件，请用 -o 文件名.xlsx 写入文件
cli-stdout-failed = 无法写入标准输出：{ $error }
cli-report-write-failed = { $file }：无法写入报告：{ $error }
cli-units-unreadable = { $file }：无法读取单位词典：{ $error }
cli-timeout-invalid = --timeout 必须是正的秒数
cli-no-inputs = 未找到输入文件（支持 .md .txt .pdf .docx .html）
cli-lang-invalid = 未知语言 { $lang }（可用 zh 或 en）

## 批量处理

batch-progress-files = 个文件
batch-summary = 共 { $inputs } 个文件：成功 { $ok } 个（未变 { $unchanged } 个），有错误 { $flagged } 个，失败 { $failed } 个，跳过 { $skipped } 个；共 { $problems } 个问题；用时 { $seconds } 秒
batch-with-errors = 有错误：{ $file }：{ $error }
batch-failed = 失败：{ $file }：{ $error }
batch-review-pages = 审阅页面：{ $path }
batch-timed-out = 超时
batch-unsupported-type = 不支持的文件类型
batch-cannot-read = 无法读取：{ $error }
batch-cannot-render = 无法生成输出：{ $error }
batch-cannot-write = 无法写入 { $file }：{ $error }

## zhenggai codes

codes-code = 代码
codes-level = 级别
codes-kind = 类别
codes-meaning = 含义
codes-meaning-zh = 含义（中文）
codes-meaning-en = 含义（英文）
level-info = 提示
level-warning = 警告
level-error = 错误
kind-diagnostic = 诊断
kind-finding = 台账核对

## --help

help-about = 整改方案 → 结构化记录
help-extract = 将整改方案提取为 JSON、JSON Lines、CSV 或 XLSX（FILE 为 `-` 表示标准输入）；多个文件输出为 JSON 数组。
help-batch = 并行转换多个文件，输出到一个目录。
help-validate = 核对手工录入的台账与印发的整改方案。退出码 0：一致；1：有差异；2：文件无法读取。
help-text = 以 Markdown 输出读取到的文档：标题、编号段落、表格（^^ / << 表示合并单元格），并标出分页和~~删除线~~文字。
help-review = 生成审阅页面（一个 HTML 文件），对照文档核对方案：原文、每个问题一张卡片、诊断、截止日期。
help-schema = 输出结果的 JSON Schema。
help-normalize = 规范化一个表述（或从标准输入逐行读取），用于核对取值。
help-codes = 列出所有诊断和台账核对代码及其级别和含义。
help-lang = 消息和帮助的语言：zh（简体中文，默认）或 en；LANG 或 LC_ALL 为英文时也用英文。
help-codes-format = text（终端表格）、md（Markdown，与 README 相同）或 json。

## 台账核对结果（validate）

missing-problem = { $label }在台账中没有对应行
extra-row = 第 { $row } 行：反馈问题与方案中的任何问题都不对应
    .not-a-number = 第 { $row } 行：序号 { $seq } 不是问题编号，且反馈问题与方案中的任何问题都不对应
    .no-such-problem = 第 { $row } 行：方案中没有问题 { $seq }，且反馈问题与方案中的任何问题都不对应
duplicate-row = 第 { $row } 行重复了{ $label }的第 { $earlier } 行
deadline-differs = { $label }：整改时限 { $text }（截止 { $due }）与方案的 { $plan }（截止 { $plan_due }）不符
    .empty = { $label }：整改时限为空；方案为 { $plan }
    .due-empty = { $label }：完成日期为空；方案的时限为 { $plan_due }
    .due = { $label }：完成日期 { $due } 与方案的时限 { $plan_due } 不符
lead-unit-differs = { $label }：牵头单位 { $ledger } 与方案的 { $plan } 不符
unit-missing = { $label }：台账缺少 { $units }
unit-extra = { $label }：方案没有列出 { $units }
person-differs = { $label }：{ $column } { $ledger } 与方案的 { $plan } 不符
measure-count-differs = { $label }：台账列有 { $ledger } 条措施，方案为 { $plan } 条
text-differs = { $label }：反馈问题与方案不符（相似度 { $similarity }）
    .target = { $label }：整改目标与方案不符
    .measures = { $label }：整改措施第 { $items } 条与方案不符
unparseable-value = { $label }：整改时限 { $text } 不是日期或时限
    .due = { $label }：完成日期 { $text } 不是日期
    .units = { $label }：无法从 { $text } 读出单位
    .people = { $label }：无法从{ $column } { $text } 读出人名
status-inconsistent = { $label }：标为“{ $status }”，但时限 { $due } 在 { $as_of } 之后尚未到期
    .overdue = { $label }：仍为“{ $status }”，但时限 { $due } 在 { $as_of } 之前已过
ledger-problem = 问题 { $seq }
ledger-none = （无）
ledger-no-date = 无

## validate：文字报告和 XLSX 报告

report-unmatched = 不对应任何问题的行
report-ledger = 台账：{ $value }
report-plan = 方案：{ $value }
report-summary = 共 { $findings } 处差异（错误 { $errors } 处，警告 { $warnings } 处）；读取 { $rows } 行，方案 { $problems } 个问题中对上 { $matched } 个
report-sheet-findings = 核对结果
report-col-code = 代码
report-col-severity = 级别
report-col-problem = 问题
report-col-cell = 单元格
report-col-ledger-value = 台账值
report-col-plan-value = 方案值
report-col-message = 说明
report-note-plan = 方案：{ $value }

## 文件无法读取：读取器给出的详情

read-legacy-office = 旧版二进制 Word/Excel 文件（.doc/.xls），请先另存为 .docx 或 PDF
read-no-pdf-header = 没有 %PDF 文件头：文件不是 PDF 或已损坏
read-not-zip = 不是 zip 压缩包：文件不是 .docx/.xlsx 或已损坏
read-binary = 二进制数据，不是 PDF、DOCX 或 HTML
read-too-large = { $size } 字节，上限为 { $limit } 字节
read-spreadsheet = 电子表格是台账，请用 `zhenggai validate --ledger`
read-bom-invalid = 文本标记为 { $encoding } 编码，但含有无效字节序列
read-not-text-encoding = 无效文本：不是 UTF-8、UTF-16 或 GB18030（疑似 { $encoding }），请转换为 UTF-8
read-invalid-encoding = 无效文本：既不是 UTF-8 也不是 { $encoding }（是否为二进制文件？）
pdf-no-pages = 找不到任何页面（页面树缺失或损坏）
pdf-ocr-no-text = OCR 在 PDF 的页面图片上没有识别出文字
pdf-no-text-no-images = PDF 的所有页面都没有文字和图片
image-ocr-no-text = OCR 在图片中没有识别出文字
ledger-legacy-xls = 旧版二进制 Excel 文件（.xls），请先另存为 .xlsx 或 CSV

## --help：参数（先找 help-<命令>-<参数>，再找 help-arg-<参数>）

help-arg-files = 方案文件（`-` 表示标准输入）。
help-arg-pretty = 缩进 JSON。
help-extract-format = json（一份文档）、jsonl（每行一个问题）、csv 或 xlsx（现成的台账）。
help-arg-rows = csv/xlsx 台账的行：每个问题一行或每条措施一行。
help-arg-output = 写入文件而不是标准输出。
help-arg-year = 没有年份的表述（年底前、9月底前）所用的年份，在方案自身日期无法确定时使用。
help-arg-date = 方案的印发日期（YYYY-MM-DD），覆盖文档所写的日期：相对时限（本月底、下季度、即日起）从此日起算。
help-arg-password = 加密 PDF 的密码。
help-arg-no_ocr = 拒绝扫描页（没有文字层），不用 OCR（Tesseract）读取。
help-arg-units = 附加的单位词典条目（TSV，格式与内置词典相同）。
help-arg-region = 方案未写明地区时假定的地区（如 湘潭市）。
help-arg-paths = 文件、目录（递归遍历）和通配符模式。
help-arg-out = 输出目录。
help-arg-jobs = 工作线程数（默认每个 CPU 核一个）。
help-batch-format = json（每个方案一个文件）或 jsonl（每行一个问题，另有合并的 problems.jsonl）。
help-arg-timeout = 每个文件的时间上限（秒）。
help-arg-force = 重新处理输出已是最新的文件。
help-arg-quiet = 不在标准错误上显示进度条和汇总。
help-arg-review = 另为每个文件生成审阅页面和 index.html。
help-arg-plan = 方案：任何输入格式，或已提取的 JSON 方案。
help-validate-ledger = 台账：XLSX、CSV/TSV（UTF-8 或 GB18030）或 JSON Lines。
help-arg-sheet = 要读取的 XLSX 工作表（默认第一个）。
help-arg-report = 另写报告：文件.json，或 文件.xlsx（标出有误单元格的台账副本，另加核对结果工作表）。
help-validate-as_of = 按此日期（YYYY-MM-DD）核对整改进展；不给时不按截止日期核对进展。
help-validate-year = 台账中未写年份的日期所用的年份。
help-arg-file = 文档（`-` 表示标准输入）。
help-arg-spans = 在每个块前标出其行号、字节范围和页码。
help-review-ledger = 同时核对此台账（同 `validate`），并显示核对结果。
help-review-as_of = 按此日期（YYYY-MM-DD）标出已逾期和即将到期的问题。
help-review-output = 要写入的 HTML 文件。
help-arg-what = 表述的类别：date（日期）、unit（单位）或 person（人名）。
help-arg-text = 要规范化的表述；不给时从标准输入逐行读取。
help-normalize-year = 没有年份的表述所用的文档年份。
help-normalize-date = 文档的印发日期（YYYY-MM-DD），用于相对于它的表述（本月底、下季度、即日起）。
help-normalize-units = 附加的单位词典条目（TSV）。
