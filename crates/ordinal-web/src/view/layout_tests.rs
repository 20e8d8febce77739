//! The layout over every guided scenario's states: nothing drawn on top of anything else, and
//! everything that exists is drawn (claims after their set is gone, every Service).

use super::layout::{Layout, CARD_H, CARD_W, COL_W, LANE_H};
use crate::components::claim_card::CLAIM_CARD_H;
use crate::engine::Engine;
use crate::scenarios::walk::every_second;
use crate::scenarios::ALL;
use crate::view::Snapshot;

#[derive(Debug)]
struct Box_ {
    what: String,
    x: f64,
    y: f64,
    w: f64,
    h: f64,
}

impl Box_ {
    fn overlaps(&self, o: &Box_) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }
}

fn boxes(l: &Layout) -> Vec<Box_> {
    let mut out = Vec::new();
    for p in &l.pods {
        out.push(Box_ {
            what: format!("pod {}", p.name),
            x: p.x,
            y: p.y,
            w: CARD_W,
            h: CARD_H,
        });
    }
    for c in &l.claims {
        out.push(Box_ {
            what: format!("claim {}", c.name),
            x: c.x,
            y: c.y,
            w: CARD_W,
            h: CLAIM_CARD_H,
        });
    }
    for s in &l.services {
        out.push(Box_ {
            what: format!("service {}", s.name),
            x: s.x,
            y: s.y,
            w: super::layout::SERVICE_W,
            h: super::layout::SERVICE_H,
        });
    }
    let inset = (COL_W - CARD_W) / 2.0;
    for g in &l.groups {
        // A wanted ordinal without a pod is drawn as a ghost card in the first lane.
        for c in g
            .columns
            .iter()
            .filter(|c| g.set.is_some() && c.wanted && !c.occupied)
        {
            out.push(Box_ {
                what: format!("ghost {:?}-{}", g.set, c.ordinal),
                x: c.x + inset,
                y: l.top + (LANE_H - CARD_H) / 2.0,
                w: CARD_W,
                h: CARD_H,
            });
        }
        if let Some(x) = g.partition_x {
            out.push(Box_ {
                what: "partition tag".into(),
                x: x - 44.0,
                y: l.top - 16.0,
                w: 88.0,
                h: 18.0,
            });
        }
        out.push(Box_ {
            what: format!("header {:?}{:?}", g.set, g.replica_set),
            x: g.x,
            y: 0.0,
            w: g.width,
            // The set card and its stamps end 8 px above the partition tag's row.
            h: l.top - 24.0,
        });
    }
    out
}

/// Every scenario, one state per simulated second from its start to its end.
fn every_state(mut check: impl FnMut(&str, u64, &Snapshot, &Layout)) {
    for sc in ALL {
        every_second(sc, |_, s| check(sc.id, s.now / 1000, s, &Layout::of(s)));
    }
}

#[test]
fn no_two_boxes_overlap_and_everything_that_exists_is_drawn() {
    let mut states = 0;
    every_state(|id, t, s, l| {
        states += 1;
        let b = boxes(l);
        for (i, a) in b.iter().enumerate() {
            assert!(
                a.x >= 0.0
                    && a.y >= 0.0
                    && a.x + a.w <= l.width + 0.5
                    && a.y + a.h <= l.height + 0.5,
                "{id} at {t}s: {a:?} outside the {}×{} canvas",
                l.width,
                l.height
            );
            for o in &b[i + 1..] {
                assert!(
                    !a.overlaps(o),
                    "{id} at {t}s: {} overlaps {} ({a:?}, {o:?})",
                    a.what,
                    o.what
                );
            }
        }
        for p in &s.pods {
            assert!(
                l.pod(&p.name).is_some(),
                "{id} at {t}s: pod {} not drawn",
                p.name
            );
        }
        for c in &s.claims {
            assert!(
                l.claim(&c.name).is_some(),
                "{id} at {t}s: claim {} not drawn",
                c.name
            );
        }
        assert_eq!(
            l.services.len(),
            s.services.len(),
            "{id} at {t}s: every Service drawn"
        );
    });
    assert!(states > 500, "{states} states checked");
}

#[test]
fn claims_stay_drawn_after_their_set_is_deleted() {
    for (id, end) in [("retention-policy", 74), ("delete-without-scaling", 54)] {
        let sc = crate::scenarios::Scenario::by_id(id).unwrap();
        let mut e = Engine::new(sc);
        while !e.advance_to(end * 1000) {}
        let s = e.snapshot();
        assert!(s.sets.is_empty(), "{id}: the set is gone");
        assert!(!s.claims.is_empty(), "{id}: the claims remain");
        let l = Layout::of(&s);
        let names: Vec<&str> = l.claims.iter().map(|c| c.name.as_str()).collect();
        let want: Vec<&str> = s.claims.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, want, "{id}: every claim drawn");
        // In ordinal order, each under its old ordinal's column.
        let xs: Vec<f64> = l.claims.iter().map(|c| c.x).collect();
        assert!(
            xs.windows(2).all(|w| w[0] < w[1]),
            "{id}: {names:?} at {xs:?}"
        );
    }
}

#[test]
fn thirty_pods_and_two_digit_ordinals_get_a_column_each_in_ordinal_order() {
    use crate::view::fixtures::{claim, node, pod, set};
    let mut s = Snapshot {
        nodes: vec![node("node-1"), node("node-2"), node("node-3")],
        sets: vec![set("web", 30)],
        ..Default::default()
    };
    // Listed in the API server's byte order (web-10 before web-2), as a list returns them.
    let mut names: Vec<i32> = (0..30).collect();
    names.sort_by_key(|o| o.to_string());
    for o in names {
        let n = format!("node-{}", o % 3 + 1);
        s.pods.push(pod(&format!("web-{o}"), "web", o, Some(&n)));
        s.claims.push(claim(
            &format!("www-web-{o}"),
            "web",
            o,
            Some(&format!("web-{o}")),
        ));
    }
    let l = Layout::of(&s);
    let b = boxes(&l);
    for (i, a) in b.iter().enumerate() {
        for o in &b[i + 1..] {
            assert!(!a.overlaps(o), "{} overlaps {}", a.what, o.what);
        }
    }
    let x = |name: &str| l.pod(name).unwrap().x;
    assert!(x("web-2") < x("web-10") && x("web-9") < x("web-10") && x("web-10") < x("web-29"));
    assert_eq!(l.groups[0].columns.len(), 30);
}
