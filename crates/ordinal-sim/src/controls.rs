//! Simulation controls: what a real cluster cannot be told (`sim …` commands) — stop or cut
//! off a node, force a probe, crash a container, add or remove a machine, change the timing —
//! and the files inside containers. Every action that changes state is a [`SimAction`] so the
//! replay layer can record and re-run it; reads (`read_file`, `list_dir`) are plain methods.

use crate::api::{Kind, Node, Pod};
use crate::apiserver::DeleteOptions;
use crate::cluster::{Cluster, MAX_NODES};
use crate::controller::kubelet::probes::ProbeOverride;
use crate::controller::kubelet::runtime::ProbeKind;
use crate::controller::kubelet::PodRef;
use crate::fs::{DirEntry, EntryKind, FsError, View};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SimAction {
    /// Change the timing profile (`realistic`, `fast`).
    SetTiming {
        profile: String,
    },
    /// Stop the node's kubelet: containers keep running, but nothing is probed, restarted or
    /// reported; heartbeats stop, so the node goes `Unknown` after the grace period.
    StopKubelet {
        node: String,
    },
    /// Start it again (re-registering the Node if it was deleted).
    StartKubelet {
        node: String,
    },
    /// Partition the node from the control plane: the kubelet keeps running its pods but
    /// cannot read or write the API (no heartbeats, no status, no deletions confirmed).
    CutOffNode {
        node: String,
    },
    ReconnectNode {
        node: String,
    },
    /// Add a machine (name defaults to the next free `node-N`).
    AddNode {
        name: Option<String>,
    },
    /// The machine is gone for good: its kubelet and containers vanish and the Node object is
    /// deleted.
    RemoveNode {
        node: String,
    },
    /// Force a probe result (`fail`/`pass`) or let the handler decide again (`auto`).
    SetProbe {
        namespace: String,
        pod: String,
        container: Option<String>,
        probe: ProbeKind,
        mode: ProbeOverride,
    },
    /// The container's process dies with this exit code (137 = killed); it restarts per the
    /// pod's restartPolicy, with back-off.
    CrashContainer {
        namespace: String,
        pod: String,
        container: Option<String>,
        exit_code: i32,
    },
    /// `echo content > path` (or `>>` with append) inside a container.
    WriteFile {
        namespace: String,
        pod: String,
        container: Option<String>,
        path: String,
        content: String,
        append: bool,
    },
    /// `rm [-r] path`.
    RemoveFile {
        namespace: String,
        pod: String,
        container: Option<String>,
        path: String,
        recursive: bool,
    },
    /// `mkdir [-p] path`.
    MakeDir {
        namespace: String,
        pod: String,
        container: Option<String>,
        path: String,
        parents: bool,
    },
    /// `mv from to`.
    Rename {
        namespace: String,
        pod: String,
        container: Option<String>,
        from: String,
        to: String,
    },
    /// `ln -s target path`.
    Symlink {
        namespace: String,
        pod: String,
        container: Option<String>,
        target: String,
        path: String,
    },
}

