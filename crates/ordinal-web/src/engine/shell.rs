//! Runs a command line against the simulation.
//!
//! Interim: a handful of kubectl verbs (apply -f -, scale, delete) so scenarios play before the
//! kubectl layer (`ordinal_kubectl::Session`) lands; this file is replaced by a thin adapter then.

use super::yaml;
use ordinal_sim::api::{Kind, Object, StatefulSet};
use ordinal_sim::apiserver::DeleteOptions;
use ordinal_sim::{Input, Outcome, Simulation};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct CommandOutput {
    pub stdout: String,
    pub stderr: String,
    pub exit_code: i32,
}

impl CommandOutput {
    fn ok(stdout: String) -> Self {
        CommandOutput {
            stdout,
            stderr: String::new(),
            exit_code: 0,
        }
    }

    fn err(stderr: String) -> Self {
        CommandOutput {
            stdout: String::new(),
            stderr,
            exit_code: 1,
        }
    }
}

#[derive(Clone, Debug)]
pub struct Shell {
    sim: Simulation,
}

impl Shell {
    pub fn new(sim: Simulation) -> Self {
        Shell { sim }
    }

    pub fn sim(&self) -> &Simulation {
        &self.sim
    }

    pub fn sim_mut(&mut self) -> &mut Simulation {
        &mut self.sim
    }

    pub fn run(&mut self, line: &str, stdin: &str) -> CommandOutput {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["kubectl", "apply", "-f", "-"] => self.apply(stdin),
            ["kubectl", "scale", kind, name, flag] if is_sts(kind) => {
                match flag
                    .strip_prefix("--replicas=")
                    .and_then(|n| n.parse().ok())
                {
                    Some(n) => self.scale(name, n),
                    None => CommandOutput::err("error: --replicas=COUNT is required\n".into()),
                }
            }
            ["kubectl", "delete", "pod", name, rest @ ..] => {
                let force = rest.contains(&"--force");
                let grace = rest
                    .iter()
                    .find_map(|f| f.strip_prefix("--grace-period="))
                    .and_then(|g| g.parse().ok());
                self.delete_pod(name, grace, force)
            }
            [] => CommandOutput::default(),
            _ => CommandOutput::err(format!(
                "error: this command is not available yet in the browser: {line}\n"
            )),
        }
    }

    fn apply(&mut self, manifest: &str) -> CommandOutput {
        let docs = match yaml::parse_documents(manifest) {
            Ok(d) => d,
            Err(e) => return CommandOutput::err(format!("error: error parsing STDIN: {e}\n")),
        };
        let mut out = String::new();
        let mut err = String::new();
        for d in docs {
            let kind_name = d.value["kind"].as_str().unwrap_or_default().to_string();
            let Some(kind) = Kind::from_name(&kind_name) else {
                err.push_str(&format!(
                    "error: resource mapping not found for kind \"{kind_name}\"\n"
                ));
                continue;
            };
            let obj = match Object::from_json(kind, d.value) {
                Ok(o) => o,
                Err(e) => {
                    err.push_str(&format!("error: error decoding STDIN: {e}\n"));
                    continue;
                }
            };
            let meta = obj.meta();
            let (ns, name) = (meta.namespace.clone(), meta.name.clone());
            let ns = if ns.is_empty() && kind.namespaced() {
                "default".to_string()
            } else {
                ns
            };
            let exists = self
                .sim
                .cluster()
                .api
                .store
                .get_object(kind, &ns, &name)
                .is_some();
            let input = if exists {
                Input::Update(obj)
            } else {
                Input::Create(obj)
            };
            let what = format!("{}/{name}", kind.plural().trim_end_matches('s'));
            let what = match kind {
                Kind::StatefulSet => format!("statefulset.apps/{name}"),
                _ => what,
            };
            match self.sim.apply(input) {
                Ok(_) => out.push_str(&format!(
                    "{what} {}\n",
                    if exists { "configured" } else { "created" }
                )),
                Err(e) => err.push_str(&format!("Error from server: {e}\n")),
            }
        }
        CommandOutput {
            exit_code: i32::from(!err.is_empty()),
            stdout: out,
            stderr: err,
        }
    }

    fn scale(&mut self, name: &str, replicas: i32) -> CommandOutput {
        let Some(set) = self.sim.cluster().api.get::<StatefulSet>("default", name) else {
            return CommandOutput::err(format!(
                "Error from server (NotFound): statefulsets.apps \"{name}\" not found\n"
            ));
        };
        let mut set = set.clone();
        set.spec.replicas = Some(replicas);
        match self.sim.apply(Input::Update(Object::StatefulSet(set))) {
            Ok(_) => CommandOutput::ok(format!("statefulset.apps/{name} scaled\n")),
            Err(e) => CommandOutput::err(format!("Error from server: {e}\n")),
        }
    }

    fn delete_pod(&mut self, name: &str, grace: Option<i64>, force: bool) -> CommandOutput {
        let opts = DeleteOptions {
            grace_period_seconds: grace,
            ..Default::default()
        };
        let input = Input::Delete {
            kind: Kind::Pod,
            namespace: "default".into(),
            name: name.into(),
            opts,
        };
        let warn = if force {
            "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n"
        } else {
            ""
        };
        match self.sim.apply(input) {
            Ok(Outcome::Object(_)) | Ok(Outcome::Message(_)) => CommandOutput {
                stdout: if force {
                    format!("pod \"{name}\" force deleted\n")
                } else {
                    format!("pod \"{name}\" deleted\n")
                },
                stderr: warn.into(),
                exit_code: 0,
            },
            Err(e) => CommandOutput::err(format!("Error from server (NotFound): {e}\n")),
        }
    }
}

fn is_sts(kind: &str) -> bool {
    matches!(
        kind,
        "sts" | "statefulset" | "statefulsets" | "statefulset.apps"
    )
}
