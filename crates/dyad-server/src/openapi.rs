//! The OpenAPI 3.0 document of the JSON API, written by hand next to the handlers it
//! describes (`api.rs`); a test checks that every route is in it.

use axum::Json;
use serde_json::{json, Value};

fn query(name: &str, description: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": description, "schema": schema})
}

fn filters() -> Vec<Value> {
    let s = json!({"type": "string"});
    // A day, a month or a year: not only the `date` format.
    let date = json!({"type": "string", "pattern": "^[0-9]{4}(-[0-9]{1,2}(-[0-9]{1,2})?)?$"});
    vec![
        query("actor", "Entity code among the actors (RUS, NATO)", s.clone()),
        query("recipient", "Entity code among the recipients", s.clone()),
        query("type", "PLOVER event type (AID, ASSAULT, …)", s.clone()),
        query("mode", "PLOVER mode", s.clone()),
        query(
            "since",
            "Earliest event date: YYYY-MM-DD, or YYYY-MM or YYYY from its first day",
            date.clone(),
        ),
        query("until", "Latest event date: YYYY-MM-DD, or YYYY-MM or YYYY to its last day", date),
        query("source", "Outlet or URL substring of a reporting source", s.clone()),
        query(
            "min_sources",
            "Least number of independent sources",
            json!({"type": "integer", "minimum": 1}),
        ),
        query("text", "Words in an evidence sentence", s),
        query(
            "modality",
            "Events that a source reports with this modality",
            json!({"type": "string", "enum": dyad_model::Modality::ALL.map(|m| m.as_str())}),
        ),
        query(
            "certain",
            "Only events that a source states as a fact: asserted, with no hedge",
            json!({"type": "boolean"}),
        ),
    ]
}

fn network_params() -> Vec<Value> {
    let mut p = filters();
    p.push(query(
        "min_events",
        "Events a pair needs for an edge (default 1)",
        json!({"type": "integer", "minimum": 1}),
    ));
    p.push(query(
        "min_weight",
        "Least absolute summed intensity of an edge (default 0.5)",
        json!({"type": "number", "minimum": 0}),
    ));
    p
}

fn ok(description: &str) -> Value {
    json!({
        "200": {"description": description, "content": {"application/json": {"schema": {"type": "object"}}}},
        "400": {"$ref": "#/components/responses/BadRequest"},
    })
}

/// `limit` and `offset` of a paged list of `what`.
fn page_params(what: &str, default: usize, max: usize) -> [Value; 2] {
    [
        query(
            "limit",
            &format!("{what} per page (1–{max}, default {default})"),
            json!({"type": "integer", "minimum": 1, "maximum": max}),
        ),
        query(
            "offset",
            &format!("{what} skipped (default 0)"),
            json!({"type": "integer", "minimum": 0}),
        ),
    ]
}

