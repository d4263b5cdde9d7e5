//! Minifies the widget's own stylesheet at build time.
//!
//! `widget.css` is written for people, with comments and indentation; the
//! wasm carries the sheet to every reader, so `build.rs` includes this file
//! and stores the result of [`minify`] instead (-0.3 KB gzip). It is not a
//! general CSS minifier: it drops only what cannot change the meaning of
//! the sheet we write: comments, indentation, spaces beside `{ } ; , >`,
//! spaces after `:` (CSS allows none after a pseudo-class's colon, so they
//! are always in declarations or conditions), each block's last `;` and a
//! number's leading zero (`0.5em` is `.5em`). Quoted strings are copied
//! whole, and so is an unquoted `url(…)` address; a space before `:`
//! stays (`.a :hover` is not `.a:hover`).

use alloc::string::String;

/// `css` without its comments and the whitespace nothing depends on.
pub fn minify(css: &str) -> String {
    let mut out = String::new();
    let mut pending_space = false;
    let mut chars = css.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut previous = '\0';
                for c in chars.by_ref() {
                    if previous == '*' && c == '/' {
                        break;
                    }
                    previous = c;
                }
            }
            c if c.is_whitespace() => pending_space = true,
            '"' | '\'' => {
                flush_space(&mut out, &mut pending_space);
                out.push(c);
                let mut escaped = false;
                for inner in chars.by_ref() {
                    out.push(inner);
                    if inner == c && !escaped {
                        break;
                    }
                    escaped = inner == '\\' && !escaped;
                }
            }
            '}' => {
                pending_space = false;
                if out.ends_with(";") {
                    out.pop();
                }
                out.push(c);
            }
            '{' | ';' | ',' | '>' => {
                pending_space = false;
                out.push(c);
                skip_whitespace(&mut chars);
            }
            ':' => {
                flush_space(&mut out, &mut pending_space);
                out.push(c);
                skip_whitespace(&mut chars);
            }
            c => {
                flush_space(&mut out, &mut pending_space);
                if !(c == '0' && starts_a_fraction(&out, &chars)) {
                    out.push(c);
                }
                if c == '(' && opens_a_url(&out) {
                    copy_unquoted_url(&mut out, &mut chars);
                }
            }
        }
    }
    out
}

/// Whether a `0` read after `out`, with `rest` after it, is a number's
/// leading zero: `0.5`, but not the `0` of `10.5` or of a name like `.a0`.
fn starts_a_fraction(out: &str, rest: &core::iter::Peekable<core::str::Chars<'_>>) -> bool {
    let mut after = rest.clone();
    after.next() == Some('.')
        && after.next().is_some_and(|c| c.is_ascii_digit())
        && (out.is_empty() || out.ends_with([':', ' ', ',', '(', '/']))
}

/// Whether `out` has just opened a `url(`: its unquoted address is one
/// token, in which `/*` is no comment and `0.5` no number.
fn opens_a_url(out: &str) -> bool {
    let at = out.len().saturating_sub(4);
    match (out.get(..at), out.get(at..)) {
        (Some(before), Some(function)) => {
            function.eq_ignore_ascii_case("url(")
                && !before.ends_with(|c: char| c.is_alphanumeric() || c == '-' || c == '_')
        }
        _ => false,
    }
}

/// Copies an unquoted `url(` address up to its `)` as written; a quoted
/// one is left to the string rule. Only the spaces around the address go,
/// which is all the whitespace an unquoted one may hold.
fn copy_unquoted_url(out: &mut String, chars: &mut core::iter::Peekable<core::str::Chars<'_>>) {
    skip_whitespace(chars);
    if matches!(chars.peek(), Some('"' | '\'')) {
        return;
    }
    let mut escaped = false;
    for c in chars.by_ref() {
        if !c.is_whitespace() || escaped {
            out.push(c);
        }
        if c == ')' && !escaped {
            break;
        }
        escaped = c == '\\' && !escaped;
    }
}

