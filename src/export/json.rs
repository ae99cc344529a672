//! JSON export: `{"events": [...]}`, `{"documents": [...]}` or `{"entities": [...]}`, pretty
//! printed, with the `extract` contract's field names and value shapes where they overlap.

use super::rows::Rows;

/// Renders the rows as pretty JSON ending with a newline.
pub(crate) fn render(rows: &Rows) -> Result<Vec<u8>, String> {
    let mut out = serde_json::to_vec_pretty(rows).map_err(|e| e.to_string())?;
    out.push(b'\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::{EventOut, ExtractOutput};
    use crate::export::What;
    use crate::export::rows::fixtures;

    #[test]
    fn events_match_the_extract_shape_where_they_overlap() {
        let store = fixtures::store();
        let rows = fixtures::rows(What::Events);
        let value: serde_json::Value = serde_json::from_slice(&render(&rows).unwrap()).unwrap();
        let events = value["events"].as_array().unwrap();
        assert_eq!(events.len(), 3);
        let extract = serde_json::to_value(ExtractOutput::streamed(&store)).unwrap();
        let extracted = &extract["documents"][0]["events"][0];
        for field in [
            "kind",
            "date_start",
            "date_end",
            "places",
            "participants",
            "name",
        ] {
            assert_eq!(events[0][field], extracted[field], "{field}");
        }
        assert_eq!(
            events[0]["evidence"]["start"],
            extracted["evidence"]["start"]
        );
        assert_eq!(events[0]["evidence"]["end"], extracted["evidence"]["end"]);
        assert_eq!(events[0]["precision"], "day");
        assert!(events[2]["date_end"].is_null());
        // The overlapping part deserialises into the contract's own struct.
        let out: EventOut = serde_json::from_value(events[1].clone()).unwrap();
        assert_eq!(out.places, ["Kazan", "Lyon"]);
        // And the whole file into the export's rows.
        let back: Rows = serde_json::from_value(value).unwrap();
        assert_eq!(back, rows);
    }

    #[test]
    fn documents_use_the_extract_names() {
        let rows = fixtures::rows(What::Documents);
        let value: serde_json::Value = serde_json::from_slice(&render(&rows).unwrap()).unwrap();
        let doc = &value["documents"][0];
        assert_eq!(doc["id"], "doc-a");
        assert_eq!(doc["pub_date"], "2017-05");
        assert_eq!(doc["path"], "doc-a.txt");
    }

    #[test]
    fn an_empty_result_is_an_empty_list() {
        let value: serde_json::Value =
            serde_json::from_slice(&render(&Rows::Events(Vec::new())).unwrap()).unwrap();
        assert_eq!(value, serde_json::json!({"events": []}));
    }
}