pub(crate) fn spec() -> Value {
    let mut events_params = filters();
    events_params.extend(page_params("Events", 50, 500));
    events_params.push(query(
        "sort",
        "Order (default -date: newest first)",
        json!({"type": "string", "enum": ["-date", "date", "sources", "mentions"]}),
    ));
    let id = json!({"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "minimum": 1}});
    let period = json!({"type": "string", "enum": ["day", "week", "month", "quarter", "year"]});
    let mut dyad_params = filters();
    dyad_params.push(query("by", "Period of each point (default month)", period.clone()));
    dyad_params.push(query(
        "events",
        "true: each point lists the ids of its events (`events`); without a filter a page's points are read again event by event, pair by pair, with a filter (or all=true) every matching event is read; by default they are left out and the series is read from the store's monthly sums where it can be",
        json!({"type": "string", "enum": ["true", "false"]}),
    ));
    dyad_params.extend(page_params("Points", 1000, 100_000));
    dyad_params.push(query(
        "all",
        "true: every point in one answer (not with limit or offset)",
        json!({"type": "string", "enum": ["true", "false"]}),
    ));
    let mut polarity_params = network_params();
    polarity_params.push(query(
        "window",
        "Window length; one window over everything by default. More than 5,000 windows (the events' dates too far apart for the length) is refused with 400 naming `window`",
        period,
    ));
    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "dyad API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Event data coded from news (PLOVER), merged across sources, and the alliance structure it shows. Errors are JSON: {\"error\": message, \"field\": the bad parameter or null, \"status\": code}.",
        },
        "paths": {
            "/api/stats": {"get": {"summary": "Counts: documents, events, mentions, by type, top dyads (between named, different parties)", "parameters": [query("include_self", "true: keep self-dyads (PRK→PRK) and generic parties (IGO, EUR, …) in the top dyads", json!({"type": "string", "enum": ["true", "false"]}))], "responses": ok("Store statistics")}},
            "/api/events": {"get": {
                "summary": "Merged events with filters, paging and sorting",
                "parameters": events_params,
                "responses": {
                    "200": {"description": "A page of events", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/EventPage"}}}},
                    "400": {"$ref": "#/components/responses/BadRequest"},
                },
            }},
            "/api/events/{id}": {"get": {"summary": "One event with every mention, its evidence and provenance", "parameters": [id.clone()], "responses": {
                "200": {"description": "The event", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Event"}}}},
                "400": {"$ref": "#/components/responses/BadRequest"},
                "404": {"$ref": "#/components/responses/NotFound"},
            }}},
            "/api/documents": {"get": {"summary": "Documents, newest first, or full-text search (SQLite FTS5 syntax)", "parameters": [
                query("q", "Search: words, \"phrases\", OR, NOT, prefix*", json!({"type": "string"})),
                query("limit", "Documents (1–500, default 50)", json!({"type": "integer", "minimum": 1, "maximum": 500})),
            ], "responses": ok("Documents")}},
            "/api/documents/{id}": {"get": {"summary": "One document with its text, paragraphs, sentences, footnotes and markers", "parameters": [id], "responses": {
                "200": {"description": "The document", "content": {"application/json": {"schema": {"type": "object"}}}},
                "400": {"$ref": "#/components/responses/BadRequest"},
                "404": {"$ref": "#/components/responses/NotFound"},
            }}},
            "/api/actors/{code}": {"get": {"summary": "A country's partners and adversaries, and its dyads over time", "parameters": [
                {"name": "code", "in": "path", "required": true, "schema": {"type": "string"}},
            ], "responses": {
                "200": {"description": "The actor", "content": {"application/json": {"schema": {"type": "object"}}}},
                "400": {"$ref": "#/components/responses/BadRequest"},
                "404": {"$ref": "#/components/responses/NotFound"},
            }}},
            "/api/dyads": {"get": {"summary": "Directed dyad time series, a page at a time (`total`, `offset`, `limit`, `next`; `all=true` for every point)", "parameters": dyad_params, "responses": ok("Dyad series")}},
            "/api/network": {"get": {"summary": "The signed country network of a period, with its analysis", "parameters": network_params(), "responses": ok("Nodes, edges and analysis")}},
            "/api/blocs": {"get": {"summary": "Blocs, frustration and polarity of a period", "parameters": network_params(), "responses": ok("The analysis")}},
            "/api/polarity": {"get": {"summary": "The polarity index per window", "parameters": polarity_params, "responses": ok("Windows")}},
            "/api/ingest": {"post": {
                "summary": "Code and store one article (needs the server's write token)",
                "security": [{"bearer": []}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/IngestRequest"}}}},
                "responses": {
                    "201": {"description": "Stored as a new document; `warning`, when present, says how the bytes were decoded (a guessed charset, replaced bytes)"},
                    "200": {"description": "Already stored (same article, copy or same bytes)"},
                    "400": {"$ref": "#/components/responses/BadRequest"},
                    "401": {"description": "Missing or wrong token", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                    "403": {"description": "The server is read-only", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                    "413": {"description": "The body is too large", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                    "502": {"description": "The URL could not be fetched", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                    "503": {"description": "The store cannot be written (a read-only file system or file)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                    "507": {"description": "The disk holding the store is full", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                },
            }},
            "/api/openapi.json": {"get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3.0"}}}},
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "responses": {
                "BadRequest": {"description": "A parameter is invalid; `field` names it", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                "NotFound": {"description": "No such thing", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
            },
            "schemas": {
                "Error": {"type": "object", "required": ["error", "status"], "properties": {
                    "error": {"type": "string"}, "field": {"type": "string", "nullable": true}, "status": {"type": "integer"},
                }},
                "Event": {"type": "object", "required": ["id", "event", "actor", "recipient", "n_sources", "n_mentions"], "properties": {
                    "id": {"type": "integer"}, "event": {"type": "string"},
                    "actor": {"type": "array", "items": {"type": "string"}}, "recipient": {"type": "array", "items": {"type": "string"}},
                    "date": {"type": "string", "format": "date", "nullable": true}, "mode": {"type": "array", "items": {"type": "string"}},
                    "modalities": {"type": "array", "items": {"type": "string"}}, "n_sources": {"type": "integer"}, "n_mentions": {"type": "integer"},
                    "sources": {"type": "array", "items": {"type": "string"}},
                    "sizes": {"type": "array", "items": {"type": "object"}}, "evidence": {"type": "string", "nullable": true},
                    "mentions": {"type": "array", "items": {"type": "object"}, "description": "In the detail only: the coded records with their provenance"},
                }},
                "EventPage": {"type": "object", "required": ["events", "total", "limit", "offset"], "properties": {
                    "events": {"type": "array", "items": {"$ref": "#/components/schemas/Event"}},
                    "total": {"type": "integer"}, "limit": {"type": "integer"}, "offset": {"type": "integer"},
                }},
                "IngestRequest": {"type": "object", "description": "Exactly one of text, html, url", "properties": {
                    "text": {"type": "string"}, "html": {"type": "string"}, "url": {"type": "string", "format": "uri"},
                    "date": {"type": "string", "format": "date"}, "title": {"type": "string"}, "outlet": {"type": "string"},
                }},
            },
        },
    })
}

pub(crate) async fn document() -> Json<Value> {
    Json(spec())
}
