//! Human-facing text in the user's language: 简体中文 by default, English on
//! request. The catalogues are Fluent files (`locales/zh-CN/zhenggai.ftl`,
//! `locales/en/zhenggai.ftl`) compiled into the binary and parsed once per
//! process, lazily, the first time a text of that language is needed.
//!
//! The language is a process-wide setting ([`set_lang`]) rather than a
//! field of [`crate::Options`]: diagnostics are made deep inside readers,
//! parsers and normalizers that never see the options (and the ledger, the
//! batch and the CLI's own errors need it too), and one process speaks to
//! one user. `main` sets it once, from `--lang` or the environment, before
//! any work starts; a library user who wants English calls
//! `set_lang(Lang::En)` first. Messages are rendered when a diagnostic is
//! made, so the JSON carries them in the language in force then.

use std::borrow::Cow;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language the texts are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// 简体中文 (zh-CN), the default.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Every language, default first.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// `zh`, `zh-CN`, `zh_CN.UTF-8` … or `en`, `en_US.UTF-8` …
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("en") {
            Some(Lang::En)
        } else if s.starts_with("zh") {
            Some(Lang::Zh)
        } else {
            None
        }
    }

    /// The language the environment asks for: English when `LC_ALL` (or,
    /// without it, `LC_MESSAGES` or `LANG`) starts with `en`, else Chinese.
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .map_or(Lang::Zh, |v| {
                if v.to_ascii_lowercase().starts_with("en") {
                    Lang::En
                } else {
                    Lang::Zh
                }
            })
    }

    /// The BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The catalogue's Fluent source.
    pub fn source(self) -> &'static str {
        match self {
            Lang::Zh => ZH_FTL,
            Lang::En => EN_FTL,
        }
    }
}

/// The Chinese catalogue.
pub const ZH_FTL: &str = include_str!("../locales/zh-CN/zhenggai.ftl");
/// The English catalogue.
pub const EN_FTL: &str = include_str!("../locales/en/zhenggai.ftl");

static LANG: AtomicU8 = AtomicU8::new(0);

/// Sets the language of every text made from now on in this process.
pub fn set_lang(lang: Lang) {
    LANG.store(lang as u8, Ordering::Relaxed);
}

/// The language in force.
pub fn lang() -> Lang {
    match LANG.load(Ordering::Relaxed) {
        1 => Lang::En,
        _ => Lang::Zh,
    }
}

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang) -> Bundle {
    let id = lang.tag().parse().unwrap_or_default();
    let mut b = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around arguments: the texts go into JSON
    // and terminals, not into bidirectional layouts.
    b.set_use_isolating(false);
    let res = FluentResource::try_new(lang.source().to_string()).unwrap_or_else(|(r, _)| r);
    // The catalogues are checked by tests; a bad entry only loses itself.
    let _ = b.add_resource(res);
    b
}

static ZH: LazyLock<Bundle> = LazyLock::new(|| bundle(Lang::Zh));
static EN: LazyLock<Bundle> = LazyLock::new(|| bundle(Lang::En));

/// One argument of a message.
pub type Arg<'a> = (&'a str, Cow<'a, str>);

/// The message `key` (or its attribute `attr`) of `lang` with `args`. A
/// key missing from the catalogue renders as the key itself (tests check
/// none is missing).
pub fn text_in(lang: Lang, key: &str, attr: Option<&str>, args: &[Arg<'_>]) -> String {
    try_text_in(lang, key, attr, args).unwrap_or_else(|| key.to_string())
}

/// [`text_in`], or `None` when the catalogue has no such message.
pub fn try_text_in(lang: Lang, key: &str, attr: Option<&str>, args: &[Arg<'_>]) -> Option<String> {
    let b: &Bundle = match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    };
    let msg = b.get_message(key)?;
    let pattern = match attr {
        Some(a) => msg.get_attribute(a).map(|a| a.value()),
        None => msg.value(),
    }?;
    let mut fargs = FluentArgs::with_capacity(args.len());
    for (k, v) in args {
        fargs.set(*k, FluentValue::from(v.as_ref()));
    }
    let mut errors = Vec::new();
    Some(
        b.format_pattern(pattern, Some(&fargs), &mut errors)
            .into_owned(),
    )
}

/// The message `key` in the language in force.
pub fn text(key: &str, args: &[Arg<'_>]) -> String {
    text_in(lang(), key, None, args)
}

/// [`text`] with arguments written `name = value` (any `Display`).
#[macro_export]
macro_rules! tr {
    ($key:expr $(, $k:ident = $v:expr)* $(,)?) => {
        $crate::i18n::text($key, &[$((stringify!($k), ::std::borrow::Cow::Owned(($v).to_string()))),*])
    };
}
