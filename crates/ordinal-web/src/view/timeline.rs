//! The timeline's marks: one per command, except that commands too close to tell apart share
//! one mark, so the scrubber holds at most `MARK_SLOTS` of them however many commands ran.

use crate::engine::Actor;
use crate::state::Mark;
use ordinal_sim::Millis;

/// Most marks drawn: the timeline is cut into this many slots, a few pixels each.
pub const MARK_SLOTS: u64 = 200;
/// Commands a merged mark's tooltip lists before "+N more".
const TITLE_LINES: usize = 3;

/// One drawn mark: the commands in one slot of the timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct MarkGroup {
    /// Where the first of its commands sits, in percent of the timeline.
    pub pct: f64,
    /// Any of them the learner's (drawn as the learner's).
    pub by_user: bool,
    pub count: usize,
    pub title: String,
}

/// Groups `marks` (in time order) by slot of a timeline `extent` long.
pub fn group_marks(marks: &[Mark], extent: Millis) -> Vec<MarkGroup> {
    let extent = extent.max(1);
    let slot = |at: Millis| {
        (u128::from(at.min(extent)) * u128::from(MARK_SLOTS - 1) / u128::from(extent)) as u64
    };
    let mut groups: Vec<(u64, &[Mark])> = Vec::new();
    let mut start = 0;
    for i in 1..=marks.len() {
        if i == marks.len() || slot(marks[i].at) != slot(marks[start].at) {
            if start < marks.len() {
                groups.push((slot(marks[start].at), &marks[start..i]));
            }
            start = i;
        }
    }
    groups
        .into_iter()
        .map(|(_, ms)| MarkGroup {
            pct: 100.0 * ms[0].at.min(extent) as f64 / extent as f64,
            by_user: ms.iter().any(|m| m.by == Actor::User),
            count: ms.len(),
            title: title(ms),
        })
        .collect()
}

fn title(ms: &[Mark]) -> String {
    let line = |m: &Mark| {
        let who = match m.by {
            Actor::User => "you",
            Actor::Scenario => "scenario",
        };
        format!("{} — {who}: {}", clock(m.at), m.line)
    };
    let mut lines: Vec<String> = ms.iter().take(TITLE_LINES).map(line).collect();
    if ms.len() > TITLE_LINES {
        lines.push(format!("+{} more", ms.len() - TITLE_LINES));
    }
    lines.join("\n")
}

fn clock(ms: Millis) -> String {
    crate::components::controls::clock(ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(at: Millis, by: Actor, line: &str) -> Mark {
        Mark {
            at,
            line: line.into(),
            by,
        }
    }

    #[test]
    fn marks_apart_stay_apart_and_marks_together_merge() {
        let marks = [
            mark(0, Actor::Scenario, "kubectl apply -f web.yaml"),
            mark(50_000, Actor::User, "kubectl scale sts web --replicas=4"),
            mark(50_010, Actor::Scenario, "kubectl get pods"),
        ];
        let groups = group_marks(&marks, 100_000);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].pct, 0.0);
        assert!(!groups[0].by_user);
        assert_eq!(
            groups[0].title,
            "0:00.000 — scenario: kubectl apply -f web.yaml"
        );
        assert_eq!(
            (groups[1].pct, groups[1].count, groups[1].by_user),
            (50.0, 2, true)
        );
        assert_eq!(
            groups[1].title,
            "0:50.000 — you: kubectl scale sts web --replicas=4\n0:50.010 — scenario: kubectl get pods"
        );
    }

    #[test]
    fn thousands_of_commands_draw_at_most_the_slots() {
        // 2,000 commands a second apart, and 3,000 more in one instant at the end.
        let mut marks: Vec<Mark> = (0..2_000)
            .map(|i| mark(i * 1_000, Actor::User, "sleep 1"))
            .collect();
        marks.extend((0..3_000).map(|_| mark(2_000_000, Actor::User, "kubectl get pods")));
        let groups = group_marks(&marks, 2_000_000);
        assert!(groups.len() <= MARK_SLOTS as usize, "{}", groups.len());
        assert!(
            groups.len() >= MARK_SLOTS as usize - 1,
            "the timeline stays covered"
        );
        assert_eq!(groups.iter().map(|g| g.count).sum::<usize>(), 5_000);
        let last = groups.last().unwrap();
        assert_eq!((last.pct, last.count), (100.0, 3_000));
        assert!(last.title.ends_with("\n+2997 more"), "{}", last.title);
        assert_eq!(last.title.lines().count(), TITLE_LINES + 1);
    }
}
