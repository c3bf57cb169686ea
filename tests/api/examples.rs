//! The OpenAPI document shows an example for every request body and every successful answer,
//! and each example has the shape its schema describes.

use serde_json::Value;

use crate::helpers::spawn_app;

/// Why `value` does not fit `schema`, if it does not (types, required and declared members,
/// enums, bounds, items, references and combinations).
fn misfit(value: &Value, schema: &Value, schemas: &Value, at: &str) -> Option<String> {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.trim_start_matches("#/components/schemas/");
        return misfit(value, &schemas[name], schemas, at);
    }
    if let Some(parts) = schema["allOf"].as_array() {
        // Each part describes some of the members; together they must account for all.
        let mut declared = Vec::new();
        for part in parts {
            let resolved = match part["$ref"].as_str() {
                Some(r) => &schemas[r.trim_start_matches("#/components/schemas/")],
                None => part,
            };
            if let Some(properties) = resolved["properties"].as_object() {
                declared.extend(properties.keys().cloned());
            }
            for name in resolved["required"].as_array().into_iter().flatten() {
                let name = name.as_str().unwrap_or_default();
                if value.get(name).is_none() {
                    return Some(format!("{at}: {name} is required"));
                }
            }
        }
        return value.as_object().and_then(|members| {
            members
                .keys()
                .find(|k| !declared.contains(k))
                .map(|k| format!("{at}: {k} is not declared"))
        });
    }
    for combination in ["oneOf", "anyOf"] {
        if let Some(variants) = schema[combination].as_array() {
            return variants
                .iter()
                .all(|v| misfit(value, v, schemas, at).is_some())
                .then(|| format!("{at}: fits none of the {combination} variants"));
        }
    }
    if let Some(allowed) = schema["enum"].as_array()
        && !allowed.contains(value)
    {
        return Some(format!("{at}: {value} is not one of {allowed:?}"));
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    let fits_type = |t: &str| match t {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        _ => true,
    };
    if !types.is_empty() && !types.iter().any(|t| fits_type(t)) {
        return Some(format!("{at}: {value} is not {types:?}"));
    }
    if let Some(number) = value.as_f64() {
        if schema["minimum"].as_f64().is_some_and(|m| number < m) {
            return Some(format!("{at}: {number} is below the minimum"));
        }
        if schema["maximum"].as_f64().is_some_and(|m| number > m) {
            return Some(format!("{at}: {number} is above the maximum"));
        }
    }
    if let Some(text) = value.as_str() {
        let length = text.chars().count() as u64;
        if schema["minLength"].as_u64().is_some_and(|m| length < m)
            || schema["maxLength"].as_u64().is_some_and(|m| length > m)
        {
            return Some(format!("{at}: {text:?} has the wrong length"));
        }
    }
    if let Some(items) = value.as_array() {
        return items
            .iter()
            .enumerate()
            .find_map(|(i, item)| misfit(item, &schema["items"], schemas, &format!("{at}[{i}]")));
    }
    if let (Some(members), Some(properties)) = (value.as_object(), schema["properties"].as_object())
    {
        for name in schema["required"].as_array().into_iter().flatten() {
            let name = name.as_str().unwrap_or_default();
            if !members.contains_key(name) {
                return Some(format!("{at}: {name} is required"));
            }
        }
        for (name, member) in members {
            let Some(property) = properties.get(name) else {
                return Some(format!("{at}: {name} is not declared"));
            };
            if let Some(why) = misfit(member, property, schemas, &format!("{at}.{name}")) {
                return Some(why);
            }
        }
    }
    None
}

#[tokio::test]
async fn every_request_body_and_successful_answer_has_an_example_that_fits_its_schema() {
    let app = spawn_app().await;
    let document = app.get("/api/v1/openapi.json", None).await.json();
    let schemas = &document["components"]["schemas"];
    let mut checked = 0;
    let mut problems = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let id = operation["operationId"].as_str().unwrap_or(method);
            let bodies = operation["requestBody"]["content"]
                .as_object()
                .into_iter()
                .flatten()
                .map(|(media, content)| (format!("{id} request {media}"), content));
            let answers =
                operation["responses"]
                    .as_object()
                    .into_iter()
                    .flatten()
                    .filter(|(status, _)| status.starts_with('2'))
                    .flat_map(|(status, response)| {
                        response["content"].as_object().into_iter().flatten().map(
                            move |(media, content)| (format!("{id} {status} {media}"), content),
                        )
                    });
            for (what, content) in bodies.chain(answers) {
                checked += 1;
                match content.get("example") {
                    None | Some(Value::Null) => {
                        problems.push(format!("{what} ({path}): no example"))
                    }
                    Some(example) => {
                        if let Some(why) = misfit(example, &content["schema"], schemas, "example") {
                            problems.push(format!("{what}: {why}"));
                        }
                    }
                }
            }
        }
    }
    assert!(checked > 150, "only {checked} bodies and answers found");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[tokio::test]
async fn the_docs_page_is_served_with_the_document_it_shows() {
    let app = spawn_app().await;
    let docs = app.get("/docs/", None).await;
    assert_eq!(docs.status, 200);
    assert!(
        docs.text.to_lowercase().contains("swagger"),
        "{}",
        docs.text
    );
    let document = app.get("/api/v1/openapi.json", None).await.json();
    let ballot = &document["paths"]["/api/v1/rounds/{id}/ballot"]["put"]["requestBody"]["content"]
        ["application/json"]["example"];
    assert!(ballot["project_ids"].is_array(), "{ballot}");
}
