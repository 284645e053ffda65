/*!
LinkedIn profile URLs: one canonical form to compare, and a safe link.

The same person shows up as `https://www.linkedin.com/in/Jane-Doe/`,
`http://uk.linkedin.com/in/jane-doe?trk=x` or `linkedin.com/in/jane-doe`.
[`normalize`] maps all of them to `https://www.linkedin.com/in/jane-doe`.

Opaque forms (`/in/ACwAA…`, `/sales/lead/…`, `/sales/people/…`) name the
same member but do not equal the readable slug: they get no canonical form,
and matching falls back to name + company.

[`safe_link`] decides what may become a clickable link: only `https` (or
scheme-less / `http`, upgraded) URLs whose host is `linkedin.com` or one of
its subdomains. `javascript:`, `data:` and look-alike hosts such as
`linkedin.com.evil.com` are shown as text, never linked.
*/

use std::borrow::Cow;

/// Split `raw` into (host, path) when it is a web URL on a LinkedIn host.
fn linkedin_parts(raw: &str) -> Option<(String, &str)> {
    let s = raw.trim();
    let starts = |prefix: &str| {
        s.as_bytes()
            .get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix.as_bytes()))
    };
    let rest = if starts("https://") {
        &s[8..]
    } else if starts("http://") {
        &s[7..]
    } else if s.contains("://") || s.contains(':') && !s.contains('/') {
        return None;
    } else {
        s
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let host = rest[..end].to_ascii_lowercase();
    let path = &rest[end..];
    // No user-info, ports or odd characters: a plain host name only.
    if host.is_empty()
        || !host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    {
        return None;
    }
    if host == "linkedin.com" || host.ends_with(".linkedin.com") {
        Some((host, path))
    } else {
        None
    }
}

/// The canonical form of a readable LinkedIn profile URL, or `None` for
/// anything else (opaque forms, other sites, garbage).
pub fn normalize(raw: &str) -> Option<String> {
    normalize_borrowed(raw).map(Cow::into_owned)
}

/// [`normalize`], borrowing `raw` when it is already canonical (every URL
/// of a LinkedIn export is): no string made per row on import.
pub fn normalize_borrowed(raw: &str) -> Option<Cow<'_, str>> {
    match already_canonical(raw) {
        Some(canonical) => Some(Cow::Borrowed(canonical)),
        None => normalize_general(raw).map(Cow::Owned),
    }
}

fn normalize_general(raw: &str) -> Option<String> {
    let (_, path) = linkedin_parts(raw)?;
    let path = path.split(['?', '#']).next().unwrap_or("");
    let mut segments = path.split('/').filter(|s| !s.is_empty());
    if !segments.next()?.eq_ignore_ascii_case("in") {
        return None;
    }
    let slug = segments.next()?;
    if is_opaque_slug(slug) {
        return None;
    }
    let slug = percent_decode(slug).to_lowercase();
    if slug.is_empty()
        || slug
            .chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>')
    {
        return None;
    }
    Some(format!("https://www.linkedin.com/in/{slug}"))
}

/// `raw` itself when it is already in canonical form, as every URL in a
/// LinkedIn export is: the general path below allocates four strings per
/// URL (host, decoded slug, lowercased slug, result), this one none.
///
/// The slug may hold only bytes that the general path would keep as they
/// are: printable ASCII but upper-case letters (lowercased), `%` (decoded),
/// `/`, `?`, `#` (path ends), `"`, `<`, `>` (refused). Such a slug cannot be
/// opaque either, since opaque ids start with an upper-case `A`.
fn already_canonical(raw: &str) -> Option<&str> {
    const CANONICAL: &str = "https://www.linkedin.com/in/";
    let slug = raw.strip_prefix(CANONICAL)?;
    let keeps = |b: u8| {
        matches!(b, b'!'..=b'~')
            && !matches!(
                b,
                b'A'..=b'Z' | b'%' | b'/' | b'?' | b'#' | b'"' | b'<' | b'>'
            )
    };
    (!slug.is_empty() && slug.bytes().all(keeps)).then_some(raw)
}

/// Member ids LinkedIn uses in place of the readable slug (`ACwAA…`, `ACoAA…`).
fn is_opaque_slug(slug: &str) -> bool {
    slug.len() >= 20
        && (slug.starts_with("ACwAA") || slug.starts_with("ACoAA") || slug.starts_with("AEMAA"))
}

