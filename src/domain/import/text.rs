//! Text as GIFT writes it: backslash escapes, the `[html]`, `[moodle]`,
//! `[plain]` and `[markdown]` format markers, and HTML, which PharmQuiz
//! shows as plain text (tags removed, basic entities decoded), never as
//! markup.

/// The GIFT format markers. `[html]` and `[moodle]` (the default) may hold
/// HTML; `[plain]` and `[markdown]` are shown as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    Html,
    Moodle,
    Plain,
    Markdown,
}

/// Splits a leading format marker off `s` (after white space).
pub fn marker(s: &str) -> (Option<Markup>, &str) {
    let t = s.trim_start();
    for (m, name) in [
        (Markup::Html, "[html]"),
        (Markup::Moodle, "[moodle]"),
        (Markup::Plain, "[plain]"),
        (Markup::Markdown, "[markdown]"),
    ] {
        if t.len() >= name.len()
            && t.is_char_boundary(name.len())
            && t[..name.len()].eq_ignore_ascii_case(name)
        {
            return (Some(m), &t[name.len()..]);
        }
    }
    (None, s)
}

/// The characters a backslash escapes in GIFT.
pub fn is_escapable(c: char) -> bool {
    matches!(c, '~' | '=' | '#' | '{' | '}' | ':' | '\\')
}

/// Byte offsets in `s` of each character that is not escaped by a
/// backslash, with the character.
pub fn unescaped(s: &str) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut escaped = false;
    s.char_indices().filter_map(move |(i, c)| {
        if escaped {
            escaped = false;
            None
        } else if c == '\\' {
            escaped = true;
            None
        } else {
            Some((i, c))
        }
    })
}

/// The first unescaped occurrence of `pat` at or after `from`, which must
/// not follow an escaping backslash (a place the caller reached by an
/// earlier search). Scans from `from` only, so walking a text with
/// successive searches stays linear.
pub fn find_unescaped(s: &str, from: usize, pat: &str) -> Option<usize> {
    let rest = s.get(from..)?;
    unescaped(rest)
        .map(|(i, _)| i)
        .find(|&i| rest[i..].starts_with(pat))
        .map(|i| i + from)
}

/// GIFT text as shown: escapes resolved (`\n` a line break, `\~` a tilde),
/// the file's own line breaks read as spaces, a format marker removed and
/// HTML turned into plain text, with spaces trimmed at both ends.
/// `inherited` is the question text's marker, which answers default to.
pub fn shown(raw: &str, inherited: Option<Markup>) -> String {
    let (own, rest) = marker(raw);
    let markup = own.or(inherited).unwrap_or(Markup::Moodle);
    let mut out = String::with_capacity(rest.len());
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.peek().copied() {
                Some('n') => {
                    chars.next();
                    out.push('\n');
                }
                Some(e) if is_escapable(e) => {
                    chars.next();
                    out.push(e);
                }
                _ => out.push('\\'),
            },
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    let text = match markup {
        Markup::Html | Markup::Moodle => plain_from_html(&out),
        Markup::Plain | Markup::Markdown => out,
    };
    text.trim().to_string()
}

/// HTML as plain text: tags removed (`<br>` and block ends become line
/// breaks), basic entities decoded. A `<` not followed by a letter, `/` or
/// `!` is text ("5 < 10"), as is a `<` with no `>` after it.
pub fn plain_from_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(lt) = rest.find('<') {
        let after = &rest[lt + 1..];
        let is_tag = after
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!');
        let gt = if is_tag { after.find('>') } else { None };
        if is_tag && gt.is_none() {
            // No `>` anywhere after: no tag either, so the rest is text.
            break;
        }
        match gt {
            Some(gt) => {
                out.push_str(&decode_entities(&rest[..lt]));
                let tag = after[..gt].trim_start_matches('/').to_ascii_lowercase();
                let name: String = tag
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect();
                if matches!(name.as_str(), "br" | "p" | "div" | "li" | "tr") && !out.ends_with('\n')
                {
                    out.push('\n');
                }
                rest = &after[gt + 1..];
            }
            None => {
                out.push_str(&decode_entities(&rest[..=lt]));
                rest = after;
            }
        }
    }
    out.push_str(&decode_entities(rest));
    out.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&#39;`, `&nbsp;` and
/// numeric entities; anything else stays as written.
pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let end = after.bytes().take(12).position(|b| b == b';');
        let decoded = end.and_then(|e| entity(&after[..e]));
        match (end, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &after[e + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        "ndash" => Some('–'),
        "mdash" => Some('—'),
        "deg" => Some('°'),
        "micro" => Some('µ'),
        "plusmn" => Some('±'),
        "times" => Some('×'),
        "le" => Some('≤'),
        "ge" => Some('≥'),
        "hellip" => Some('…'),
        "rsquo" => Some('’'),
        "lsquo" => Some('‘'),
        "ldquo" => Some('“'),
        "rdquo" => Some('”'),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code).filter(|c| !c.is_control() || *c == '\n')
        }
    }
}

/// An id from a title or file name: lower-case letters, digits and dashes.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_resolve_and_markers_go() {
        assert_eq!(
            shown(r"a \~ b \= c \# d \{ e \} f \: g \\ h\nnext", None),
            "a ~ b = c # d { e } f : g \\ h\nnext"
        );
        assert_eq!(shown("[plain]5 <b> 10", None), "5 <b> 10");
        assert_eq!(shown("[markdown] *x*", None), "*x*");
        assert_eq!(
            shown(
                "[html]<p>Store at <b>2&ndash;8 &deg;C</b> &amp; dry</p>",
                None
            ),
            "Store at 2–8 °C & dry"
        );
        assert_eq!(shown("<i>x</i>", Some(Markup::Plain)), "<i>x</i>");
        assert_eq!(shown("line one\nline two", None), "line one line two");
    }

    #[test]
    fn html_becomes_plain_text_and_comparisons_stay() {
        assert_eq!(plain_from_html("5 < 10 and 7 > 3"), "5 < 10 and 7 > 3");
        assert_eq!(plain_from_html("USP <797> says"), "USP <797> says");
        assert_eq!(
            plain_from_html("<script>alert(1)</script>One<br>Two"),
            "alert(1)One\nTwo"
        );
        assert_eq!(
            plain_from_html("a &lt;b&gt; &#39;c&#x27; &bogus; &"),
            "a <b> 'c' &bogus; &"
        );
        assert_eq!(plain_from_html("unclosed <b"), "unclosed <b");
    }

    #[test]
    fn unescaped_search_skips_escaped_characters() {
        assert_eq!(find_unescaped(r"a\=b=c", 0, "="), Some(4));
        assert_eq!(find_unescaped(r"a\\=b", 0, "="), Some(3));
        assert_eq!(find_unescaped(r"x####y", 0, "####"), Some(1));
        assert_eq!(slug("Grant's Tomb (v2)"), "grant-s-tomb-v2");
        assert_eq!(slug("  "), "");
    }
}
