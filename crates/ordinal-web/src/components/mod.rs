//! One component per file. Components render props (snapshots, frames) and report intents
//! through callbacks; none of them touches the engine.
//!
//! Computed styles are set as the `style` *property* (`~style`, i.e. CSSOM), never as an
//! attribute: the page runs under `style-src 'self'`, which blocks style attributes.

pub mod action_menu;
pub mod canvas;
pub mod challenge_panel;
pub mod challenge_picker;
pub mod challenge_result;
pub mod claim_card;
pub mod completion;
pub mod console;
pub mod controller_panel;
pub mod controls;
pub mod dns_panel;
pub mod drawing;
pub mod events_panel;
pub mod icons;
pub mod lane;
pub mod learn_more;
pub mod legend;
pub mod link_banner;
pub mod live_region;
pub mod menu_anchor;
pub mod narration;
pub mod placement;
pub mod pod_card;
pub mod scenario_picker;
pub mod set_header;
pub mod share_box;
pub mod svg_text;
pub mod transcript;
pub mod workload_header;
pub mod workload_panel;
pub mod yaml_editor;