/// True for LinkedIn profile URLs that identify a member without a slug.
pub fn is_opaque(raw: &str) -> bool {
    let Some((_, path)) = linkedin_parts(raw) else {
        return false;
    };
    let lower = path.to_ascii_lowercase();
    lower.starts_with("/sales/lead/")
        || lower.starts_with("/sales/people/")
        || (lower.starts_with("/in/")
            && is_opaque_slug(path[4..].split(['/', '?', '#']).next().unwrap_or("")))
}

/// A link that is safe to put in `href`: https on a LinkedIn host.
pub fn safe_link(raw: &str) -> Option<String> {
    let (host, path) = linkedin_parts(raw)?;
    if path
        .chars()
        .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>' || c == '\\')
    {
        return None;
    }
    Some(format!("https://{host}{path}"))
}

fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(hi), Some(lo)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push(hi << 4 | lo);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_of_one_profile_are_equal() {
        let want = Some("https://www.linkedin.com/in/jane-doe-42".to_string());
        for raw in [
            "https://www.linkedin.com/in/jane-doe-42",
            "https://www.linkedin.com/in/Jane-Doe-42/",
            "http://www.linkedin.com/in/jane-doe-42",
            "http://uk.linkedin.com/in/jane-doe-42?trk=people-guest",
            "linkedin.com/in/JANE-DOE-42",
            "  https://linkedin.com/in/jane-doe-42/#about ",
            "HTTPS://WWW.LINKEDIN.COM/in/jane-doe-42",
        ] {
            assert_eq!(normalize(raw), want, "{raw}");
        }
        for canonical in [
            "https://www.linkedin.com/in/jane-doe-42",
            "https://www.linkedin.com/in/j.d_42~x",
        ] {
            assert_eq!(already_canonical(canonical), Some(canonical));
            assert_eq!(normalize(canonical).as_deref(), Some(canonical));
        }
        for not_canonical in [
            "https://www.linkedin.com/in/Jane",
            "https://www.linkedin.com/in/jane/",
            "https://www.linkedin.com/in/",
            " https://www.linkedin.com/in/jane",
            "https://www.linkedin.com/in/zo%C3%AB",
        ] {
            assert_eq!(already_canonical(not_canonical), None, "{not_canonical}");
        }
        assert_eq!(
            normalize("https://www.linkedin.com/in/zo%C3%AB-m%C3%BCller"),
            Some("https://www.linkedin.com/in/zoë-müller".to_string())
        );
    }

    #[test]
    fn opaque_and_foreign_urls_have_no_canonical_form() {
        for raw in [
            "https://www.linkedin.com/in/ACwAAAB1c2VyMTIzNDU2Nzg5",
            "https://www.linkedin.com/sales/lead/ACwAAAB1c2VyMTIz,NAME_SEARCH,abc",
            "https://www.linkedin.com/sales/people/ACwAAAB1c2VyMTIz,name",
            "https://www.linkedin.com/company/globex",
            "https://linkedin.com.evil.com/in/jane",
            "https://evil.com/in/jane",
            "javascript:alert(1)",
            "",
        ] {
            assert_eq!(normalize(raw), None, "{raw}");
        }
        assert!(is_opaque(
            "https://www.linkedin.com/in/ACwAAAB1c2VyMTIzNDU2Nzg5"
        ));
        assert!(is_opaque(
            "https://www.linkedin.com/sales/lead/ACwAAAB1c2VyMTIz,NAME_SEARCH"
        ));
        assert!(!is_opaque("https://www.linkedin.com/in/jane-doe"));
    }

    #[test]
    fn only_linkedin_https_links_are_safe() {
        assert_eq!(
            safe_link("http://uk.linkedin.com/in/jane"),
            Some("https://uk.linkedin.com/in/jane".to_string())
        );
        for raw in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "https://linkedin.com.evil.com/in/jane",
            "https://user@evil.com/linkedin.com",
            "https://evil.com/?https://www.linkedin.com/in/x",
            "https://www.linkedin.com/in/a\"onmouseover=alert(1)",
            "vbscript:msgbox",
        ] {
            assert_eq!(safe_link(raw), None, "{raw}");
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 3000, ..Default::default() })]

        /// The fast path only ever answers what the general path would.
        #[test]
        fn fast_path_agrees(slug in "[ -~]{0,12}|[a-z0-9-]{1,30}") {
            let raw = format!("https://www.linkedin.com/in/{slug}");
            if let Some(fast) = already_canonical(&raw) {
                proptest::prop_assert_eq!(Some(fast.to_string()), normalize_general(&raw));
            }
        }
    }
}
