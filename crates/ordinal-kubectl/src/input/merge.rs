//! Patches: JSON merge patch (RFC 7386), JSON patch (RFC 6902), strategic merge patch (lists of
//! containers, ports, volumes … merged by their key), and `kubectl apply`'s three-way merge.

use serde_json::{Map, Value};

/// Lists that strategic merge patch merges by a key instead of replacing
/// (the `patchMergeKey` tags of the Kubernetes API types).
fn merge_key(path: &[String]) -> Option<&'static str> {
    let last = path.last()?.as_str();
    let parent = path.len().checked_sub(2).map(|i| path[i].as_str());
    match (parent, last) {
        (_, "containers" | "initContainers" | "volumes" | "env") => Some("name"),
        (_, "volumeMounts") => Some("mountPath"),
        (_, "conditions") => Some("type"),
        (_, "ownerReferences") => Some("uid"),
        (_, "imagePullSecrets") => Some("name"),
        (_, "ports") => {
            // Container ports merge on containerPort, Service ports on port.
            if path
                .iter()
                .any(|p| p == "containers" || p == "initContainers")
            {
                Some("containerPort")
            } else {
                Some("port")
            }
        }
        _ => None,
    }
}

/// Primitive lists merged as sets (`patchStrategy:"merge"` on a list of strings).
fn is_set_list(path: &[String]) -> bool {
    matches!(path.last().map(String::as_str), Some("finalizers"))
}

/// RFC 7386: objects merge recursively, `null` deletes, everything else replaces.
pub fn merge_patch(target: &mut Value, patch: &Value) {
    match patch {
        Value::Object(p) => {
            if !target.is_object() {
                *target = Value::Object(Map::new());
            }
            if let Value::Object(t) = target {
                for (k, v) in p {
                    if v.is_null() {
                        t.remove(k);
                    } else {
                        merge_patch(t.entry(k.clone()).or_insert(Value::Null), v);
                    }
                }
            }
        }
        other => *target = other.clone(),
    }
}

/// Strategic merge patch as `kubectl patch` (default type) applies it.
pub fn strategic_merge(target: &mut Value, patch: &Value) {
    let mut path = Vec::new();
    sm(target, patch, &mut path);
}

fn sm(target: &mut Value, patch: &Value, path: &mut Vec<String>) {
    match patch {
        Value::Object(p) => {
            if p.get("$patch").and_then(Value::as_str) == Some("replace") {
                let mut clean = p.clone();
                clean.remove("$patch");
                *target = Value::Object(clean);
                return;
            }
            if p.get("$patch").and_then(Value::as_str) == Some("delete") {
                *target = Value::Null;
                return;
            }
            if !target.is_object() {
                *target = Value::Object(Map::new());
            }
            let Value::Object(t) = target else { return };
            for (k, v) in p {
                if k.starts_with("$setElementOrder/")
                    || k.starts_with("$deleteFromPrimitiveList/")
                    || k == "$retainKeys"
                {
                    continue;
                }
                if v.is_null() {
                    t.remove(k);
                    continue;
                }
                path.push(k.clone());
                let slot = t.entry(k.clone()).or_insert(Value::Null);
                match (slot.clone(), v) {
                    (Value::Array(old), Value::Array(new)) => {
                        *slot = merge_list(old, new, path);
                    }
                    _ => sm(slot, v, path),
                }
                path.pop();
            }
        }
        other => *target = other.clone(),
    }
}

fn merge_list(old: Vec<Value>, new: &[Value], path: &mut Vec<String>) -> Value {
    if is_set_list(path) {
        let mut out = old;
        for v in new {
            if !out.contains(v) {
                out.push(v.clone());
            }
        }
        return Value::Array(out);
    }
    let Some(key) = merge_key(path) else {
        return Value::Array(new.to_vec());
    };
    let mut out = old;
    for item in new {
        let k = item.get(key).cloned();
        let deleting = item.get("$patch").and_then(Value::as_str) == Some("delete");
        match k.and_then(|k| out.iter().position(|o| o.get(key) == Some(&k))) {
            Some(i) if deleting => {
                out.remove(i);
            }
            Some(i) => sm(&mut out[i], item, path),
            None if deleting => {}
            None => out.push(item.clone()),
        }
    }
    Value::Array(out)
}