impl Cluster {
    /// Applies a simulation control; returns a one-line confirmation or an error message.
    pub fn apply_sim(&mut self, action: &SimAction) -> Result<String, String> {
        match action {
            SimAction::SetTiming { profile } => {
                let t = crate::timing::TimingProfile::by_name(profile).ok_or_else(|| {
                    format!(
                        "unknown timing profile \"{profile}\" (known: {})",
                        crate::timing::TimingProfile::NAMES.join(", ")
                    )
                })?;
                self.timing = t;
                Ok(format!("timing profile set to {profile}"))
            }
            SimAction::StopKubelet { node } => {
                self.require_agent(node)?;
                let changed = self.with_kubelets(|k, ctx| k.set_running(ctx, node, false));
                Ok(if changed {
                    format!("node/{node}: kubelet stopped")
                } else {
                    format!("node/{node}: kubelet already stopped")
                })
            }
            SimAction::StartKubelet { node } => {
                self.require_agent(node)?;
                if self.api.get::<Node>("", node).is_none() {
                    self.add_node(node).map_err(|e| e.to_string())?;
                }
                let changed = self.with_kubelets(|k, ctx| k.set_running(ctx, node, true));
                Ok(if changed {
                    format!("node/{node}: kubelet started")
                } else {
                    format!("node/{node}: kubelet already running")
                })
            }
            SimAction::CutOffNode { node } => {
                self.require_agent(node)?;
                let changed = self.with_kubelets(|k, ctx| k.set_cut_off(ctx, node, true));
                Ok(if changed {
                    format!("node/{node}: cut off from the control plane")
                } else {
                    format!("node/{node}: already cut off")
                })
            }
            SimAction::ReconnectNode { node } => {
                self.require_agent(node)?;
                let changed = self.with_kubelets(|k, ctx| k.set_cut_off(ctx, node, false));
                Ok(if changed {
                    format!("node/{node}: reconnected")
                } else {
                    format!("node/{node}: already connected")
                })
            }
            SimAction::AddNode { name } => {
                if self.api.store.count(Kind::Node) >= MAX_NODES {
                    return Err(format!(
                        "the simulated cluster has at most {MAX_NODES} nodes"
                    ));
                }
                let name = match name {
                    Some(n) => n.clone(),
                    None => (1..)
                        .map(|i| format!("node-{i}"))
                        .find(|n| {
                            self.api.get::<Node>("", n).is_none()
                                && !self.kubelet.nodes.contains_key(n)
                        })
                        .unwrap_or_default(),
                };
                self.add_node(&name).map_err(|e| e.to_string())?;
                Ok(format!("node/{name} added"))
            }
            SimAction::RemoveNode { node } => {
                self.require_agent(node)?;
                let uids: Vec<String> = self
                    .kubelet
                    .nodes
                    .get(node)
                    .map(|a| a.pods.keys().cloned().collect())
                    .unwrap_or_default();
                for uid in uids {
                    self.kubelet.fs.drop_pod(&uid);
                }
                self.kubelet.nodes.remove(node);
                if self.api.get::<Node>("", node).is_some() {
                    self.delete(Kind::Node, "", node, &DeleteOptions::default())
                        .map_err(|e| e.to_string())?;
                }
                Ok(format!("node/{node} removed"))
            }
            SimAction::SetProbe {
                namespace,
                pod,
                container,
                probe,
                mode,
            } => {
                let (p, c) = self
                    .find_container(namespace, pod, container.as_deref())
                    .map_err(|e| e.to_string())?;
                let spec = p
                    .spec
                    .containers
                    .iter()
                    .find(|x| x.name == c)
                    .cloned()
                    .unwrap_or_default();
                let has = match probe {
                    ProbeKind::Readiness => spec.readiness_probe.is_some(),
                    ProbeKind::Liveness => spec.liveness_probe.is_some(),
                    ProbeKind::Startup => spec.startup_probe.is_some(),
                };
                let word = probe.title().to_ascii_lowercase();
                if !has {
                    return Err(format!(
                        "container \"{c}\" in pod \"{pod}\" has no {word} probe"
                    ));
                }
                let k = (p.metadata.uid.clone(), c.clone(), *probe);
                match mode {
                    ProbeOverride::Auto => self.kubelet.overrides.remove(&k),
                    m => self.kubelet.overrides.insert(k, *m),
                };
                let how = match mode {
                    ProbeOverride::Auto => "runs its handler again",
                    ProbeOverride::Fail => "forced to fail",
                    ProbeOverride::Pass => "forced to pass",
                };
                Ok(format!("pod/{pod} container {c}: {word} probe {how}"))
            }
            SimAction::CrashContainer {
                namespace,
                pod,
                container,
                exit_code,
            } => {
                let (p, c) = self
                    .find_container(namespace, pod, container.as_deref())
                    .map_err(|e| e.to_string())?;
                let pr = PodRef {
                    node: p.spec.node_name.clone(),
                    uid: p.metadata.uid.clone(),
                };
                self.reachable(&p, &c).map_err(|e| e.to_string())?;
                let idx = p
                    .spec
                    .containers
                    .iter()
                    .position(|x| x.name == c)
                    .unwrap_or(0);
                let code = *exit_code;
                let crashed = self.with_kubelets(|k, ctx| k.crash_container(ctx, &pr, idx, code));
                if !crashed {
                    return Err(FsError::ContainerNotRunning {
                        pod: pod.clone(),
                        container: c,
                    }
                    .to_string());
                }
                Ok(format!("pod/{pod} container {c} exited with code {code}"))
            }
            SimAction::WriteFile {
                namespace,
                pod,
                container,
                path,
                content,
                append,
            } => self
                .write_file(namespace, pod, container.as_deref(), path, content, *append)
                .map(|_| format!("wrote {path}"))
                .map_err(|e| e.to_string()),
            SimAction::RemoveFile {
                namespace,
                pod,
                container,
                path,
                recursive,
            } => self
                .remove_file(namespace, pod, container.as_deref(), path, *recursive)
                .map(|_| format!("removed {path}"))
                .map_err(|e| e.to_string()),
            SimAction::MakeDir {
                namespace,
                pod,
                container,
                path,
                parents,
            } => self
                .make_dir(namespace, pod, container.as_deref(), path, *parents)
                .map(|_| format!("created {path}"))
                .map_err(|e| e.to_string()),
            SimAction::Rename {
                namespace,
                pod,
                container,
                from,
                to,
            } => self
                .rename(namespace, pod, container.as_deref(), from, to)
                .map(|_| format!("moved {from} to {to}"))
                .map_err(|e| e.to_string()),
            SimAction::Symlink {
                namespace,
                pod,
                container,
                target,
                path,
            } => self
                .symlink(namespace, pod, container.as_deref(), target, path)
                .map(|_| format!("linked {path} -> {target}"))
                .map_err(|e| e.to_string()),
        }
    }

