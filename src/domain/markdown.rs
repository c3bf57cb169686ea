//! Markdown to HTML that is safe to put in a page: raw HTML in the source is shown as text,
//! and links and images only keep `http`, `https`, `mailto` or relative targets.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

fn safe_url(url: &str) -> bool {
    let lowered: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect();
    match lowered.split_once(':') {
        // A colon before any '/', '?' or '#' starts a scheme.
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            matches!(scheme, "http" | "https" | "mailto")
        }
        _ => true,
    }
}

/// Renders Markdown as sanitised HTML.
pub fn render(source: &str) -> String {
    sanitised(
        source,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
        true,
    )
}

/// Renders a comment: the same sanitising, without tables, and images shown as links to them,
/// so that reading a discussion never fetches anything from another site.
pub fn render_comment(source: &str) -> String {
    sanitised(source, Options::ENABLE_STRIKETHROUGH, false)
}

fn sanitised(source: &str, options: Options, images: bool) -> String {
    let parser = Parser::new_ext(source, options).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if !safe_url(&dest_url) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::Borrowed("#"),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => {
            let dest_url = if safe_url(&dest_url) {
                dest_url
            } else {
                CowStr::Borrowed("#")
            };
            if images {
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            } else {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                })
            }
        }
        Event::End(TagEnd::Image) if !images => Event::End(TagEnd::Link),
        other => other,
    });
    let mut out = String::new();
    html::push_html(&mut out, parser);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comment_links_to_an_image_instead_of_loading_it() {
        let html = render_comment("![plein](https://example.org/plein.jpg) en <b>vet</b>");
        assert!(!html.contains("<img"), "{html}");
        assert!(
            html.contains("href=\"https://example.org/plein.jpg\">plein</a>"),
            "{html}"
        );
        assert!(html.contains("&lt;b&gt;"), "{html}");
        assert!(render_comment("![x](javascript:alert(1))").contains("href=\"#\""));
    }

    #[test]
    fn formatting_survives() {
        assert_eq!(
            render("**Groen** plein"),
            "<p><strong>Groen</strong> plein</p>\n"
        );
        assert!(
            render("[plan](https://example.org/plan)")
                .contains("href=\"https://example.org/plan\"")
        );
    }

    #[test]
    fn scripts_handlers_and_javascript_links_do_not_survive() {
        for attack in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "[click](JaVaScRiPt:alert(1))",
            "[click](  java\tscript:alert(1))",
            "![x](javascript:alert(1))",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<svg onload=alert(1)>",
        ] {
            let html = render(attack);
            // Every real tag in the output (escaped text has no raw '<').
            let tags: Vec<String> = html
                .split('<')
                .skip(1)
                .filter_map(|rest| rest.split('>').next())
                .map(str::to_lowercase)
                .collect();
            for tag in &tags {
                let name = tag.split_whitespace().next().unwrap_or("");
                assert!(
                    ["p", "/p", "a", "/a", "img", "code", "/code"].contains(&name),
                    "{attack} -> {html}"
                );
                assert!(
                    !tag.contains("javascript") && !tag.contains("data:") && !tag.contains(" on"),
                    "{attack} -> {html}"
                );
            }
        }
    }
}
