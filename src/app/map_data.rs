//! The map's view-model, a pure function of (store, query result): the gazetteer places
//! mentioned in the filtered documents with their document counts and events, and the
//! arcs of travel events (rule in [`crate::geo::arc_of`]). Tests inspect it without a window.

use std::collections::BTreeMap;

use crate::geo;
use crate::model::{EntityKind, EventKind};
use crate::query::QueryResult;
use crate::store::{EntityId, EventRef, Store};

/// A place drawn on the map.
#[derive(Clone, Debug, PartialEq)]
pub struct MapPlace {
    /// Canonical (gazetteer) name.
    pub name: String,
    /// The place entity of the store, if the corpus mentions it (clicking filters on it).
    pub entity: Option<EntityId>,
    /// Longitude, degrees.
    pub lon: f64,
    /// Latitude, degrees.
    pub lat: f64,
    /// Filtered documents that mention it.
    pub docs: usize,
    /// Filtered events held there, in date order.
    pub events: Vec<EventRef>,
}

/// A travel event drawn as an arc from its origin to its destination.
#[derive(Clone, Debug, PartialEq)]
pub struct MapArc {
    /// The event.
    pub event: EventRef,
    /// Its kind (colour).
    pub kind: EventKind,
    /// Origin and destination names.
    pub names: (String, String),
    /// Origin (lon, lat).
    pub from: (f64, f64),
    /// Destination (lon, lat).
    pub to: (f64, f64),
}

/// Everything the map draws for one filter.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MapData {
    /// Places, most documents first, then by name.
    pub places: Vec<MapPlace>,
    /// Arcs, in event (date) order.
    pub arcs: Vec<MapArc>,
}

impl MapData {
    /// The places and arcs of the documents and events `result` selects.
    pub fn from_store(store: &Store, result: &QueryResult) -> Self {
        let mut in_result = vec![false; store.docs().len()];
        for &d in &result.docs {
            if let Some(slot) = in_result.get_mut(d) {
                *slot = true;
            }
        }
        let mut by_name: BTreeMap<&str, MapPlace> = BTreeMap::new();
        for &entity_id in &result.entities {
            let Some(entity) = store.entity(entity_id) else {
                continue;
            };
            if entity.kind != EntityKind::Place {
                continue;
            }
            let Some(place) = geo::locate(&entity.canonical).filter(|p| geo::is_dot(p)) else {
                continue;
            };
            let docs = store
                .docs_of(entity_id)
                .iter()
                .filter(|&&d| in_result.get(d).copied().unwrap_or(false))
                .count();
            let entry = by_name
                .entry(place.name.as_str())
                .or_insert_with(|| MapPlace {
                    name: place.name.clone(),
                    entity: Some(entity_id),
                    lon: place.lon,
                    lat: place.lat,
                    docs: 0,
                    events: Vec::new(),
                });
            entry.docs = entry.docs.max(docs);
        }
        let mut arcs = Vec::new();
        for &event_ref in &result.events {
            let Some(event) = store.event(event_ref) else {
                continue;
            };
            for name in &event.places {
                if let Some(place) = geo::locate(name).filter(|p| geo::is_dot(p)) {
                    let entry = by_name
                        .entry(place.name.as_str())
                        .or_insert_with(|| MapPlace {
                            name: place.name.clone(),
                            entity: place_entity(store, name),
                            lon: place.lon,
                            lat: place.lat,
                            docs: 0,
                            events: Vec::new(),
                        });
                    if !entry.events.contains(&event_ref) {
                        entry.events.push(event_ref);
                    }
                }
            }
            if let Some((from, to)) = geo::arc_of(event)
                && let (Some(a), Some(b)) = (geo::locate(from), geo::locate(to))
            {
                arcs.push(MapArc {
                    event: event_ref,
                    kind: event.kind,
                    names: (a.name.clone(), b.name.clone()),
                    from: (a.lon, a.lat),
                    to: (b.lon, b.lat),
                });
            }
        }
        let mut places: Vec<MapPlace> = by_name.into_values().collect();
        places.sort_by(|a, b| b.docs.cmp(&a.docs).then_with(|| a.name.cmp(&b.name)));
        Self { places, arcs }
    }

    /// The place of this name, if drawn.
    pub fn place(&self, name: &str) -> Option<&MapPlace> {
        self.places.iter().find(|p| p.name == name)
    }
}

/// The box `[lon0, lat0, lon1, lat1]` around every place of an event the gazetteer
/// locates in a country (countries at their capital; continents and areas left out).
pub fn event_box(store: &Store, event_ref: EventRef) -> Option<[f64; 4]> {
    let event = store.event(event_ref)?;
    let mut bbox: Option<[f64; 4]> = None;
    for place in event.places.iter().filter_map(|n| geo::locate(n)) {
        if place.country.is_empty() {
            continue;
        }
        let b = bbox.get_or_insert([place.lon, place.lat, place.lon, place.lat]);
        *b = [
            b[0].min(place.lon),
            b[1].min(place.lat),
            b[2].max(place.lon),
            b[3].max(place.lat),
        ];
    }
    bbox
}

fn place_entity(store: &Store, name: &str) -> Option<EntityId> {
    store.find_entities(name).iter().copied().find(|&id| {
        store
            .entity(id)
            .is_some_and(|e| e.kind == EntityKind::Place && e.canonical == name)
    })
}