/// RFC 6902 JSON patch. Errors read like the API server's.
pub fn json_patch(target: &mut Value, ops: &Value) -> Result<(), String> {
    let Value::Array(ops) = ops else {
        return Err("json: cannot unmarshal object into Go value of type jsonpatch.Patch".into());
    };
    for op in ops {
        let name = op.get("op").and_then(Value::as_str).unwrap_or("");
        let path = op
            .get("path")
            .and_then(Value::as_str)
            .ok_or("missing path")?;
        match name {
            "add" | "replace" => {
                let value = op.get("value").cloned().ok_or("missing value")?;
                set_pointer(target, path, value, name == "add")?;
            }
            "remove" => remove_pointer(target, path)?,
            "test" => {
                let want = op.get("value").cloned().unwrap_or(Value::Null);
                if target.pointer(path) != Some(&want) {
                    return Err(format!("testing value {path} failed"));
                }
            }
            "copy" | "move" => {
                let from = op
                    .get("from")
                    .and_then(Value::as_str)
                    .ok_or("missing from")?;
                let v = target
                    .pointer(from)
                    .cloned()
                    .ok_or_else(|| format!("unable to get value at {from}"))?;
                if name == "move" {
                    remove_pointer(target, from)?;
                }
                set_pointer(target, path, v, true)?;
            }
            other => return Err(format!("Unexpected kind: {other}")),
        }
    }
    Ok(())
}

fn split_pointer(path: &str) -> Result<(String, String), String> {
    let Some(idx) = path.rfind('/') else {
        return Err(format!("invalid JSON pointer: {path}"));
    };
    let key = path[idx + 1..].replace("~1", "/").replace("~0", "~");
    Ok((path[..idx].to_string(), key))
}

fn set_pointer(target: &mut Value, path: &str, value: Value, add: bool) -> Result<(), String> {
    if path.is_empty() {
        *target = value;
        return Ok(());
    }
    let (parent, key) = split_pointer(path)?;
    let missing =
        || format!("add operation does not apply: doc is missing path: \"{path}\": missing value");
    let p = target.pointer_mut(&parent).ok_or_else(missing)?;
    match p {
        Value::Object(m) => {
            if !add && !m.contains_key(&key) {
                return Err(format!(
                    "replace operation does not apply: doc is missing key: {path}: missing value"
                ));
            }
            m.insert(key, value);
        }
        Value::Array(a) => {
            if key == "-" && add {
                a.push(value);
            } else {
                let i: usize = key
                    .parse()
                    .map_err(|_| format!("invalid array index {key}"))?;
                if add {
                    if i > a.len() {
                        return Err(format!("add operation does not apply: doc is missing path: \"{path}\": missing value"));
                    }
                    a.insert(i, value);
                } else {
                    let slot = a.get_mut(i).ok_or_else(|| {
                        format!("replace operation does not apply: doc is missing key: {path}: missing value")
                    })?;
                    *slot = value;
                }
            }
        }
        _ => return Err(missing()),
    }
    Ok(())
}

fn remove_pointer(target: &mut Value, path: &str) -> Result<(), String> {
    let (parent, key) = split_pointer(path)?;
    let err = || {
        format!("remove operation does not apply: doc is missing path: \"{path}\": missing value")
    };
    match target.pointer_mut(&parent).ok_or_else(err)? {
        Value::Object(m) => m.remove(&key).map(|_| ()).ok_or_else(err),
        Value::Array(a) => {
            let i: usize = key.parse().map_err(|_| err())?;
            if i < a.len() {
                a.remove(i);
                Ok(())
            } else {
                Err(err())
            }
        }
        _ => Err(err()),
    }
}

/// `kubectl apply`'s three-way merge: fields present in the last applied configuration but
/// not in the new one are removed from the live object; everything in the new configuration
/// is merged in (strategically); fields only the cluster set are kept.
pub fn three_way(live: &Value, last_applied: Option<&Value>, new: &Value) -> Value {
    let mut out = live.clone();
    if let Some(old) = last_applied {
        let mut path = Vec::new();
        delete_removed(&mut out, old, new, &mut path);
    }
    strategic_merge(&mut out, new);
    out
}