    fn require_agent(&self, node: &str) -> Result<(), String> {
        if self.kubelet.nodes.contains_key(node) {
            Ok(())
        } else {
            Err(format!("nodes \"{node}\" not found"))
        }
    }

    /// The pod and the container name (`None`: the first container, as kubectl defaults).
    fn find_container(
        &self,
        namespace: &str,
        pod: &str,
        container: Option<&str>,
    ) -> Result<(Pod, String), FsError> {
        let p = self
            .api
            .get::<Pod>(namespace, pod)
            .cloned()
            .ok_or_else(|| FsError::PodNotFound {
                namespace: namespace.into(),
                pod: pod.into(),
            })?;
        let name = match container {
            Some(c) => c.to_string(),
            None => p
                .spec
                .containers
                .first()
                .map(|c| c.name.clone())
                .unwrap_or_default(),
        };
        if !p.spec.containers.iter().any(|c| c.name == name) {
            return Err(FsError::ContainerNotFound {
                pod: pod.into(),
                container: name,
            });
        }
        Ok((p, name))
    }

    /// Exec reaches a container through its kubelet, which must be up and reachable, and the
    /// container must be running.
    fn reachable(&self, p: &Pod, container: &str) -> Result<(), FsError> {
        let node = &p.spec.node_name;
        let not_running = || FsError::ContainerNotRunning {
            pod: p.metadata.name.clone(),
            container: container.into(),
        };
        if node.is_empty() {
            return Err(not_running());
        }
        let agent = self
            .kubelet
            .agent(node)
            .ok_or_else(|| FsError::NodeUnreachable { node: node.clone() })?;
        if !agent.connected() {
            return Err(FsError::NodeUnreachable { node: node.clone() });
        }
        let rt = agent.pods.get(&p.metadata.uid).ok_or_else(not_running)?;
        let running = rt
            .containers
            .iter()
            .any(|c| c.name == container && c.state.is_running());
        if running {
            Ok(())
        } else {
            Err(not_running())
        }
    }

