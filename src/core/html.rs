/*!
HTML text for the few places the page writes markup as one string rather
than element by element: the owner choice on every network card holds one
`<option>` per NPS respondent, and a hundred cards of a hundred
respondents are ten thousand elements — built one by one, that is seconds
of main-thread work; parsed from one string per card, milliseconds.

Everything interpolated is escaped, so a respondent named
`<img src=x onerror=alert(1)>` is text, never markup.
*/

/// `s` with `& < > " '` escaped, safe as element text and as a quoted
/// attribute value.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `<option>`s for `(value, label)` pairs, `selected` marked.
pub fn options(items: &[(String, String)], selected: &str) -> String {
    let mut out = String::new();
    for (value, label) in items {
        out.push_str("<option value=\"");
        out.push_str(&escape(value));
        out.push('"');
        if value == selected {
            out.push_str(" selected");
        }
        out.push('>');
        out.push_str(&escape(label));
        out.push_str("</option>");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_stays_text() {
        assert_eq!(
            escape(r#"<img src=x onerror="alert('1')"> & co"#),
            "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; co"
        );
        assert_eq!(escape("Zoë Ng — 北京"), "Zoë Ng — 北京");
    }

    #[test]
    fn options_mark_the_selected_one() {
        let items = vec![
            ("ana@x.com".to_string(), "Ana \"AR\" Ruiz".to_string()),
            ("b\"><script>".to_string(), "<b>Ben</b>".to_string()),
        ];
        assert_eq!(
            options(&items, "ana@x.com"),
            "<option value=\"ana@x.com\" selected>Ana &quot;AR&quot; Ruiz</option>\
             <option value=\"b&quot;&gt;&lt;script&gt;\">&lt;b&gt;Ben&lt;/b&gt;</option>"
        );
        assert!(!options(&items, "nobody").contains("selected"));
        assert_eq!(options(&[], "x"), "");
    }
}
