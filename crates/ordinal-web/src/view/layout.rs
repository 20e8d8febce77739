//! Where everything goes on the canvas: a pure function of the snapshot.
//!
//! Columns are ordinals (one group of columns per StatefulSet), lanes are nodes (plus a first lane
//! for pods the scheduler has not placed yet), and a storage band at the bottom holds each
//! ordinal's claims and volumes. A pod keeps its column for life, so moving between lanes (being
//! scheduled, rescheduled after a node loss) is a vertical slide, and a claim stays under its
//! column when its pod is gone.

use super::snapshot::{PodView, SetView, Snapshot};
use std::collections::{BTreeMap, BTreeSet};

pub const GUTTER_W: f64 = 148.0;
pub const COL_W: f64 = 152.0;
pub const CARD_W: f64 = 136.0;
pub const CARD_H: f64 = 104.0;
/// Height of the band above the lanes (set cards, stamps, Services) when it holds 3 Services
/// or fewer; more Services make it taller (`Layout::top`).
pub const HEADER_H: f64 = 150.0;
/// A Service's box in the gutter above the lanes.
pub const SERVICE_W: f64 = GUTTER_W - 16.0;
pub const SERVICE_H: f64 = 40.0;
const SERVICE_STEP: f64 = SERVICE_H + 6.0;
/// A lane is a card and 6 px above and below it: no taller than what it holds.
pub const LANE_H: f64 = CARD_H + 12.0;
/// A claim card (`CLAIM_CARD_H`, 78) and the gap to the next row.
pub const CLAIM_H: f64 = 88.0;
pub const GROUP_GAP: f64 = 28.0;
/// A set's card and stamps need this much width even when it has one column.
pub const MIN_GROUP_W: f64 = 2.0 * COL_W;
const PAD: f64 = 12.0;

#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    /// None: the lane of pods not yet scheduled.
    pub node: Option<String>,
    pub y: f64,
    /// The node object is gone (pods still name it).
    pub missing: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub ordinal: i32,
    pub x: f64,
    /// Inside `[start, start + replicas)`: a pod is wanted here.
    pub wanted: bool,
    /// A pod exists for this ordinal.
    pub occupied: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// The StatefulSet name (None: a ReplicaSet's group, or pods nothing owns).
    pub set: Option<String>,
    /// The ReplicaSet (or ReplicationController) whose pods these columns hold; its columns are
    /// positions, oldest pod first, not identities.
    pub replica_set: Option<String>,
    /// The Deployment above that ReplicaSet.
    pub deployment: Option<String>,
    pub x: f64,
    pub width: f64,
    pub columns: Vec<Column>,
    /// x of the partition line (left edge of column `start + partition`), if one applies.
    pub partition_x: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub name: String,
    pub x: f64,
    pub y: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub lanes: Vec<Lane>,
    pub groups: Vec<Group>,
    pub pods: Vec<Placed>,
    pub claims: Vec<Placed>,
    /// Top of the storage band.
    pub storage_y: f64,
    /// Claim template names, one storage row each.
    pub claim_rows: Vec<String>,
    /// Top of the first lane: `HEADER_H`, or more when many Services stack in the gutter.
    pub top: f64,
    /// Every Service, stacked in the gutter above the lanes.
    pub services: Vec<Placed>,
}

impl Group {
    /// The group of pods (and claims) nothing owns.
    pub fn is_loose(&self) -> bool {
        self.set.is_none() && self.replica_set.is_none()
    }
}

impl Layout {
    pub fn lanes_bottom(&self) -> f64 {
        self.top + self.lanes.len() as f64 * LANE_H
    }

    pub fn pod(&self, name: &str) -> Option<&Placed> {
        self.pods.iter().find(|p| p.name == name)
    }

    pub fn claim(&self, name: &str) -> Option<&Placed> {
        self.claims.iter().find(|p| p.name == name)
    }

