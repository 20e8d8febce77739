//! The storage group (storage.k8s.io/v1): StorageClass.

use super::meta::*;
use super::schema::*;

pub const STORAGE_CLASS: Schema = Schema {
    name: "StorageClass",
    description: "StorageClass is a kind of storage a cluster offers: which provisioner makes its volumes and with what settings. Claims name a class to get a volume made for them.",
    fields: &[
        f("allowVolumeExpansion", BOOL, "Whether claims of this class may grow."),
        API_VERSION,
        KIND,
        METADATA,
        req("provisioner", STR, "The provisioner that creates the class's volumes."),
        e("reclaimPolicy", &["Delete", "Recycle", "Retain"], "What happens to a volume of this class when its claim is deleted. Defaults to Delete."),
        e("volumeBindingMode", &["Immediate", "WaitForFirstConsumer"], "Immediate provisions and binds at once; WaitForFirstConsumer waits for a pod to use the claim, so the volume is made where the pod is scheduled."),
    ],
};
