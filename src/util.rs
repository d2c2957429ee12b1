//! Small syntax checks that several stages share; this module imports
//! nothing from the crate, so any stage may use it.

/// A deliberately loose check: readers only need `local@domain` without
/// spaces; anything stricter rejects real addresses.
pub fn is_email(text: &str) -> bool {
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !text.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '(' | ')' | ',' | ';')
        })
        && !domain.contains('@')
}