    pub fn of(s: &Snapshot) -> Layout {
        let services: Vec<Placed> = s
            .services
            .iter()
            .enumerate()
            .map(|(i, v)| Placed {
                name: v.name.clone(),
                x: 8.0,
                y: 8.0 + i as f64 * SERVICE_STEP,
            })
            .collect();
        let top = services
            .last()
            .map_or(HEADER_H, |v| (v.y + SERVICE_H + 8.0).max(HEADER_H));
        let lanes = lanes(s, top);
        let lane_y = |node: Option<&str>| {
            lanes
                .iter()
                .find(|l| l.node.as_deref() == node)
                .map_or(top, |l| l.y)
        };
        let mut groups = Vec::new();
        let mut x = GUTTER_W;
        for name in group_names(s) {
            let set = s.sets.iter().find(|v| v.name == name);
            let ordinals = ordinals(s, &name, set);
            let width = (ordinals.len() as f64 * COL_W).max(MIN_GROUP_W);
            let columns: Vec<Column> = ordinals
                .iter()
                .enumerate()
                .map(|(i, &ordinal)| Column {
                    ordinal,
                    x: x + i as f64 * COL_W,
                    wanted: set
                        .is_some_and(|v| ordinal >= v.start && ordinal < v.start + v.desired),
                    occupied: s
                        .pods
                        .iter()
                        .any(|p| p.set.as_deref() == Some(&name) && p.ordinal == Some(ordinal)),
                })
                .collect();
            let partition_x = set.and_then(|v| partition_x(v, &columns));
            groups.push(Group {
                set: Some(name),
                replica_set: None,
                deployment: None,
                x,
                width,
                columns,
                partition_x,
            });
            x += width + GROUP_GAP;
        }
        // ReplicaSets, a Deployment's side by side (oldest revision first), one column per pod.
        let mut cattle_x: BTreeMap<&str, f64> = BTreeMap::new();
        for (rs, deployment) in replica_set_groups(s) {
            let mut mine: Vec<&PodView> = s
                .pods
                .iter()
                .filter(|p| p.replica_set.as_deref() == Some(rs.as_str()))
                .collect();
            ordinal_sim::sort::sort_by_key(&mut mine, |p| (p.created_ms, p.name.as_str()));
            mine.truncate(super::MAX_COLUMNS);
            let width = (mine.len() as f64 * COL_W).max(MIN_GROUP_W);
            let columns = (0..mine.len())
                .map(|i| Column {
                    ordinal: i as i32,
                    x: x + i as f64 * COL_W,
                    wanted: true,
                    occupied: true,
                })
                .collect::<Vec<_>>();
            for (p, c) in mine.iter().zip(&columns) {
                cattle_x.insert(p.name.as_str(), c.x);
            }
            groups.push(Group {
                set: None,
                replica_set: Some(rs),
                deployment,
                x,
                width,
                columns,
                partition_x: None,
            });
            x += width + GROUP_GAP;
        }
        // Claims nothing stamps or mounts (a shared claim before its pods) get a loose column.
        let idle_claims: Vec<&str> = s
            .claims
            .iter()
            .filter(|c| c.set.is_none() && c.users.is_empty())
            .map(|c| c.name.as_str())
            .collect();
        // Pods no StatefulSet or ReplicaSet holds (bare pods) get a column each, after the sets.
        let loose: Vec<&str> = s
            .pods
            .iter()
            .filter(|p| !cattle_x.contains_key(p.name.as_str()))
            .filter(|p| p.set.is_none() || p.ordinal.is_none())
            .map(|p| p.name.as_str())
            .collect();
        let loose_n = loose.len() + idle_claims.len();
        if loose_n > 0 {
            let width = loose_n as f64 * COL_W;
            groups.push(Group {
                set: None,
                replica_set: None,
                deployment: None,
                x,
                width,
                columns: (0..loose_n)
                    .map(|i| Column {
                        ordinal: i as i32,
                        x: x + i as f64 * COL_W,
                        wanted: false,
                        occupied: true,
                    })
                    .collect(),
                partition_x: None,
            });
            x += width + GROUP_GAP;
        }

        let column_x = |set: &str, ordinal: i32| {
            groups
                .iter()
                .filter(|g| g.set.as_deref() == Some(set))
                .flat_map(|g| g.columns.iter())
                .find(|c| c.ordinal == ordinal)
                .map(|c| c.x)
        };
        let inset = (COL_W - CARD_W) / 2.0;
        let card_dy = (LANE_H - CARD_H) / 2.0;
        let mut pods = Vec::new();
        let mut loose_i = 0;
        for p in &s.pods {
            let col = match (&p.set, p.ordinal) {
                (Some(set), Some(o)) => column_x(set, o),
                _ => None,
            };
            let col = col.or_else(|| cattle_x.get(p.name.as_str()).copied());
            let col = col.or_else(|| {
                let g = groups.iter().find(|g| g.is_loose())?;
                let c = g.columns.get(loose_i)?;
                loose_i += 1;
                Some(c.x)
            });
            if let Some(cx) = col {
                pods.push(Placed {
                    name: p.name.clone(),
                    x: cx + inset,
                    y: lane_y(p.node.as_deref()) + card_dy,
                });
            }
        }

        let claim_rows: Vec<String> = {
            let mut rows: Vec<String> = Vec::new();
            let named = s
                .sets
                .iter()
                .flat_map(|v| v.claim_templates.iter().map(|t| t.name.clone()))
                .chain(s.claims.iter().filter_map(|c| c.template.clone()));
            for t in named {
                if !rows.contains(&t) {
                    rows.push(t);
                }
            }
            rows
        };
        let storage_y = top + lanes.len() as f64 * LANE_H + PAD;
        let idle_x = |name: &str| {
            let g = groups.iter().find(|g| g.is_loose())?;
            let i = idle_claims.iter().position(|c| *c == name)?;
            g.columns.get(loose.len() + i).map(|c| c.x)
        };
        let claims = s
            .claims
            .iter()
            .filter_map(|c| {
                let stamped = c.set.as_deref().zip(c.ordinal);
                let (cx, row) = match stamped {
                    Some((set, o)) => (
                        column_x(set, o)?,
                        claim_rows
                            .iter()
                            .position(|t| Some(t) == c.template.as_ref())?,
                    ),
                    // A claim the pod template names: under the first pod that mounts it, so
                    // every other pod's line runs sideways to the same card.
                    None => {
                        let first = c
                            .users
                            .iter()
                            .find_map(|u| pods.iter().find(|p| p.name == *u));
                        match first {
                            Some(p) => (p.x - inset, 0),
                            None => (idle_x(&c.name)?, 0),
                        }
                    }
                };
                Some(Placed {
                    name: c.name.clone(),
                    x: cx + inset,
                    y: storage_y + row as f64 * CLAIM_H,
                })
            })
            .collect();
        let height = storage_y + claim_rows.len().max(1) as f64 * CLAIM_H + PAD;
        Layout {
            width: (x - GROUP_GAP + PAD).max(GUTTER_W + 3.0 * COL_W),
            height,
            lanes,
            groups,
            pods,
            claims,
            storage_y,
            claim_rows,
            top,
            services,
        }
    }
}

