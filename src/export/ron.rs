//! RON export: the same [`Rows`] as the JSON export in Rusty Object Notation, which reads
//! back into the same Rust structs (`ron::from_str::<Rows>`).

use super::rows::Rows;

/// Renders the rows as pretty RON ending with a newline.
pub(crate) fn render(rows: &Rows) -> Result<Vec<u8>, String> {
    let config = ::ron::ser::PrettyConfig::new();
    let mut out = ::ron::ser::to_string_pretty(rows, config).map_err(|e| e.to_string())?;
    out.push('\n');
    Ok(out.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::What;
    use crate::export::rows::fixtures;

    #[test]
    fn every_kind_of_row_round_trips() {
        for what in [What::Events, What::Documents, What::Entities] {
            let rows = fixtures::rows(what);
            let text = String::from_utf8(render(&rows).unwrap()).unwrap();
            let back: Rows = ::ron::from_str(&text).unwrap();
            assert_eq!(back, rows, "{what}");
        }
        let empty = Rows::Events(Vec::new());
        let text = String::from_utf8(render(&empty).unwrap()).unwrap();
        assert_eq!(::ron::from_str::<Rows>(&text).unwrap(), empty);
    }
}
