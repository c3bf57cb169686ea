//! How every console list is sorted and paged: `?sort=key&order=desc&page=2` next to the list's
//! own filters, which the links keep. The sort keys come from each list's allowlist of columns;
//! an unknown key shows the list in its first column's order.

use std::cmp::Ordering;

use actix_web::HttpRequest;

use crate::i18n::Text;
use crate::web::page::Page;

/// Rows on one page of a console list.
pub const PAGE_SIZE: usize = 25;

/// A column the list can be sorted on.
pub struct SortColumn<T> {
    pub key: &'static str,
    pub label: Text,
    /// Numbers are aligned right.
    pub number: bool,
    pub compare: fn(&T, &T) -> Ordering,
}

/// A column heading as the template shows it.
pub struct Heading {
    pub label: String,
    pub number: bool,
    /// The address that sorts on this column (the other way round when it is the current one).
    pub href: String,
    /// `ascending`, `descending` or `none`, for `aria-sort`.
    pub aria_sort: &'static str,
}

/// A link to another page of the list.
pub struct PageLink {
    pub number: usize,
    pub href: String,
    pub current: bool,
}

/// One page of a sorted list, with its headings and the links to its other pages.
pub struct Listing<T> {
    pub rows: Vec<T>,
    pub headings: Vec<Heading>,
    /// Headings after the sortable ones, of columns that hold forms.
    pub plain: Vec<String>,
    pub pages: Vec<PageLink>,
    /// "Rows 26 to 50 of 130", or empty when everything fits on one page.
    pub summary: String,
}

/// The address of the list with `sort`, `order` and `page` replaced, every filter kept.
fn address(req: &HttpRequest, changes: &[(&str, String)]) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (name, value) in form_urlencoded::parse(req.query_string().as_bytes()) {
        if !changes.iter().any(|(changed, _)| *changed == name) {
            query.append_pair(&name, &value);
        }
    }
    for (name, value) in changes {
        query.append_pair(name, value);
    }
    format!("{}?{}", req.path(), query.finish())
}

fn asked(req: &HttpRequest, name: &str) -> Option<String> {
    form_urlencoded::parse(req.query_string().as_bytes())
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

/// Sorts the rows as the address asks (stable, so equal rows keep the order they came in) and
/// cuts out the page it asks for.
pub fn listing<T>(
    req: &HttpRequest,
    page: &Page,
    mut rows: Vec<T>,
    columns: &[SortColumn<T>],
) -> Listing<T> {
    let sort = asked(req, "sort")
        .and_then(|key| columns.iter().position(|c| c.key == key))
        .unwrap_or(0);
    let descending = asked(req, "order").as_deref() == Some("desc");
    if let Some(column) = columns.get(sort) {
        rows.sort_by(|a, b| {
            let order = (column.compare)(a, b);
            if descending { order.reverse() } else { order }
        });
    }
    let headings = columns
        .iter()
        .enumerate()
        .map(|(i, column)| {
            let current = i == sort;
            let order = if current && !descending {
                "desc"
            } else {
                "asc"
            };
            Heading {
                label: page.say(&column.label),
                number: column.number,
                href: address(
                    req,
                    &[
                        ("sort", column.key.to_string()),
                        ("order", order.to_string()),
                        ("page", "1".to_string()),
                    ],
                ),
                aria_sort: match (current, descending) {
                    (false, _) => "none",
                    (true, false) => "ascending",
                    (true, true) => "descending",
                },
            }
        })
        .collect();
    let total = rows.len();
    let page_count = total.div_ceil(PAGE_SIZE).max(1);
    let current = asked(req, "page")
        .and_then(|p| p.parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, page_count);
    let first = (current - 1) * PAGE_SIZE;
    let rows: Vec<T> = rows.into_iter().skip(first).take(PAGE_SIZE).collect();
    let summary = if page_count > 1 {
        page.say(&t!(
            "site-list-rows",
            first = first + 1,
            last = first + rows.len(),
            total = total
        ))
    } else {
        String::new()
    };
    let pages = if page_count > 1 {
        (1..=page_count)
            .map(|number| PageLink {
                number,
                href: address(req, &[("page", number.to_string())]),
                current: number == current,
            })
            .collect()
    } else {
        Vec::new()
    };
    Listing {
        rows,
        headings,
        plain: Vec::new(),
        pages,
        summary,
    }
}

impl<T> Listing<T> {
    /// Adds a heading that does not sort, after the others.
    pub fn with_plain(mut self, label: String) -> Self {
        self.plain.push(label);
        self
    }
}

/// Compares texts as a reader expects: without regard to case.
pub fn by_text(a: &str, b: &str) -> Ordering {
    a.to_lowercase().cmp(&b.to_lowercase())
}