fn delete_removed(live: &mut Value, old: &Value, new: &Value, path: &mut Vec<String>) {
    let (Value::Object(l), Value::Object(o)) = (live, old) else {
        return;
    };
    for (k, ov) in o {
        match new.get(k) {
            None => {
                l.remove(k);
            }
            Some(nv) => {
                path.push(k.clone());
                if let Some(lv) = l.get_mut(k) {
                    match (lv, ov, nv) {
                        (lv @ Value::Object(_), Value::Object(_), Value::Object(_)) => {
                            delete_removed(lv, ov, nv, path)
                        }
                        (Value::Array(la), Value::Array(oa), Value::Array(na)) => {
                            if let Some(key) = merge_key(path) {
                                // Items applied before and now gone are removed.
                                la.retain(|item| {
                                    let id = item.get(key);
                                    let was = oa.iter().any(|x| x.get(key) == id);
                                    let is = na.iter().any(|x| x.get(key) == id);
                                    !was || is
                                });
                                for item in la.iter_mut() {
                                    let id = item.get(key).cloned();
                                    let (Some(ov2), Some(nv2)) = (
                                        oa.iter().find(|x| x.get(key) == id.as_ref()),
                                        na.iter().find(|x| x.get(key) == id.as_ref()),
                                    ) else {
                                        continue;
                                    };
                                    delete_removed(item, ov2, nv2, path);
                                }
                            }
                        }
                        _ => {}
                    }
                }
                path.pop();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn strategic_merge_by_key() {
        let mut live = json!({"spec": {"template": {"spec": {"containers": [
            {"name": "nginx", "image": "a", "ports": [{"containerPort": 80}]},
            {"name": "side", "image": "s"}]}}}});
        strategic_merge(
            &mut live,
            &json!({"spec": {"template": {"spec": {"containers": [
            {"name": "nginx", "image": "b"}]}}}}),
        );
        assert_eq!(
            live["spec"]["template"]["spec"]["containers"][0]["image"],
            "b"
        );
        assert_eq!(
            live["spec"]["template"]["spec"]["containers"][1]["name"],
            "side"
        );
        strategic_merge(
            &mut live,
            &json!({"spec": {"template": {"spec": {"containers": [
            {"name": "side", "$patch": "delete"}]}}}}),
        );
        assert_eq!(
            live["spec"]["template"]["spec"]["containers"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn merge_patch_null_deletes() {
        let mut v = json!({"spec": {"updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"partition": 2}}}});
        strategic_merge(
            &mut v,
            &json!({"spec": {"updateStrategy": {"type": "OnDelete", "rollingUpdate": null}}}),
        );
        assert_eq!(v, json!({"spec": {"updateStrategy": {"type": "OnDelete"}}}));
        let mut v = json!({"metadata": {"finalizers": ["a"]}});
        merge_patch(&mut v, &json!({"metadata": {"finalizers": null}}));
        assert_eq!(v, json!({"metadata": {}}));
    }

    #[test]
    fn json_patch_ops() {
        let mut v = json!({"spec": {"template": {"spec": {"containers": [{"image": "a"}]}}}});
        json_patch(&mut v, &json!([{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": "b"}])).unwrap();
        assert_eq!(v["spec"]["template"]["spec"]["containers"][0]["image"], "b");
        json_patch(
            &mut v,
            &json!([{"op": "add", "path": "/spec/replicas", "value": 3}]),
        )
        .unwrap();
        assert_eq!(v["spec"]["replicas"], 3);
        assert!(json_patch(
            &mut v,
            &json!([{"op": "replace", "path": "/spec/nope/x", "value": 1}])
        )
        .is_err());
        json_patch(&mut v, &json!([{"op": "remove", "path": "/spec/replicas"}])).unwrap();
        assert!(v["spec"].get("replicas").is_none());
    }

    #[test]
    fn three_way_removes_fields_dropped_from_the_manifest() {
        let live = json!({"spec": {"replicas": 3, "minReadySeconds": 5, "serviceName": "nginx"}, "status": {"x": 1}});
        let old = json!({"spec": {"replicas": 3, "minReadySeconds": 5}});
        let new = json!({"spec": {"replicas": 2}});
        assert_eq!(
            three_way(&live, Some(&old), &new),
            json!({"spec": {"replicas": 2, "serviceName": "nginx"}, "status": {"x": 1}})
        );
    }
}
