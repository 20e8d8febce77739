//! Simulation controls: what a real cluster cannot be told (`sim …` commands). Every action is
//! data so the replay layer can record and re-run it.
//! (Placeholder contract; the node-side components implement the behaviour.)

use crate::cluster::Cluster;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SimAction {
    /// Change the timing profile (`realistic`, `fast`).
    SetTiming { profile: String },
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
        }
    }
}