    /// The view of a running container's files.
    fn exec_view(
        &self,
        namespace: &str,
        pod: &str,
        container: Option<&str>,
    ) -> Result<View, FsError> {
        let (p, c) = self.find_container(namespace, pod, container)?;
        self.reachable(&p, &c)?;
        self.kubelet
            .container_view(&self.api.store, &p, &c)
            .ok_or(FsError::ContainerNotFound {
                pod: pod.into(),
                container: c,
            })
    }

    /// `cat path` in a container.
    pub fn read_file(
        &self,
        namespace: &str,
        pod: &str,
        container: Option<&str>,
        path: &str,
    ) -> Result<String, FsError> {
        let v = self.exec_view(namespace, pod, container)?;
        self.kubelet.fs.read(&v, path)
    }

    /// `ls path` in a container: a directory's entries, or the file itself.
    pub fn list_dir(
        &self,
        namespace: &str,
        pod: &str,
        container: Option<&str>,
        path: &str,
    ) -> Result<Vec<DirEntry>, FsError> {
        let v = self.exec_view(namespace, pod, container)?;
        self.kubelet.fs.list(&v, path)
    }

    /// What kind of entry `path` is, following links.
    pub fn stat_file(
        &self,
        namespace: &str,
        pod: &str,
        container: Option<&str>,
        path: &str,
    ) -> Result<EntryKind, FsError> {
        let v = self.exec_view(namespace, pod, container)?;
        self.kubelet.fs.stat(&v, path)
    }

    /// Prefer [`SimAction::WriteFile`] (recorded for replay).
    pub fn write_file(
        &mut self,
        namespace: &str,
        pod: &str,
        container: Option<&str>,
        path: &str,
        content: &str,
        append: bool,
    ) -> Result<(), FsError> {
        let v = self.exec_view(namespace, pod, container)?;
        self.kubelet.fs.write(&v, path, content, append)
    }

    /// Prefer [`SimAction::RemoveFile`].
    pub fn remove_file(
        &mut self,
        namespace: &str,
        pod: &str,
        container: Option<&str>,
        path: &str,
        recursive: bool,
    ) -> Result<(), FsError> {
        let v = self.exec_view(namespace, pod, container)?;
        self.kubelet.fs.remove(&v, path, recursive)
    }

    /// Prefer [`SimAction::MakeDir`].
    pub fn make_dir(
        &mut self,
        namespace: &str,
        pod: &str,
        container: Option<&str>,
        path: &str,
        parents: bool,
    ) -> Result<(), FsError> {
        let v = self.exec_view(namespace, pod, container)?;
        self.kubelet.fs.mkdir(&v, path, parents)
    }

    /// Prefer [`SimAction::Rename`].
    pub fn rename(
        &mut self,
        namespace: &str,
        pod: &str,
        container: Option<&str>,
        from: &str,
        to: &str,
    ) -> Result<(), FsError> {
        let v = self.exec_view(namespace, pod, container)?;
        self.kubelet.fs.rename(&v, from, to)
    }

    /// Prefer [`SimAction::Symlink`].
    pub fn symlink(
        &mut self,
        namespace: &str,
        pod: &str,
        container: Option<&str>,
        target: &str,
        path: &str,
    ) -> Result<(), FsError> {
        let v = self.exec_view(namespace, pod, container)?;
        self.kubelet.fs.symlink(&v, target, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_round_trip_through_json() {
        let a = SimAction::SetProbe {
            namespace: "default".into(),
            pod: "web-0".into(),
            container: None,
            probe: ProbeKind::Readiness,
            mode: ProbeOverride::Fail,
        };
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(
            json,
            r#"{"SetProbe":{"namespace":"default","pod":"web-0","container":null,"probe":"readiness","mode":"fail"}}"#
        );
        assert_eq!(serde_json::from_str::<SimAction>(&json).unwrap(), a);
    }
}