/// Writes a space held back from the input, unless what comes before it
/// needs no separation.
fn flush_space(out: &mut String, pending_space: &mut bool) {
    if core::mem::take(pending_space)
        && !out.is_empty()
        && !out.ends_with(['{', '}', ';', ',', '>', '('])
    {
        out.push(' ');
    }
}

fn skip_whitespace(chars: &mut core::iter::Peekable<core::str::Chars<'_>>) {
    while chars.next_if(|c| c.is_whitespace()).is_some() {}
}

#[cfg(test)]
mod tests {
    use super::minify;

    macro_rules! minifies {
        ($($name:ident: $css:expr => $expected:expr,)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(minify($css), $expected);
            }
        )*};
    }

    minifies! {
        drops_comments_and_indentation:
            "/* why */\n.a {\n  color: red;\n  margin: 0 1em;\n}\n" => ".a{color:red;margin:0 1em}",
        keeps_descendant_combinators: ".a .b,\n.c > .d { x: y }" => ".a .b,.c>.d{x:y}",
        keeps_a_space_before_a_pseudo_class: ".a :hover { x: y }" => ".a :hover{x:y}",
        keeps_pseudo_classes_tight: ":host([hidden]) .quote { display: none }" => ":host([hidden]) .quote{display:none}",
        keeps_value_spaces: ".q { box-shadow: 0 4px 16px rgb(0 0 0 / 0.5) }" => ".q{box-shadow:0 4px 16px rgb(0 0 0 / .5)}",
        drops_leading_zeros: ".a { m: 0.5em 0 0.25rem; t: 0.15s; f: calc(0.5*2); o: 0 }" => ".a{m:.5em 0 .25rem;t:.15s;f:calc(.5*2);o:0}",
        keeps_other_zeros: ".a0.b { m: 10.5em 0.x 2.05em; w: 0; i: url(0.5.png) }" => ".a0.b{m:10.5em 0.x 2.05em;w:0;i:url(0.5.png)}",
        keeps_unquoted_urls_whole:
            ".a { i: url( img/0.5.png ), URL(http://a/*b*/c.png), url(a\\).png) 0.5em; }" => ".a{i:url(img/0.5.png),URL(http://a/*b*/c.png),url(a\\).png) .5em}",
        reads_other_functions_as_css: ".a { i: my-url(0.5) xurl(0.5) }" => ".a{i:my-url(.5) xurl(.5)}",
        leaves_quoted_urls_to_strings: ".a { i: url( \"0.5 /*x*/.png\") }" => ".a{i:url(\"0.5 /*x*/.png\")}",
        tightens_media_conditions:
            "@media (prefers-color-scheme: dark) {\n  .r { x: y; }\n}" => "@media (prefers-color-scheme:dark){.r{x:y}}",
        keeps_strings_whole: ".a[data-x=\"a  b; c\"] { content: ' /* no */ ' }" => ".a[data-x=\"a  b; c\"]{content:' /* no */ '}",
        keeps_var_fallbacks: ".r { m: var(--m, 1em 0); }" => ".r{m:var(--m,1em 0)}",
    }

    /// Only comments, whitespace, last semicolons and leading zeros may go:
    /// with every space and every leading zero taken out of both, the
    /// sheets are the same text.
    #[test]
    fn the_widget_sheet_loses_nothing_but_layout() {
        let source = include_str!("widget.css");
        let minified = minify(source);
        let squeeze = |css: &str| -> std::string::String {
            let mut css = std::string::String::from(css);
            for before in [":", " ", ",", "(", "/", "\n"] {
                css = css.replace(&format!("{before}0."), &format!("{before}."));
            }
            css.chars()
                .filter(|c| !c.is_whitespace())
                .collect::<std::string::String>()
                .replace(";}", "}")
        };
        let mut uncommented = std::string::String::new();
        for (i, part) in source.split("/*").enumerate() {
            uncommented.push_str(if i == 0 {
                part
            } else {
                part.split_once("*/").map_or("", |(_, rest)| rest)
            });
        }
        assert_eq!(squeeze(&minified), squeeze(&uncommented));
        assert!(!minified.contains('\n') && !minified.contains("  "));
        assert_eq!(minify(&minified), minified);
    }
}
