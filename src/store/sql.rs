//! SQL helpers shared by the stores.

diesel::define_sql_function!(
    /// SQL `lower()`, for case-insensitive search on both backends.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text
);

/// Escapes LIKE wildcards (with `\` as the escape character) so that a search for `50%` finds
/// the text `50%`.
pub fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}