fn lanes(s: &Snapshot, top: f64) -> Vec<Lane> {
    let mut lanes = vec![Lane {
        node: None,
        y: top,
        missing: false,
    }];
    let mut names: Vec<(String, bool)> = s.nodes.iter().map(|n| (n.name.clone(), false)).collect();
    for p in &s.pods {
        if let Some(n) = &p.node {
            if !names.iter().any(|(m, _)| m == n) {
                names.push((n.clone(), true));
            }
        }
    }
    for (i, (name, missing)) in names.into_iter().enumerate() {
        lanes.push(Lane {
            node: Some(name),
            y: top + (i + 1) as f64 * LANE_H,
            missing,
        });
    }
    lanes
}

/// The ReplicaSets drawn, each with its Deployment: those the snapshot shows
/// (`ReplicaSetView::shown`), then owners that survive only in their pods, in name order.
fn replica_set_groups(s: &Snapshot) -> Vec<(String, Option<String>)> {
    let mut out: Vec<(String, Option<String>)> = s
        .replica_sets
        .iter()
        .filter(|r| r.shown(&s.replica_sets))
        .map(|r| (r.name.clone(), r.deployment.clone()))
        .collect();
    let extra: BTreeSet<String> = s
        .pods
        .iter()
        .filter_map(|p| p.replica_set.clone())
        .filter(|n| !out.iter().any(|(m, _)| m == n))
        .collect();
    out.extend(extra.into_iter().map(|n| (n, None)));
    out
}

/// StatefulSets, then sets that only survive in their pods or claims, in name order.
fn group_names(s: &Snapshot) -> Vec<String> {
    let mut names: Vec<String> = s.sets.iter().map(|v| v.name.clone()).collect();
    let extra: BTreeSet<String> = s
        .pods
        .iter()
        .filter(|p| p.ordinal.is_some())
        .filter_map(|p| p.set.clone())
        .chain(s.claims.iter().filter_map(|c| c.set.clone()))
        .filter(|n| !names.contains(n))
        .collect();
    names.extend(extra);
    names
}

