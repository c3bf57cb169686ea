//! Markdown to HTML that is safe to put in a page: raw HTML in the source is shown as text,
//! links only keep `http`, `https`, `mailto` or relative targets, and only pictures uploaded
//! here are shown as images: any other image becomes a link, so that reading a proposal never
//! fetches anything from another site (which would tell it who reads what).

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

/// Where the server serves an uploaded picture: `/api/v1/files/{id}`, or its thumbnail.
pub const FILES_PATH: &str = "/api/v1/files/";

/// Whether an image source is a picture uploaded here.
fn uploaded_here(url: &str) -> bool {
    let Some(rest) = url.strip_prefix(FILES_PATH) else {
        return false;
    };
    let id = rest.strip_suffix("/thumbnail").unwrap_or(rest);
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())
}

/// Renders Markdown as sanitised HTML.
pub fn render(source: &str) -> String {
    sanitised(
        source,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
    )
}

/// Renders a comment: the same sanitising, without tables.
pub fn render_comment(source: &str) -> String {
    sanitised(source, Options::ENABLE_STRIKETHROUGH)
}

fn sanitised(source: &str, options: Options) -> String {
    // Whether the image being rendered became a link; images do not nest.
    let mut image_as_link = false;
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
            image_as_link = !uploaded_here(&dest_url);
            if !image_as_link {
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
        Event::End(TagEnd::Image) if image_as_link => Event::End(TagEnd::Link),
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
    fn only_pictures_uploaded_here_are_shown_as_images() {
        let html = render("![plein](https://example.org/plein.jpg) ![hier](/api/v1/files/12)");
        assert!(
            html.contains("<img src=\"/api/v1/files/12\" alt=\"hier\""),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"https://example.org/plein.jpg\">plein</a>"),
            "{html}"
        );
        for elsewhere in [
            "/api/v1/files/12/../../x",
            "/api/v1/files/",
            "//example.org/api/v1/files/1",
        ] {
            assert!(
                !render(&format!("![x]({elsewhere})")).contains("<img"),
                "{elsewhere}"
            );
        }
        assert!(render("![t](/api/v1/files/3/thumbnail)").contains("<img"));
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
