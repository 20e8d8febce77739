//! Named latency profiles: how long simulated work takes. Every latency gets seeded jitter.

#[derive(Clone, Debug, PartialEq)]
pub struct TimingProfile {
    pub name: &'static str,
    /// Delay between a watch event and the controller's sync of the key.
    pub controller_sync_ms: u64,
    /// Delay between a pod becoming schedulable and its binding.
    pub scheduler_ms: u64,
    /// Pulling an image a node has not seen yet.
    pub image_pull_ms: u64,
    /// Creating and starting a container once the image is present.
    pub container_start_ms: u64,
    /// Dynamic provisioning of a volume.
    pub provision_ms: u64,
    /// Attaching and mounting a volume on a node.
    pub attach_ms: u64,
    /// EndpointSlice controller reaction.
    pub endpoints_ms: u64,
    /// Kubelet node status heartbeat period.
    pub heartbeat_ms: u64,
    /// How long a container takes to exit after SIGTERM (capped by the grace period).
    pub container_stop_ms: u64,
    /// Jitter applied to every latency, in per-mille of the base value.
    pub jitter_permille: u64,
}

impl TimingProfile {
    pub fn realistic() -> Self {
        TimingProfile {
            name: "realistic",
            controller_sync_ms: 15,
            scheduler_ms: 40,
            image_pull_ms: 3_000,
            container_start_ms: 900,
            provision_ms: 1_500,
            attach_ms: 600,
            endpoints_ms: 30,
            heartbeat_ms: 10_000,
            container_stop_ms: 1_500,
            jitter_permille: 250,
        }
    }

    pub fn fast() -> Self {
        TimingProfile {
            name: "fast",
            controller_sync_ms: 5,
            scheduler_ms: 10,
            image_pull_ms: 300,
            container_start_ms: 100,
            provision_ms: 150,
            attach_ms: 50,
            endpoints_ms: 10,
            heartbeat_ms: 10_000,
            container_stop_ms: 200,
            jitter_permille: 200,
        }
    }

    pub fn by_name(name: &str) -> Option<Self> {
        match name {
            "realistic" => Some(Self::realistic()),
            "fast" => Some(Self::fast()),
            _ => None,
        }
    }

    pub const NAMES: [&'static str; 2] = ["realistic", "fast"];
}