/// The ordinals a set's group shows: wanted ones, and any that still have a pod or a claim.
fn ordinals(s: &Snapshot, set: &str, view: Option<&SetView>) -> Vec<i32> {
    let mut o: BTreeSet<i32> = BTreeSet::new();
    if let Some(v) = view {
        // Bounded: a huge replica count must not make a huge canvas.
        o.extend(v.start..v.start + v.desired.clamp(0, super::MAX_COLUMNS as i32));
    }
    o.extend(
        s.pods
            .iter()
            .filter(|p| p.set.as_deref() == Some(set))
            .filter_map(|p| p.ordinal),
    );
    o.extend(
        s.claims
            .iter()
            .filter(|c| c.set.as_deref() == Some(set))
            .filter_map(|c| c.ordinal),
    );
    o.into_iter().take(super::MAX_COLUMNS).collect()
}

/// Partition line: before column `start + partition`, drawn only when it splits something.
fn partition_x(v: &SetView, columns: &[Column]) -> Option<f64> {
    if v.strategy != "RollingUpdate" {
        return None;
    }
    let p = v.partition.filter(|p| *p > 0)?;
    let at = v.start + p;
    match columns.iter().find(|c| c.ordinal >= at) {
        Some(c) => Some(c.x),
        None => columns.last().map(|c| c.x + COL_W),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::fixtures::{claim, node, pod, rolling_update, set};

    #[test]
    fn a_detached_claim_keeps_its_column_and_pods_slide_between_lanes() {
        let s = Snapshot {
            nodes: vec![node("node-1"), node("node-2")],
            pods: vec![
                pod("web-0", "web", 0, Some("node-2")),
                pod("web-1", "web", 1, None),
            ],
            claims: vec![
                claim("www-web-0", "web", 0, Some("web-0")),
                claim("www-web-1", "web", 1, Some("web-1")),
                claim("www-web-2", "web", 2, None),
            ],
            ..Default::default()
        };
        let l = Layout::of(&s);
        let cols: Vec<i32> = l.groups[0].columns.iter().map(|c| c.ordinal).collect();
        assert_eq!(
            cols,
            [0, 1, 2],
            "the scaled-away ordinal 2 keeps a column for its claim"
        );
        assert!(!l.groups[0].columns[2].occupied);
        let (p0, p1) = (l.pod("web-0").unwrap(), l.pod("web-1").unwrap());
        assert!(p0.x < p1.x, "ordinal order left to right");
        assert!(p1.y < p0.y, "unscheduled lane above the node lanes");
        assert_eq!(l.lanes.len(), 3);
        let c2 = l.claim("www-web-2").unwrap();
        assert!(c2.y >= l.lanes_bottom(), "claims sit below the lanes");
        assert_eq!(c2.x, l.claim("www-web-0").unwrap().x + 2.0 * COL_W);
    }

    #[test]
    fn a_pod_on_a_deleted_node_gets_a_lane_marked_missing() {
        let s = Snapshot {
            nodes: vec![node("node-1")],
            pods: vec![pod("web-0", "web", 0, Some("node-9"))],
            ..Default::default()
        };
        let l = Layout::of(&s);
        let lane = l.lanes.last().unwrap();
        assert_eq!(lane.node.as_deref(), Some("node-9"));
        assert!(lane.missing);
        assert_eq!(l.pod("web-0").unwrap().y, lane.y + (LANE_H - CARD_H) / 2.0);
    }

    #[test]
    fn the_partition_line_sits_before_its_ordinal_and_wanted_columns_are_marked() {
        let l = Layout::of(&rolling_update());
        let g = &l.groups[0];
        let wanted: Vec<bool> = g.columns.iter().map(|c| c.wanted).collect();
        assert_eq!(wanted, [true, true, false, false]);
        assert_eq!(g.partition_x, Some(g.columns[1].x));
        let mut s = rolling_update();
        s.sets[0].strategy = "OnDelete".into();
        assert_eq!(Layout::of(&s).groups[0].partition_x, None);
    }

    #[test]
    fn two_sets_get_separate_groups_with_room_for_their_stamps() {
        let s = Snapshot {
            sets: vec![set("par", 1), set("web", 3)],
            ..Default::default()
        };
        let l = Layout::of(&s);
        assert_eq!(l.groups.len(), 2);
        assert_eq!(l.groups[0].width, MIN_GROUP_W);
        assert!(l.groups[1].x >= l.groups[0].x + MIN_GROUP_W + GROUP_GAP);
        assert_eq!(l.groups[1].columns.len(), 3);
    }
}
